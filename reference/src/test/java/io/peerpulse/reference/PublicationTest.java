package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Events.attended;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.pswContact;
import static io.peerpulse.reference.Events.workerStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * indicators.md "Precise rules / Suppression" and "Publication and suppression", on hand-made
 * exact rows ({@link ReferencePublication#publish}) and on histories
 * ({@link ReferenceIndicators#computePublished}).
 */
class PublicationTest {

    private static final PublicationConfig NHS = PublicationConfig.defaults();

    @TempDir
    Path dir;

    /* Counts 1..7 are nulled, 0 stays 0, others round to the nearest 5; ACTIVE_ENROLMENTS' value is the count. */
    @Test
    void countsFromOneToSevenAreSuppressedZeroIsKeptAndOtherCountsRoundToFive() {
        Map<String, ReferenceRow> p = publish(NHS,
                row("ACTIVE_ENROLMENTS", "s1", 1, null, 1),
                row("ACTIVE_ENROLMENTS", "s2", 7, null, 7),
                row("ACTIVE_ENROLMENTS", "s3", 8, null, 8),
                row("ACTIVE_ENROLMENTS", "s4", 12, null, 12),
                row("ACTIVE_ENROLMENTS", "s5", 13, null, 13),
                row("REACH_30", "s1", 0, 3, 0),
                row("REACH_30", "s2", 0, 9, 0));

        assertPublished(p.get("ACTIVE_ENROLMENTS,s1"), null, null, null, true);
        assertPublished(p.get("ACTIVE_ENROLMENTS,s2"), null, null, null, true);
        assertPublished(p.get("ACTIVE_ENROLMENTS,s3"), 10, null, 10, false);
        assertPublished(p.get("ACTIVE_ENROLMENTS,s4"), 10, null, 10, false);
        assertPublished(p.get("ACTIVE_ENROLMENTS,s5"), 15, null, 15, false);
        // a zero numerator is published; the suppressed denominator takes the value with it
        assertPublished(p.get("REACH_30,s1"), 0, null, null, true);
        assertPublished(p.get("REACH_30,s2"), 0, 10, 0, false);
    }

    /*
     * Values are recomputed from the rounded counts; person-days and bed days are not counts.
     *   REACH_30 13/22 -> 15/20 = 75 %; MIN_DOSE_3 8/9 -> 10/10 = 100 %
     *   CONTACTS_PER_PERSON_MONTH 12 / 100 person-days -> 10 / 100 x 30.4375 = 3.04375
     *   RELAPSE_RATE 9 / 400 -> 10 / 400 x 3043.75 = 76.09375
     *   INVOLUNTARY_ADMISSIONS 3 / 400 -> suppressed numerator, denominator kept
     *   BED_DAYS 3 / 40 -> unchanged, 2.2828
     */
    @Test
    void valuesAreRecomputedFromTheRoundedCountsAndPersonDaysAndBedDaysAreNotCounts() {
        Map<String, ReferenceRow> p = publish(NHS,
                row("REACH_30", "s1", 13, 22, 59.0909),
                row("MIN_DOSE_3", "s1", 8, 9, 88.8889),
                row("CONTACTS_PER_PERSON_MONTH", "s1", 12, 100, 3.6525),
                row("RELAPSE_RATE", "s1", 9, 400, 68.4844),
                row("INVOLUNTARY_ADMISSIONS", "s1", 3, 400, 22.8281),
                row("BED_DAYS", "s1", 3, 40, 2.2828),
                row("FOLLOW_UP_7", "s1", 17, 18, 94.4444),
                row("READMISSION_30", "s1", 2, 18, 11.1111),
                row("DISENGAGED_60", "s1", 11, 11, 100));

        assertPublished(p.get("REACH_30,s1"), 15, 20, 75, false);
        assertPublished(p.get("MIN_DOSE_3,s1"), 10, 10, 100, false);
        assertPublished(p.get("CONTACTS_PER_PERSON_MONTH,s1"), 10, 100, 3.04375, false);
        assertPublished(p.get("RELAPSE_RATE,s1"), 10, 400, 76.09375, false);
        assertPublished(p.get("INVOLUNTARY_ADMISSIONS,s1"), null, 400, null, true);
        assertPublished(p.get("BED_DAYS,s1"), 3, 40, 3 * 30.4375 / 40, false);
        assertPublished(p.get("FOLLOW_UP_7,s1"), 15, 20, 75, false);
        assertPublished(p.get("READMISSION_30,s1"), null, 20, null, true);
        assertPublished(p.get("DISENGAGED_60,s1"), 10, 10, 100, false);
    }

    @Test
    void aMedianIsPublishedUnlessItsCountIsSuppressed() {
        Map<String, ReferenceRow> p = publish(NHS,
                row("DAYS_TO_FIRST_CONTACT", "s1", 9, null, 12.5),
                row("DAYS_TO_FIRST_CONTACT", "s2", 4, null, 8));

        assertPublished(p.get("DAYS_TO_FIRST_CONTACT,s1"), 10, null, 12.5, false);
        assertPublished(p.get("DAYS_TO_FIRST_CONTACT,s2"), null, null, null, true);
    }

    /*
     * REACH_30: s1 3/10 is suppressed, * 25/45 is published, so the unsuppressed site row with the
     * smallest exact denominator goes too: s3 (15), not s2 (20). One pass: nothing else changes.
     */
    @Test
    void secondarySuppressionTakesTheSmallestDenominatorWhenTheTotalIsPublished() {
        Map<String, ReferenceRow> p = publish(NHS,
                row("REACH_30", "*", 25, 45, 55.5556),
                row("REACH_30", "s1", 3, 10, 30),
                row("REACH_30", "s2", 10, 20, 50),
                row("REACH_30", "s3", 12, 15, 80));

        assertPublished(p.get("REACH_30,*"), 25, 45, 55.5556, false);
        assertPublished(p.get("REACH_30,s1"), null, 10, null, true);
        assertPublished(p.get("REACH_30,s2"), 10, 20, 50, false);
        assertPublished(p.get("REACH_30,s3"), null, null, null, true);
    }

    /* No secondary suppression when the * row is itself suppressed, or when two site rows were. */
    @Test
    void noSecondarySuppressionWithoutAPublishedTotalOrWithTwoSuppressedSites() {
        Map<String, ReferenceRow> totalSuppressed = publish(NHS,
                row("REACH_30", "*", 3, 40, 7.5),
                row("REACH_30", "s1", 3, 10, 30),
                row("REACH_30", "s2", 0, 30, 0));
        Map<String, ReferenceRow> twoSuppressed = publish(NHS,
                row("REACH_30", "*", 17, 35, 48.5714),
                row("REACH_30", "s1", 3, 10, 30),
                row("REACH_30", "s2", 2, 10, 20),
                row("REACH_30", "s3", 12, 15, 80));
        Map<String, ReferenceRow> noTotal = publish(NHS,
                row("REACH_30", "s1", 3, 10, 30),
                row("REACH_30", "s2", 10, 20, 50));

        assertPublished(totalSuppressed.get("REACH_30,*"), null, 40, null, true);
        assertPublished(totalSuppressed.get("REACH_30,s2"), 0, 30, 0, false);
        assertPublished(twoSuppressed.get("REACH_30,s3"), 10, 15, 66.6667, false);
        assertPublished(noTotal.get("REACH_30,s2"), 10, 20, 50, false);
    }

    /* Ties of the exact denominator go to the smaller site_id; without a denominator the numerator decides. */
    @Test
    void secondarySuppressionTiesGoByTheSiteIdAndRowsWithoutDenominatorUseTheNumerator() {
        Map<String, ReferenceRow> tie = publish(NHS,
                row("MIN_DOSE_3", "*", 23, 50, 46),
                row("MIN_DOSE_3", "s1", 3, 10, 30),
                row("MIN_DOSE_3", "s3", 10, 20, 50),
                row("MIN_DOSE_3", "s2", 10, 20, 50));
        Map<String, ReferenceRow> counts = publish(NHS,
                row("ACTIVE_ENROLMENTS", "*", 47, null, 47),
                row("ACTIVE_ENROLMENTS", "s1", 5, null, 5),
                row("ACTIVE_ENROLMENTS", "s2", 30, null, 30),
                row("ACTIVE_ENROLMENTS", "s3", 12, null, 12));

        assertPublished(tie.get("MIN_DOSE_3,s2"), null, null, null, true);
        assertPublished(tie.get("MIN_DOSE_3,s3"), 10, 20, 50, false);
        assertPublished(counts.get("ACTIVE_ENROLMENTS,*"), 45, null, 45, false);
        assertPublished(counts.get("ACTIVE_ENROLMENTS,s2"), 30, null, 30, false);
        assertPublished(counts.get("ACTIVE_ENROLMENTS,s3"), null, null, null, true);
    }

    /*
     * Secondary suppression nulls the row's counts and value, not its person-days: CONTACTS_PER_PERSON_MONTH
     * s1 4/100 suppressed, * published; smallest person-days among the others: s3 (50).
     */
    @Test
    void secondarySuppressionKeepsPersonDays() {
        Map<String, ReferenceRow> p = publish(NHS,
                row("CONTACTS_PER_PERSON_MONTH", "*", 33, 450, 2.2321),
                row("CONTACTS_PER_PERSON_MONTH", "s1", 4, 100, 1.2175),
                row("CONTACTS_PER_PERSON_MONTH", "s2", 20, 300, 2.0292),
                row("CONTACTS_PER_PERSON_MONTH", "s3", 9, 50, 5.4788));

        assertPublished(p.get("CONTACTS_PER_PERSON_MONTH,*"), 35, 450, 35 * 30.4375 / 450, false);
        assertPublished(p.get("CONTACTS_PER_PERSON_MONTH,s1"), null, 100, null, true);
        assertPublished(p.get("CONTACTS_PER_PERSON_MONTH,s2"), 20, 300, 20 * 30.4375 / 300, false);
        assertPublished(p.get("CONTACTS_PER_PERSON_MONTH,s3"), null, 50, null, true);
    }

    /*
     * Workload rows are not rounded; they are nulled entirely below 3 contributing workers (a row
     * without a worker count counts as none). minWorkers comes from the config.
     */
    @Test
    void workloadRowsAreExactOrNulledEntirelyBelowThreeWorkers() {
        List<ReferenceRow> exact = List.of(
                workload("PSW_CASELOAD", "s1", 13, 2.5, 2),
                workload("PSW_CASELOAD", "s2", 13, 2.5, 3),
                workload("PSW_DIRECT_HOURS", "s1", 3, 0.5, 5),
                workload("PSW_OVER_THRESHOLD", "s1", 1, 4, 4),
                workload("MHW_CONTACTS_PER_FTE", "s1", 2, 0, 3),
                workload("HOME_VISIT_PSW_SHARE", "s1", 1, 2, null));
        Map<String, ReferenceRow> p = byCell(ReferencePublication.publish(exact, NHS));
        Map<String, ReferenceRow> two = byCell(ReferencePublication.publish(exact, NHS.withMinWorkers(2)));

        assertPublished(p.get("PSW_CASELOAD,s1"), null, null, null, true);
        assertPublished(p.get("PSW_CASELOAD,s2"), 13, 2.5, 5.2, false);
        assertPublished(p.get("PSW_DIRECT_HOURS,s1"), 3, 0.5, 6, false);
        assertPublished(p.get("PSW_OVER_THRESHOLD,s1"), 1, 4, 25, false);
        assertPublished(p.get("MHW_CONTACTS_PER_FTE,s1"), 2, 0, null, false);
        assertPublished(p.get("HOME_VISIT_PSW_SHARE,s1"), null, null, null, true);
        assertPublished(two.get("PSW_CASELOAD,s1"), 13, 2.5, 5.2, false);
        assertThat(p.get("PSW_CASELOAD,s2").workers()).isEqualTo(3);
    }

    /* rule none publishes the exact rows unchanged; threshold and rounding base come from the config. */
    @Test
    void ruleNoneChangesNothingAndThresholdAndBaseAreConfigurable() {
        List<ReferenceRow> exact = List.of(
                row("ACTIVE_ENROLMENTS", "*", 53, null, 53),
                row("ACTIVE_ENROLMENTS", "s1", 3, null, 3),
                row("ACTIVE_ENROLMENTS", "s2", 10, null, 10),
                row("ACTIVE_ENROLMENTS", "s3", 11, null, 11),
                row("ACTIVE_ENROLMENTS", "s4", 15, null, 15),
                row("ACTIVE_ENROLMENTS", "s5", 14, null, 14),
                workload("PSW_CASELOAD", "s1", 13, 2.5, 1));

        assertThat(ReferencePublication.publish(exact, PublicationConfig.none()))
                .containsExactlyElementsOf(exact.stream().sorted(ReferenceRow.CSV_ORDER).toList());

        Map<String, ReferenceRow> tens = byCell(ReferencePublication.publish(exact,
                NHS.withThreshold(10).withRoundingBase(10)));
        assertPublished(tens.get("ACTIVE_ENROLMENTS,s1"), null, null, null, true);
        assertPublished(tens.get("ACTIVE_ENROLMENTS,s2"), null, null, null, true);
        assertPublished(tens.get("ACTIVE_ENROLMENTS,s3"), 10, null, 10, false);
        assertPublished(tens.get("ACTIVE_ENROLMENTS,s4"), 20, null, 20, false); // half up
        assertPublished(tens.get("ACTIVE_ENROLMENTS,s5"), 10, null, 10, false);
        assertPublished(tens.get("ACTIVE_ENROLMENTS,*"), 50, null, 50, false);
    }

    @Test
    void anIndicatorWithoutAPublicationRuleIsAnErrorAndAnEmptyTableStaysEmpty() {
        List<ReferenceRow> exact = List.of(row("NOT_AN_INDICATOR", "s1", 1, 2, 50));

        assertThatThrownBy(() -> ReferencePublication.publish(exact, NHS))
                .isInstanceOf(ReferenceComputationException.class)
                .hasMessageContaining("NOT_AN_INDICATOR");
        assertThat(ReferencePublication.publish(List.of(), NHS)).isEmpty();
    }

    /*
     * On a history: computePublished = publish(compute), the same keys as the exact table, and the
     * workload rows of a site with three contributing workers are published exactly.
     *   s1: PSWs w1, w2, w3 fte 1.0 from 03-01; 9 enrolled persons each contacted by w1 on 03-02.
     *   PSW_CASELOAD WEEK 03-01: 9 persons / 3 FTE = 3 (not rounded); ACTIVE_ENROLMENTS March 9 -> 10.
     *   s2: one PSW, one person: its workload rows are nulled (2 workers: v1 and the contact's w1),
     *   its person-level rows suppressed; and so in ACTIVE_ENROLMENTS and REACH_30 March the * row
     *   (10 -> 10) is published with exactly one suppressed site row: s1 is suppressed too.
     */
    @Test
    void computePublishedIsThePublicationOfTheExactTable() throws IOException {
        List<String> history = new ArrayList<>();
        for (String w : List.of("w1", "w2", "w3")) {
            history.add(workerStatus("st-" + w, "s1", "2021-03-01", w, "PSW", 1.0, true));
        }
        for (int i = 1; i <= 9; i++) {
            history.add(enrolled("e" + i, "s1", "2021-03-01", "p" + i, "P", "INTERVENTION"));
            history.add(attended("c" + i, "s1", "2021-03-02", "w1", "PSW", "IN_PERSON", 30, "p" + i));
        }
        history.add(workerStatus("st-v1", "s2", "2021-03-01", "v1", "PSW", 1.0, true));
        history.add(enrolled("e10", "s2", "2021-03-01", "q1", "P", "INTERVENTION"));
        history.add(pswContact("c10", "s2", "2021-03-02", "q1"));
        history.add(horizon("s1", "2021-05-31"));
        history.add(horizon("s2", "2021-05-31"));
        Path file = Files.createTempFile(dir, "history", ".jsonl");
        Files.write(file, history, StandardCharsets.UTF_8);

        List<ReferenceRow> exact = ReferenceIndicators.compute(file, ReferenceConfig.defaults());
        List<ReferenceRow> published = ReferenceIndicators.computePublished(file, ReferenceConfig.defaults());

        assertThat(published).isEqualTo(ReferencePublication.publish(exact, NHS));
        assertThat(published.stream().map(ReferenceRow::key).toList())
                .isEqualTo(exact.stream().map(ReferenceRow::key).toList());
        assertThat(ReferenceIndicators.computePublished(file,
                ReferenceConfig.defaults().withPublication(PublicationConfig.none()))).isEqualTo(exact);

        Map<String, ReferenceRow> p = published.stream().collect(Collectors.toMap(ReferenceRow::key, r -> r));
        ReferenceRow caseload = p.get("PSW_CASELOAD,s1,*,*,WEEK,2021-03-01,2021-03-07");
        assertPublished(caseload, 9, 3, 3, false);
        assertThat(caseload.workers()).isEqualTo(3);
        assertPublished(p.get("PSW_CASELOAD,s2,*,*,WEEK,2021-03-01,2021-03-07"), null, null, null, true);
        assertPublished(p.get("ACTIVE_ENROLMENTS,*,P,INTERVENTION,MONTH,2021-03-01,2021-03-31"), 10, null, 10, false);
        assertPublished(p.get("ACTIVE_ENROLMENTS,s2,P,INTERVENTION,MONTH,2021-03-01,2021-03-31"),
                null, null, null, true);
        assertPublished(p.get("ACTIVE_ENROLMENTS,s1,P,INTERVENTION,MONTH,2021-03-01,2021-03-31"),
                null, null, null, true);
        assertPublished(p.get("REACH_30,*,P,INTERVENTION,MONTH,2021-03-01,2021-03-31"), 10, 10, 100, false);
        assertPublished(p.get("REACH_30,s1,P,INTERVENTION,MONTH,2021-03-01,2021-03-31"), null, null, null, true);
        assertThat(p.values()).filteredOn(r -> r.workers() == null)
                .allSatisfy(r -> assertThat(WorkloadRulesTest.PER_SITE).doesNotContain(r.indicator()));
    }

    // ---------------------------------------------------------------------------------------------

    private static final LocalDate START = LocalDate.parse("2021-01-01");
    private static final LocalDate END = LocalDate.parse("2021-01-31");

    private static ReferenceRow row(String indicator, String site, Number numerator, Number denominator,
                                    Number value) {
        return new ReferenceRow(indicator, site, "P", "INTERVENTION", "MONTH", START, END, d(numerator),
                d(denominator), d(value), "FINAL", false, 0);
    }

    private static ReferenceRow workload(String indicator, String site, Number numerator, Number denominator,
                                         Integer workers) {
        Double value = denominator.doubleValue() == 0 ? null : numerator.doubleValue() / denominator.doubleValue()
                * (indicator.equals("PSW_OVER_THRESHOLD") || indicator.equals("HOME_VISIT_PSW_SHARE") ? 100 : 1);
        return new ReferenceRow(indicator, site, "*", "*", "MONTH", START, END, d(numerator), d(denominator), value,
                "PROVISIONAL", false, 0, workers);
    }

    private static Map<String, ReferenceRow> publish(PublicationConfig config, ReferenceRow... exact) {
        List<ReferenceRow> published = ReferencePublication.publish(List.of(exact), config);
        assertThat(published).as("same keys, CSV order")
                .extracting(ReferenceRow::key)
                .containsExactlyElementsOf(List.of(exact).stream().sorted(ReferenceRow.CSV_ORDER)
                        .map(ReferenceRow::key).toList());
        return byCell(published);
    }

    private static Map<String, ReferenceRow> byCell(List<ReferenceRow> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.indicator() + "," + r.siteId(), Function.identity()));
    }

    private static void assertPublished(ReferenceRow row, Number numerator, Number denominator, Number value,
                                        boolean suppressed) {
        assertThat(row).isNotNull();
        assertNumbers(row, numerator, denominator, value);
        assertThat(row.suppressed()).as("suppressed of %s", row.key()).isEqualTo(suppressed);
    }

    private static Double d(Number n) {
        return n == null ? null : n.doubleValue();
    }
}
