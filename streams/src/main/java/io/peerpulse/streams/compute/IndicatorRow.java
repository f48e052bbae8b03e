package io.peerpulse.streams.compute;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/** One row of the indicator CSV (spec/interfaces.md, "Indicator CSV"). */
public record IndicatorRow(String indicator, String siteId, String programme, String arm, String periodType,
    LocalDate periodStart, LocalDate periodEnd, Double numerator, Double denominator, Double value, String status,
    boolean suppressed, int revision) {

  /** The CSV order: the first seven columns, compared as the text they are written as. */
  public static final Comparator<IndicatorRow> CSV_ORDER = Comparator
      .comparing(IndicatorRow::indicator)
      .thenComparing(IndicatorRow::siteId)
      .thenComparing(IndicatorRow::programme)
      .thenComparing(IndicatorRow::arm)
      .thenComparing(IndicatorRow::periodType)
      .thenComparing(r -> r.periodStart().toString())
      .thenComparing(r -> r.periodEnd().toString());

  public IndicatorRow {
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(siteId, "site_id");
    Objects.requireNonNull(programme, "programme");
    Objects.requireNonNull(arm, "arm");
    Objects.requireNonNull(periodType, "period_type");
    Objects.requireNonNull(periodStart, "period_start");
    Objects.requireNonNull(periodEnd, "period_end");
    Objects.requireNonNull(status, "status");
  }

  public static IndicatorRow of(IndicatorKey key, IndicatorValue value) {
    return new IndicatorRow(key.getIndicator(), key.getSiteId(), key.getProgramme(), key.getArm(), key.getPeriodType(),
        key.getPeriodStart(), key.getPeriodEnd(), value.getNumerator(), value.getDenominator(), value.getValue(),
        value.getStatus().name(), value.getSuppressed(), value.getRevision());
  }

  /** The seven key columns joined by commas (for reports and maps). */
  public String key() {
    return String.join(",", indicator, siteId, programme, arm, periodType, periodStart.toString(), periodEnd.toString());
  }
}
