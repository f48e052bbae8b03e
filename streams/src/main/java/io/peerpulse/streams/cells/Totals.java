package io.peerpulse.streams.cells;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code site_id = "*"} rows (spec/indicators.md "Totals and periods"): they pool the members of
 * the site rows that exist for one (indicator, programme, arm, period), so a total always equals
 * what its visible site rows add up to. Counts are summed, the median is taken over the pooled
 * inputs, the row is FINAL when every site row is, and its watermark is the earliest of theirs.
 * Workload indicators are per site only and have none ({@link Indicator#hasTotals()}).
 */
public final class Totals {

  private Totals() {}

  /** The {@code *} row of site rows that share indicator, programme, arm and period. */
  public static SiteRow pool(Collection<SiteRow> siteRows) {
    if (siteRows.isEmpty()) {
      throw new IllegalArgumentException("site rows: expected at least one, got none");
    }
    SiteRow first = siteRows.iterator().next();
    if (!first.indicator().hasTotals()) {
      throw new IllegalArgumentException("site rows: expected an indicator with * rows, got " + first.indicator()
          + ", which is per site only");
    }
    CellKey total = totalCell(first);
    double numerator = 0;
    Double denominator = null;
    List<Integer> medianInputs = new ArrayList<>();
    LocalDate deadline = first.deadline();
    LocalDate watermark = first.watermark();
    boolean allFinal = true;
    for (SiteRow row : siteRows) {
      requireSameTotal(first, total, row);
      numerator += row.numerator();
      if (row.denominator() != null) {
        denominator = (denominator == null ? 0 : denominator) + row.denominator();
      }
      medianInputs.addAll(row.medianInputs());
      deadline = later(deadline, row.deadline());
      watermark = earlier(watermark, row.watermark());
      allFinal &= row.finalStatus();
    }
    medianInputs.sort(null);
    Double value = first.indicator().scale() == Indicator.Scale.MEDIAN
        ? Median.of(medianInputs)
        : first.indicator().scale().value(numerator, denominator);
    return new SiteRow(first.indicator(), total, numerator, denominator, value, medianInputs, deadline, watermark, allFinal);
  }

  /**
   * The {@code *} rows of any site rows, one per (indicator, programme, arm, period) present; rows
   * of per-site-only indicators (workload) make none.
   */
  public static List<SiteRow> poolAll(Collection<SiteRow> siteRows) {
    Map<List<Object>, List<SiteRow>> groups = new LinkedHashMap<>();
    for (SiteRow row : siteRows) {
      if (!row.indicator().hasTotals()) {
        continue;
      }
      groups.computeIfAbsent(List.of(row.indicator(), totalCell(row)), k -> new ArrayList<>()).add(row);
    }
    return groups.values().stream().map(Totals::pool).toList();
  }

  /** The cell of the total a site row belongs to. */
  public static CellKey totalCell(SiteRow row) {
    CellBase base = row.cell().base();
    if (CellBase.ALL.equals(base.siteId())) {
      throw new IllegalArgumentException("site rows: expected site rows, got a total row of " + row.indicator());
    }
    return new CellKey(new CellBase(CellBase.ALL, base.programme(), base.arm()), row.cell().period());
  }

  private static void requireSameTotal(SiteRow first, CellKey total, SiteRow row) {
    if (row.indicator() != first.indicator() || !totalCell(row).equals(total)) {
      throw new IllegalArgumentException("site rows: expected one indicator, programme, arm and period ("
          + first.indicator() + " " + total + "), got " + row.indicator() + " " + row.cell());
    }
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }

  private static LocalDate earlier(LocalDate a, LocalDate b) {
    return a == null || (b != null && b.isBefore(a)) ? b : a;
  }
}
