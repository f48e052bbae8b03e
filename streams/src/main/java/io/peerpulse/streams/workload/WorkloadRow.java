package io.peerpulse.streams.workload;

import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.SiteRow;
import java.time.LocalDate;
import java.util.List;

/**
 * The exact value of one workload indicator in one site cell (base {@code (site, "*", "*")}): the
 * shape of {@code cells.SiteRow} without median inputs, plus {@code workers}.
 *
 * @param numerator the numerator (never null for an existing row)
 * @param denominator the denominator (FTE, FTE-weeks or a count); 0 gives a null value
 * @param value numerator / denominator on the indicator's scale, null when the denominator is 0
 * @param deadline the status window's end: the period's end for every workload indicator
 * @param watermark the site watermark the status was decided against
 * @param finalStatus true when FINAL ({@code deadline <= watermark})
 * @param workers distinct workers who contributed: workers of the counted contacts, and workers of
 *     the indicator's role active with fte > 0 on a denominator day; the publication step nulls the
 *     row when fewer than 3
 */
public record WorkloadRow(
    WorkloadIndicator indicator,
    CellKey cell,
    double numerator,
    Double denominator,
    Double value,
    LocalDate deadline,
    LocalDate watermark,
    boolean finalStatus,
    int workers) {

  /** The row as the site stage emits it: its indicator id, no median inputs, the worker count. */
  public SiteRow siteRow() {
    return new SiteRow(indicator.id(), cell, numerator, denominator, value, List.of(), deadline, watermark, finalStatus,
        workers);
  }
}
