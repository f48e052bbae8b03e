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
import java.util.Set;
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

    /*
     * Every `*` row pools exactly the site rows under it (person-level indicators; workload has no
     * `*` rows); every row has a non-zero count.
     */
    @Property(tries = 15)
    void totalsAddUpTheSiteRowsAndEveryRowHasACount(@ForAll long seed) {
        List<ReferenceRow> rows = compute(RandomHistories.generate(seed));

        Map<String, List<ReferenceRow>> siteRowsByTotalKey = rows.stream()
                .filter(r -> !r.siteId().equals("*") && !PER_SITE.contains(r.indicator()))
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

    /* Workload rows (and PSW_SUPERVISED_14D): per site only, a worker count, no `*` row; person-level rows carry none. */
    @Property(tries = 10)
    void workloadRowsArePerSiteWithAWorkerCount(@ForAll long seed) {
        List<ReferenceRow> rows = compute(RandomHistories.generate(seed));

        assertThat(rows).filteredOn(r -> PER_SITE.contains(r.indicator())).allSatisfy(r -> {
            assertThat(r.siteId()).as(r.key()).isNotEqualTo("*");
            assertThat(r.programme()).as(r.key()).isEqualTo("*");
            assertThat(r.arm()).as(r.key()).isEqualTo("*");
            assertThat(r.workers()).as(r.key()).isNotNull().isGreaterThanOrEqualTo(0);
        });
        assertThat(rows).filteredOn(r -> !PER_SITE.contains(r.indicator()))
                .allSatisfy(r -> assertThat(r.workers()).as(r.key()).isNull());
    }

    /*
     * Publication under the NHS rule: the exact table's keys; person-level counts are never 1..7 and
     * are multiples of 5; person-days and bed days are exact; a workload row is exact with >= 3
     * workers and all empty otherwise; suppressed exactly when a field was emptied. Rule none = exact.
     */
    @Property(tries = 10)
    void publicationKeepsTheKeysAndPublishesNoSmallCount(@ForAll long seed) {
        List<ReferenceRow> exact = compute(RandomHistories.generate(seed));
        List<ReferenceRow> published = ReferencePublication.publish(exact, PublicationConfig.defaults());

        assertThat(ReferencePublication.publish(exact, PublicationConfig.none())).isEqualTo(exact);
        assertThat(published).extracting(ReferenceRow::key).containsExactlyElementsOf(
                exact.stream().map(ReferenceRow::key).toList());
        for (int i = 0; i < exact.size(); i++) {
            ReferenceRow e = exact.get(i);
            ReferenceRow p = published.get(i);
            assertThat(p.status()).isEqualTo(e.status());
            assertThat(p.suppressed()).as(p.key()).isEqualTo(
                    emptied(e.numerator(), p.numerator()) || emptied(e.denominator(), p.denominator())
                            || emptied(e.value(), p.value()));
            if (PER_SITE.contains(e.indicator())) {
                if (e.workers() >= 3) {
                    assertThat(p).as(p.key()).isEqualTo(e);
                } else {
                    assertThat(List.of(p.numerator() == null, p.denominator() == null, p.value() == null))
                            .as(p.key()).containsOnly(true);
                }
                continue;
            }
            if (COUNT_NUMERATOR.contains(e.indicator())) {
                assertPublishedCount(p.numerator(), p.key());
            } else {
                assertThat(p.numerator()).as(p.key()).isEqualTo(e.numerator());
            }
            if (COUNT_DENOMINATOR.contains(e.indicator())) {
                assertPublishedCount(p.denominator(), p.key());
            } else {
                assertThat(p.denominator()).as(p.key()).isEqualTo(e.denominator());
            }
        }
    }

    private static final Set<String> PER_SITE = WorkloadRulesTest.PER_SITE;
    private static final Set<String> COUNT_NUMERATOR = Set.of("ACTIVE_ENROLMENTS", "REACH_30", "MIN_DOSE_3",
            "DAYS_TO_FIRST_CONTACT", "CONTACTS_PER_PERSON_MONTH", "DISENGAGED_60", "FOLLOW_UP_7", "FOLLOW_UP_30",
            "READMISSION_30", "RELAPSE_RATE", "INVOLUNTARY_ADMISSIONS", "PHASE1_CONTACT_RATE", "PHASE2_CONTACT_RATE",
            "PHASE3_CONTACT_RATE", "CRISIS_SAME_DAY");
    private static final Set<String> COUNT_DENOMINATOR = Set.of("REACH_30", "MIN_DOSE_3", "DISENGAGED_60",
            "FOLLOW_UP_7", "FOLLOW_UP_30", "READMISSION_30", "CRISIS_SAME_DAY");

    private static void assertPublishedCount(Double count, String key) {
        if (count != null) {
            assertThat(count % 5).as(key).isZero();
            assertThat(count == 0 || count >= 10).as("%s: %s", key, count).isTrue();
        }
    }

    private static boolean emptied(Double exact, Double published) {
        return exact != null && published == null;
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
