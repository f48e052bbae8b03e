package io.peerpulse.streams.workload;

import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.PeriodType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The workload indicators (spec/indicators.md "Workload"), and PSW_SUPERVISED_14D of "Programme
 * fidelity", which is per site too and reads the same roster: per site only ({@code programme = arm =
 * "*"}, no {@code *} rows), with the period types they are published for. No DAY rows.
 * {@code value = numerator * scale / denominator}, null when the denominator is 0.
 */
public enum WorkloadIndicator {
  /** Persons per PSW FTE. */
  PSW_CASELOAD(1, PeriodType.WEEK, PeriodType.ROLLING_28D),
  /** Hours per PSW FTE-week. */
  PSW_DIRECT_HOURS(1, PeriodType.WEEK, PeriodType.MONTH, PeriodType.ROLLING_28D),
  /** % of the week's active PSWs. */
  PSW_OVER_THRESHOLD(100, PeriodType.WEEK),
  /** Contacts per MHW FTE-week. */
  MHW_CONTACTS_PER_FTE(1, PeriodType.WEEK, PeriodType.ROLLING_28D),
  /** % of attended home visits. */
  HOME_VISIT_PSW_SHARE(100, PeriodType.MONTH),
  /** % of the PSWs active on the week's point day supervised in the 14 days ending on it (programme fidelity, per site). */
  PSW_SUPERVISED_14D(100, PeriodType.WEEK);

  private final double scale;
  private final Set<PeriodType> periodTypes;

  WorkloadIndicator(double scale, PeriodType first, PeriodType... rest) {
    this.scale = scale;
    this.periodTypes = EnumSet.of(first, rest);
  }

  public Set<PeriodType> periodTypes() {
    return periodTypes;
  }

  /** The published indicator id ({@link Indicator} of the same name, family WORKLOAD). */
  public Indicator id() {
    return Indicator.valueOf(name());
  }

  /** The value for a numerator and denominator, null when the denominator is 0. */
  public Double value(double numerator, double denominator) {
    return denominator == 0 ? null : numerator * scale / denominator;
  }

  /** The indicators published for a period type, in declaration order (none for DAY). */
  public static List<WorkloadIndicator> of(PeriodType type) {
    return Stream.of(values()).filter(i -> i.periodTypes.contains(type)).toList();
  }
}
