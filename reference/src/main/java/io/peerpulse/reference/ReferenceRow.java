package io.peerpulse.reference;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * One row of the indicator CSV (interfaces.md "Indicator CSV"), column for column, plus
 * {@code workers}.
 * {@code numerator}, {@code denominator} and {@code value} are {@code null} when the CSV field is
 * empty. {@code status} is {@code PROVISIONAL} or {@code FINAL}.
 * {@code workers} is not a CSV column: for a workload row, the number of distinct workers who
 * contributed (indicators.md "Precise rules / Suppression"), which the publication step needs;
 * {@code null} for person-level rows and for rows read from a CSV.
 */
public record ReferenceRow(
        String indicator,
        String siteId,
        String programme,
        String arm,
        String periodType,
        LocalDate periodStart,
        LocalDate periodEnd,
        Double numerator,
        Double denominator,
        Double value,
        String status,
        boolean suppressed,
        long revision,
        Integer workers) {

    public static final String FINAL = "FINAL";
    public static final String PROVISIONAL = "PROVISIONAL";

    /** CSV order: the first seven columns, strings by code point (so {@code *} sorts first). */
    public static final Comparator<ReferenceRow> CSV_ORDER = Comparator
            .comparing(ReferenceRow::indicator)
            .thenComparing(ReferenceRow::siteId)
            .thenComparing(ReferenceRow::programme)
            .thenComparing(ReferenceRow::arm)
            .thenComparing(ReferenceRow::periodType)
            .thenComparing(ReferenceRow::periodStart)
            .thenComparing(ReferenceRow::periodEnd);

    public ReferenceRow {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(programme, "programme");
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(status, "status");
        if (!FINAL.equals(status) && !PROVISIONAL.equals(status)) {
            throw new IllegalArgumentException("status must be FINAL or PROVISIONAL, was " + status);
        }
    }

    /** A row without a worker count (person-level rows, rows read from a CSV). */
    public ReferenceRow(String indicator, String siteId, String programme, String arm, String periodType,
                        LocalDate periodStart, LocalDate periodEnd, Double numerator, Double denominator,
                        Double value, String status, boolean suppressed, long revision) {
        this(indicator, siteId, programme, arm, periodType, periodStart, periodEnd, numerator, denominator, value,
                status, suppressed, revision, null);
    }

    /** The cell this row describes: every key column, for matching rows of two tables. */
    public String key() {
        return String.join(",", indicator, siteId, programme, arm, periodType,
                periodStart.toString(), periodEnd.toString());
    }
}
