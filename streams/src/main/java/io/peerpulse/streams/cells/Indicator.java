package io.peerpulse.streams.cells;

import java.util.EnumSet;
import java.util.Set;

/**
 * Indicator ids (stable API) with the period types they are published for and how a value follows
 * from numerator and denominator (spec/indicators.md).
 */
public enum Indicator {
  ACTIVE_ENROLMENTS(Scale.COUNT, PeriodType.values()),
  REACH_30(Scale.PERCENT, PeriodType.values()),
  MIN_DOSE_3(Scale.PERCENT, PeriodType.values()),
  DAYS_TO_FIRST_CONTACT(Scale.MEDIAN, PeriodType.values()),
  CONTACTS_PER_PERSON_MONTH(Scale.PER_PERSON_MONTH, PeriodType.MONTH, PeriodType.ROLLING_28D),
  DISENGAGED_60(Scale.PERCENT, PeriodType.MONTH),
  FOLLOW_UP_7(Scale.PERCENT, PeriodType.values()),
  FOLLOW_UP_30(Scale.PERCENT, PeriodType.values()),
  READMISSION_30(Scale.PERCENT, PeriodType.values()),
  RELAPSE_RATE(Scale.PER_100_PERSON_MONTHS, PeriodType.values()),
  BED_DAYS(Scale.PER_PERSON_MONTH, PeriodType.values()),
  INVOLUNTARY_ADMISSIONS(Scale.PER_100_PERSON_MONTHS, PeriodType.values());

  /** Days in an average month: person-months = person-days / 30.4375. */
  public static final double DAYS_PER_MONTH = 30.4375;

  private final Scale scale;
  private final Set<PeriodType> periodTypes;

  Indicator(Scale scale, PeriodType first, PeriodType... rest) {
    this.scale = scale;
    this.periodTypes = EnumSet.of(first, rest);
  }

  Indicator(Scale scale, PeriodType[] all) {
    this(scale, all[0], java.util.Arrays.copyOfRange(all, 1, all.length));
  }

  public Scale scale() {
    return scale;
  }

  public Set<PeriodType> periodTypes() {
    return periodTypes;
  }

  /** How a value follows from numerator and denominator. */
  public enum Scale {
    /** value = numerator; no denominator. */
    COUNT,
    /** value = 100 * numerator / denominator. */
    PERCENT,
    /** value = numerator / (denominator / 30.4375); denominator in person-days. */
    PER_PERSON_MONTH,
    /** value = 100 * numerator / (denominator / 30.4375); denominator in person-days. */
    PER_100_PERSON_MONTHS,
    /** value = median of the member values; numerator = their count; no denominator. */
    MEDIAN;

    /** The value for a numerator and denominator, null when undefined (denominator 0). */
    public Double value(double numerator, Double denominator) {
      return switch (this) {
        case COUNT -> numerator;
        case PERCENT -> denominator == null || denominator == 0 ? null : 100.0 * numerator / denominator;
        case PER_PERSON_MONTH -> denominator == null || denominator == 0 ? null : numerator / (denominator / DAYS_PER_MONTH);
        case PER_100_PERSON_MONTHS -> denominator == null || denominator == 0 ? null : 100.0 * numerator / (denominator / DAYS_PER_MONTH);
        case MEDIAN -> throw new IllegalStateException("a median is not a ratio");
      };
    }
  }
}
