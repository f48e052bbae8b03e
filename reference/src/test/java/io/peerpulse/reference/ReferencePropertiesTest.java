package io.peerpulse.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties of the reference itself on random histories: event-level rules that must not
 * depend on arrival position, and totals that add up. (The comparison with the streaming engine
 * lives with the engine.)
 */
class ReferencePropertiesTest {

    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");
    private static final Pattern SITE = Pattern.compile("\"site_id\":\"([^\"]+)\"");
    private static final Pattern DATE = Pattern.compile("\"occurred_at\":\"([^\"]+)\"");

    /** Re-sending events (exact duplicates, later in the file) changes nothing. */
    @Property(tries = 10)
    void exactDuplicatesChangeNothing(@ForAll long seed) {
        List<String> history = RandomHistories.generate(seed);
        Random random = new Random(seed);
        List<String> resent = new ArrayList<>(history);
        history.stream().filter(e -> random.nextInt(3) == 0).forEach(resent::add);

        assertThat(compute(resent)).isEqualTo(compute(history));
    }

    /*
     * A VOID retracts its target wherever it arrives, and a voided event counts only for the site
     * horizon: voiding X (VOID first or last) = removing X and keeping its date in the horizon.
     */
    @Property(tries = 10)
    void voidingAnEventIsRemovingItWhereverTheVoidArrives(@ForAll long seed) {
        List<String> history = RandomHistories.generate(seed);
        String target = history.get(new Random(seed).nextInt(history.size() - 2));
        String targetId = field(EVENT_ID, target);
        String site = field(SITE, target);
        String date = field(DATE, target).substring(0, 10);
        String voidEvent = Events.voidOf("void-of-" + targetId, site, date, targetId);

        List<String> voidFirst = new ArrayList<>(history);
        voidFirst.add(0, voidEvent);
        List<String> voidLast = new ArrayList<>(history);
        voidLast.add(voidEvent);
        List<String> removed = new ArrayList<>(history);
        removed.remove(target);
        removed.add(Events.horizon(site, date));

        List<ReferenceRow> expected = compute(removed);
        assertThat(compute(voidFirst)).isEqualTo(expected);
        assertThat(compute(voidLast)).isEqualTo(expected);
    }

    /* Every `*` row pools exactly the site rows under it; every row has a non-zero count. */
    @Property(tries = 15)
    void totalsAddUpTheSiteRowsAndEveryRowHasACount(@ForAll long seed) {
        List<ReferenceRow> rows = compute(RandomHistories.generate(seed));

        Map<String, List<ReferenceRow>> siteRowsByTotalKey = rows.stream().filter(r -> !r.siteId().equals("*"))
                .collect(Collectors.groupingBy(ReferencePropertiesTest::totalKey));
        Map<String, ReferenceRow> totals = rows.stream().filter(r -> r.siteId().equals("*"))
                .collect(Collectors.toMap(ReferencePropertiesTest::totalKey, r -> r));
        assertThat(totals.keySet()).isEqualTo(siteRowsByTotalKey.keySet());
        totals.forEach((key, total) -> {
            List<ReferenceRow> sites = siteRowsByTotalKey.get(key);
            assertThat(total.numerator()).as(key).isEqualTo(sum(sites.stream().map(ReferenceRow::numerator).toList()));
            assertThat(total.denominator()).as(key)
                    .isEqualTo(sum(sites.stream().map(ReferenceRow::denominator).toList()));
            assertThat(total.status()).as(key).isEqualTo(
                    sites.stream().allMatch(r -> r.status().equals("FINAL")) ? "FINAL" : "PROVISIONAL");
        });
        assertThat(rows).allSatisfy(r -> assertThat(nonZero(r.numerator()) || nonZero(r.denominator()))
                .as("row %s has a count", r.key()).isTrue());
        assertThat(rows).isSortedAccordingTo(ReferenceRow.CSV_ORDER);
    }

    private static String totalKey(ReferenceRow r) {
        return String.join(",", r.indicator(), r.programme(), r.arm(), r.periodType(), r.periodStart().toString(),
                r.periodEnd().toString());
    }

    private static Double sum(List<Double> values) {
        return values.stream().allMatch(v -> v == null) ? null
                : values.stream().mapToDouble(v -> v == null ? 0 : v).sum();
    }

    private static boolean nonZero(Double value) {
        return value != null && value != 0;
    }

    private static String field(Pattern pattern, String event) {
        Matcher m = pattern.matcher(event);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + pattern + " in " + event);
        }
        return m.group(1);
    }

    private static List<ReferenceRow> compute(List<String> lines) {
        try {
            Path file = Files.createTempFile("history", ".jsonl");
            try {
                Files.write(file, lines);
                return ReferenceIndicators.compute(file, ReferenceConfig.defaults());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
