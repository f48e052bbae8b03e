package io.peerpulse.streams.cells;

import java.time.LocalDate;
import java.util.List;

/**
 * The exact value of one indicator in one site cell, as the site stage computes it.
 *
 * @param numerator the numerator (never null for an existing row)
 * @param denominator the denominator, null for COUNT and MEDIAN indicators
 * @param value numerator/denominator on the indicator's scale, or the median; null when undefined
 * @param medianInputs for DAYS_TO_FIRST_CONTACT, the members' day counts (totals pool them);
 *     empty otherwise
 * @param deadline the latest date the status waits for: the period's end and every member's
 *     status window; the row is FINAL when {@code deadline <= watermark}
 * @param watermark the site watermark the status was decided against (null before any event)
 * @param finalStatus true when FINAL
 * @param workers workload rows: the distinct workers who contributed (workers of the counted
 *     contacts, and of the indicator's role with fte > 0 on a denominator day), which the
 *     publication's minimum-workers rule needs; null on person-level and {@code *} rows
 */
public record SiteRow(
    Indicator indicator,
    CellKey cell,
    double numerator,
    Double denominator,
    Double value,
    List<Integer> medianInputs,
    LocalDate deadline,
    LocalDate watermark,
    boolean finalStatus,
    Integer workers) {

  public SiteRow {
    medianInputs = List.copyOf(medianInputs);
  }

  /** A person-level or {@code *} row: no worker count. */
  public SiteRow(Indicator indicator, CellKey cell, double numerator, Double denominator, Double value,
      List<Integer> medianInputs, LocalDate deadline, LocalDate watermark, boolean finalStatus) {
    this(indicator, cell, numerator, denominator, value, medianInputs, deadline, watermark, finalStatus, null);
  }
}
