package io.peerpulse.streams.cells;

import java.util.EnumSet;
import java.util.Set;

/**
 * Indicator ids (stable API) with the period types they are published for, how a value follows
 * from numerator and denominator, and whether they have {@code *} rows (spec/indicators.md).
 *
 * <p>The person-level indicators (Engagement, Transitions and outcomes) are computed per site ×
 * programme × arm by {@link CellCalculator} and pooled into {@code *} rows by {@link Totals}. The
 * workload indicators are per site only ({@code programme = arm = "*"}) and have no {@code *} rows
 * ("workload has no `*` rows"); {@code io.peerpulse.streams.workload.WorkloadCalculator} computes
 * them and their rows carry a worker count ({@link SiteRow#workers()}).
 *
 * <p>Programme fidelity: the phase contact rates and CRISIS_SAME_DAY are person-level (rules in
 * {@code io.peerpulse.streams.fidelity}); PSW_SUPERVISED_14D is per site like workload ("except
 * supervision which is per site") and is computed by the workload calculator from the site's
 * SUPERVISION events and roster.
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
  INVOLUNTARY_ADMISSIONS(Scale.PER_100_PERSON_MONTHS, PeriodType.values()),
  /** Workload: persons per PSW FTE on the period's point day. */
  PSW_CASELOAD(Family.WORKLOAD, Scale.RATIO, PeriodType.WEEK, PeriodType.ROLLING_28D),
  /** Workload: direct hours per PSW FTE-week. */
  PSW_DIRECT_HOURS(Family.WORKLOAD, Scale.RATIO, PeriodType.WEEK, PeriodType.MONTH, PeriodType.ROLLING_28D),
  /** Workload: % of the week's active PSWs over the threshold. */
  PSW_OVER_THRESHOLD(Family.WORKLOAD, Scale.PERCENT, PeriodType.WEEK),
  /** Workload: MHW contacts per MHW FTE-week. */
  MHW_CONTACTS_PER_FTE(Family.WORKLOAD, Scale.RATIO, PeriodType.WEEK, PeriodType.ROLLING_28D),
  /** Workload: % of attended home visits made by PSWs. */
  HOME_VISIT_PSW_SHARE(Family.WORKLOAD, Scale.PERCENT, PeriodType.MONTH),
  /** Programme fidelity: contact-persons per person-month in CTI phase 1 (days d0 … d0+90) of the month's starters. */
  PHASE1_CONTACT_RATE(Scale.PER_PERSON_MONTH, PeriodType.MONTH),
  /** Programme fidelity: as phase 1, days d0+91 … d0+181. */
  PHASE2_CONTACT_RATE(Scale.PER_PERSON_MONTH, PeriodType.MONTH),
  /** Programme fidelity: as phase 1, days d0+182 … d0+272. */
  PHASE3_CONTACT_RATE(Scale.PER_PERSON_MONTH, PeriodType.MONTH),
  /** Programme fidelity: % of the month's relapse episodes met by a crisis contact that day or the next. */
  CRISIS_SAME_DAY(Scale.PERCENT, PeriodType.MONTH),
  /**
   * Programme fidelity, per site only: % of the PSWs active on the week's point day supervised in
   * the 14 days ending on it. Computed with the workload rows (same site stores, no {@code *} rows,
   * published under the distinct-workers rule).
   */
  PSW_SUPERVISED_14D(Family.WORKLOAD, Scale.PERCENT, PeriodType.WEEK);

  /** Days in an average month: person-months = person-days / 30.4375. */
  public static final double DAYS_PER_MONTH = 30.4375;

  private final Family family;
  private final Scale scale;
  private final Set<PeriodType> periodTypes;

  Indicator(Family family, Scale scale, PeriodType first, PeriodType... rest) {
    this.family = family;
    this.scale = scale;
    this.periodTypes = EnumSet.of(first, rest);
  }

  Indicator(Scale scale, PeriodType first, PeriodType... rest) {
    this(Family.PERSON_LEVEL, scale, first, rest);
  }

  Indicator(Scale scale, PeriodType[] all) {
    this(Family.PERSON_LEVEL, scale, all[0], java.util.Arrays.copyOfRange(all, 1, all.length));
  }

  public Family family() {
    return family;
  }

  public Scale scale() {
    return scale;
  }

  /** Whether {@code *} rows pool this indicator's site rows: person-level yes, workload (per site only) no. */
  public boolean hasTotals() {
    return family == Family.PERSON_LEVEL;
  }

  /** Which calculator computes an indicator, and so how its rows are keyed and pooled. */
  public enum Family {
    /** Per site × programme × arm from the members of a cell, with {@code *} rows. */
    PERSON_LEVEL,
    /** Per site only ({@code programme = arm = "*"}), from the site's contacts and roster; no {@code *} rows. */
    WORKLOAD
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
    /** value = numerator / denominator (workload ratios: per FTE, per FTE-week). */
    RATIO,
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
        case RATIO -> denominator == null || denominator == 0 ? null : numerator / denominator;
        case PER_PERSON_MONTH -> denominator == null || denominator == 0 ? null : numerator / (denominator / DAYS_PER_MONTH);
        case PER_100_PERSON_MONTHS -> denominator == null || denominator == 0 ? null : 100.0 * numerator / (denominator / DAYS_PER_MONTH);
        case MEDIAN -> throw new IllegalStateException("a median is not a ratio");
      };
    }
  }
}
