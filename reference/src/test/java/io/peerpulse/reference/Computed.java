package io.peerpulse.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;

/** The reference's rows for a hand-written history, with lookups by cell. */
final class Computed {

    private final List<ReferenceRow> rows;

    private Computed(List<ReferenceRow> rows) {
        this.rows = rows;
    }

    static Computed of(Path dir, ReferenceConfig config, String... lines) {
        try {
            Path file = Files.createTempFile(dir, "history", ".jsonl");
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return new Computed(ReferenceIndicators.compute(file, config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Computed of(Path dir, String... lines) {
        return of(dir, ReferenceConfig.defaults(), lines);
    }

    List<ReferenceRow> rows() {
        return rows;
    }

    Optional<ReferenceRow> find(String indicator, String site, String programme, String arm, String periodType,
                                String periodStart) {
        LocalDate start = LocalDate.parse(periodStart);
        return rows.stream()
                .filter(r -> r.indicator().equals(indicator) && r.siteId().equals(site) && r.programme().equals(programme)
                        && r.arm().equals(arm) && r.periodType().equals(periodType) && r.periodStart().equals(start))
                .findFirst();
    }

    ReferenceRow get(String indicator, String site, String programme, String arm, String periodType,
                     String periodStart) {
        return find(indicator, site, programme, arm, periodType, periodStart).orElseGet(() -> fail(
                "no row %s %s %s %s %s %s; rows of that indicator:%n%s", indicator, site, programme, arm, periodType,
                periodStart, rows.stream().filter(r -> r.indicator().equals(indicator)).map(ReferenceRow::key)
                        .collect(Collectors.joining("\n"))));
    }

    void assertAbsent(String indicator, String site, String programme, String arm, String periodType,
                      String periodStart) {
        assertThat(find(indicator, site, programme, arm, periodType, periodStart))
                .as("%s %s %s %s %s %s should be omitted", indicator, site, programme, arm, periodType, periodStart)
                .isEmpty();
    }

    /**
     * Asserts the numbers of a row; {@code null} means an empty CSV field. Values to within 1e-4;
     * integral numerators and denominators exactly, others (hours, FTE-weeks) to within 1e-9.
     */
    static void assertNumbers(ReferenceRow row, Number numerator, Number denominator, Number value) {
        assertCount(row.numerator(), numerator, "numerator of " + row.key());
        assertCount(row.denominator(), denominator, "denominator of " + row.key());
        if (value == null) {
            assertThat(row.value()).as("value of %s", row.key()).isNull();
        } else {
            assertThat(row.value()).as("value of %s", row.key()).isNotNull()
                    .isCloseTo(value.doubleValue(), Offset.offset(1e-4));
        }
    }

    static void assertRow(ReferenceRow row, Number numerator, Number denominator, Number value, String status) {
        assertNumbers(row, numerator, denominator, value);
        assertThat(row.status()).as("status of %s", row.key()).isEqualTo(status);
    }

    private static void assertCount(Double actual, Number expected, String what) {
        if (expected == null || expected.doubleValue() == Math.rint(expected.doubleValue())) {
            assertThat(actual).as(what).isEqualTo(toDouble(expected));
        } else {
            assertThat(actual).as(what).isNotNull().isCloseTo(expected.doubleValue(), Offset.offset(1e-9));
        }
    }

    private static Double toDouble(Number n) {
        return n == null ? null : n.doubleValue();
    }
}
