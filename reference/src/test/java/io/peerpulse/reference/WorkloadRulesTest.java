package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Computed.assertRow;
import static io.peerpulse.reference.Events.attended;
import static io.peerpulse.reference.Events.contactBy;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.pause;
import static io.peerpulse.reference.Events.workerStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** indicators.md "Workload" and "Precise rules / Workload", hand-computed. */
class WorkloadRulesTest {

    static final Set<String> WORKLOAD = Set.of("PSW_CASELOAD", "PSW_DIRECT_HOURS", "PSW_OVER_THRESHOLD",
            "MHW_CONTACTS_PER_FTE", "HOME_VISIT_PSW_SHARE");

    /** Per-site indicators (programme = arm = *, no * rows, a worker count): workload and PSW_SUPERVISED_14D. */
    static final Set<String> PER_SITE = Set.of("PSW_CASELOAD", "PSW_DIRECT_HOURS", "PSW_OVER_THRESHOLD",
            "MHW_CONTACTS_PER_FTE", "HOME_VISIT_PSW_SHARE", "PSW_SUPERVISED_14D");

    @TempDir
    Path dir;

    /*
     * w1: PSW fte 1.0 from Monday 03-01, fte 0.5 from Thursday 03-04. Contacts 120 min on 03-02 (pA),
     * 60 min on 03-05 (pB). Horizon 05-31 (watermark 04-26).
     *   DIRECT_HOURS WEEK 03-01: 3 h / ((3 x 1.0 + 4 x 0.5) / 7 = 5/7) = 4.2
     *   DIRECT_HOURS ROLLING_28D E=03-03: 2 h / (3/7: no status before 03-01) = 4.6667
     *   DIRECT_HOURS MONTH March: 3 h / ((3 + 28 x 0.5) / 7 = 17/7) = 1.2353
     *   DIRECT_HOURS WEEK 03-08: 0 h / 3.5/7 = 0 (the row exists: FTE but no contact)
     *   CASELOAD WEEK 03-01: {pA, pB} / FTE on Sunday 03-07 = 0.5 -> 4
     *   CASELOAD ROLLING_28D E=03-03: {pA} / FTE on 03-03 = 1.0 -> 1
     *   OVER_THRESHOLD WEEK 03-01: fte of the last active day 0.5 -> 10 h; 3 h: 0/1
     */
    @Test
    void fteChangeMidWeekIsWeightedByTheDaysItHolds() {
        Computed c = Computed.of(dir,
                workerStatus("st1", "s1", "2021-03-01", "w1", "PSW", 1.0, true),
                workerStatus("st2", "s1", "2021-03-04", "w1", "PSW", 0.5, true),
                attended("c1", "s1", "2021-03-02", "w1", "PSW", "IN_PERSON", 120, "pA"),
                attended("c2", "s1", "2021-03-05", "w1", "PSW", "PHONE", 60, "pB"),
                horizon("s1", "2021-05-31"));

        assertRow(c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-01"), 3, 5.0 / 7, 4.2, "FINAL");
        assertNumbers(c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "ROLLING_28D", "2021-02-04"), 2, 3.0 / 7, 4.6667);
        assertNumbers(c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "MONTH", "2021-03-01"), 3, 17.0 / 7, 1.2353);
        assertNumbers(c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-08"), 0, 0.5, 0);
        assertRow(c.get("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-03-01"), 2, 0.5, 4, "FINAL");
        assertNumbers(c.get("PSW_CASELOAD", "s1", "*", "*", "ROLLING_28D", "2021-02-04"), 1, 1.0, 1);
        assertNumbers(c.get("PSW_OVER_THRESHOLD", "s1", "*", "*", "WEEK", "2021-03-01"), 0, 1, 0);
        assertThat(c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-01").workers()).isEqualTo(1);
        assertThat(c.rows()).as("workload rows are per site only, programme = arm = *, with a worker count")
                .filteredOn(r -> WORKLOAD.contains(r.indicator()))
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.siteId()).isEqualTo("s1");
                    assertThat(r.programme()).isEqualTo("*");
                    assertThat(r.arm()).isEqualTo("*");
                    assertThat(r.workers()).isNotNull();
                });
        assertThat(c.rows()).as("person-level rows carry no worker count")
                .filteredOn(r -> !PER_SITE.contains(r.indicator()))
                .allSatisfy(r -> assertThat(r.workers()).isNull());
    }

    /*
     * PSWs from 03-01: w1 fte 1.0; w2 fte 0.8, inactive 03-03..03-05, active again from 03-06;
     * w3 fte 1.0 active on 03-01 only; w4 active with fte 0. No contacts. Horizon 05-31. A site pause
     * 03-01..03-07 changes nothing: FTE counts on paused days.
     *   FTE-weeks WEEK 03-01: (7 x 1.0 + 4 x 0.8 + 1 x 1.0) / 7 = 11.2/7 = 1.6; WEEK 03-08: 12.6/7 = 1.8
     *   CASELOAD WEEK 03-01: 0 persons / FTE on 03-07 = 1.8 -> 0 (row exists)
     *   CASELOAD ROLLING_28D E=03-04: FTE 1.0 (w2 inactive, w3 inactive)
     *   OVER_THRESHOLD WEEK 03-01: members w1, w2, w3, w4: 0/4; WEEK 03-08: w1, w2, w4: 0/3
     *   workers WEEK 03-01: w1, w2, w3 (fte > 0 on a day); w4 (fte 0, no contact) does not count
     */
    @Test
    void inactiveWorkersAddNoFteAndAnActiveWorkerWithFteZeroIsNoContributor() {
        Computed c = Computed.of(dir,
                workerStatus("a1", "s1", "2021-03-01", "w1", "PSW", 1.0, true),
                workerStatus("b1", "s1", "2021-03-01", "w2", "PSW", 0.8, true),
                workerStatus("b2", "s1", "2021-03-03", "w2", "PSW", 0.8, false),
                workerStatus("b3", "s1", "2021-03-06", "w2", "PSW", 0.8, true),
                workerStatus("c1", "s1", "2021-03-01", "w3", "PSW", 1.0, true),
                workerStatus("c2", "s1", "2021-03-02", "w3", "PSW", 1.0, false),
                workerStatus("d1", "s1", "2021-03-01", "w4", "PSW", 0.0, true),
                pause("pz", "s1", "2021-03-01", "2021-03-07"),
                horizon("s1", "2021-05-31"));

        ReferenceRow hours = c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-01");
        assertNumbers(hours, 0, 1.6, 0);
        assertThat(hours.workers()).isEqualTo(3);
        assertNumbers(c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-08"), 0, 1.8, 0);
        assertThat(c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-08").workers()).isEqualTo(2);
        assertNumbers(c.get("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-03-01"), 0, 1.8, 0);
        assertNumbers(c.get("PSW_CASELOAD", "s1", "*", "*", "ROLLING_28D", "2021-02-05"), 0, 1.0, 0);
        ReferenceRow over = c.get("PSW_OVER_THRESHOLD", "s1", "*", "*", "WEEK", "2021-03-01");
        assertNumbers(over, 0, 4, 0);
        assertThat(over.workers()).isEqualTo(3);
        assertNumbers(c.get("PSW_OVER_THRESHOLD", "s1", "*", "*", "WEEK", "2021-03-08"), 0, 3, 0);
        c.assertAbsent("MHW_CONTACTS_PER_FTE", "s1", "*", "*", "WEEK", "2021-03-01");
    }

    /*
     * A group session counts once for hours and contacts, once per person for the caseload.
     *   w1 PSW fte 1.0, m1 MHW fte 0.5 from 03-01. Week 03-01:
     *   g1 PSW GROUP 90 min (pA, pB, pC, pA again); g2 MHW GROUP 60 min (pA, pB);
     *   h1 MHW HOME_VISIT (pD); h2 PSW HOME_VISIT 45 min (pD, pE); h3 PSW HOME_VISIT not attended.
     *   DIRECT_HOURS WEEK 03-01: (90 + 45) / 60 = 2.25 / 1 FTE-week
     *   CASELOAD WEEK 03-01: {pA, pB, pC, pD, pE} = 5 / 1.0
     *   MHW_CONTACTS_PER_FTE WEEK 03-01: 2 / 0.5 = 4; ROLLING_28D E=03-03: 1 / (1.5/7) = 4.6667
     *   HOME_VISIT_PSW_SHARE March: 1 of 2 = 50 %, workers m1, w1
     */
    @Test
    void groupSessionsCountOnceForHoursAndContactsAndOncePerPersonForTheCaseload() {
        Computed c = Computed.of(dir,
                workerStatus("s-w1", "s1", "2021-03-01", "w1", "PSW", 1.0, true),
                workerStatus("s-m1", "s1", "2021-03-01", "m1", "MHW", 0.5, true),
                attended("g1", "s1", "2021-03-02", "w1", "PSW", "GROUP", 90, "pA", "pB", "pC", "pA"),
                attended("g2", "s1", "2021-03-03", "m1", "MHW", "GROUP", 60, "pA", "pB"),
                attended("h1", "s1", "2021-03-04", "m1", "MHW", "HOME_VISIT", 30, "pD"),
                attended("h2", "s1", "2021-03-05", "w1", "PSW", "HOME_VISIT", 45, "pD", "pE"),
                contactBy("h3", "s1", "2021-03-06", "w1", "PSW", "HOME_VISIT", "DID_NOT_ATTEND", 45, "pF"),
                horizon("s1", "2021-05-31"));

        assertNumbers(c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-01"), 2.25, 1, 2.25);
        assertNumbers(c.get("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-03-01"), 5, 1, 5);
        assertNumbers(c.get("MHW_CONTACTS_PER_FTE", "s1", "*", "*", "WEEK", "2021-03-01"), 2, 0.5, 4);
        assertNumbers(c.get("MHW_CONTACTS_PER_FTE", "s1", "*", "*", "ROLLING_28D", "2021-02-04"), 1, 1.5 / 7, 4.6667);
        ReferenceRow share = c.get("HOME_VISIT_PSW_SHARE", "s1", "*", "*", "MONTH", "2021-03-01");
        assertRow(share, 1, 2, 50, "FINAL");
        assertThat(share.workers()).isEqualTo(2);
        c.assertAbsent("HOME_VISIT_PSW_SHARE", "s1", "*", "*", "MONTH", "2021-04-01");
    }

    /*
     * Week 03-01, threshold 20 h per FTE:
     *   a: fte 1.0, then 0.5 from 03-04 (its last active day's fte: 0.5 -> 10 h); 300 + 300 min = 10 h,
     *      not more than 10: not over
     *   b: fte 0.5 (10 h); 601 min = 10.02 h: over. Its MHW-role contact and the contact recorded
     *      under its id by site s2 do not count.
     *   c: fte 1.0, inactive from 03-05 (last active day 03-04: 20 h); 700 + 500 min, and 60 min on
     *      03-06 while inactive (counted: hours of the week) = 21 h: over
     *   -> 2/3 = 66.6667 %. With threshold 25 h: 0/3.
     */
    @Test
    void overThresholdComparesTheWeeksHoursWithThresholdTimesTheFteOfTheLastActiveDay() {
        String[] history = {
            workerStatus("a1", "s1", "2021-03-01", "a", "PSW", 1.0, true),
            workerStatus("a2", "s1", "2021-03-04", "a", "PSW", 0.5, true),
            workerStatus("b1", "s1", "2021-03-01", "b", "PSW", 0.5, true),
            workerStatus("c1", "s1", "2021-03-01", "c", "PSW", 1.0, true),
            workerStatus("c2", "s1", "2021-03-05", "c", "PSW", 1.0, false),
            attended("ca1", "s1", "2021-03-02", "a", "PSW", "IN_PERSON", 300, "p1"),
            attended("ca2", "s1", "2021-03-03", "a", "PSW", "IN_PERSON", 300, "p1"),
            attended("cb1", "s1", "2021-03-02", "b", "PSW", "IN_PERSON", 601, "p2"),
            attended("cb2", "s1", "2021-03-02", "b", "MHW", "IN_PERSON", 120, "p2"),
            attended("cb3", "s2", "2021-03-02", "b", "PSW", "IN_PERSON", 600, "p2"),
            attended("cc1", "s1", "2021-03-02", "c", "PSW", "IN_PERSON", 700, "p3"),
            attended("cc2", "s1", "2021-03-03", "c", "PSW", "IN_PERSON", 500, "p3"),
            attended("cc3", "s1", "2021-03-06", "c", "PSW", "IN_PERSON", 60, "p3"),
            horizon("s1", "2021-05-31"),
            horizon("s2", "2021-05-31"),
        };
        Computed c = Computed.of(dir, history);
        Computed higher = Computed.of(dir, ReferenceConfig.defaults().withThresholdHours(25), history);

        ReferenceRow over = c.get("PSW_OVER_THRESHOLD", "s1", "*", "*", "WEEK", "2021-03-01");
        assertRow(over, 2, 3, 66.6667, "FINAL");
        assertThat(over.workers()).isEqualTo(3);
        assertNumbers(higher.get("PSW_OVER_THRESHOLD", "s1", "*", "*", "WEEK", "2021-03-01"), 0, 3, 0);
        c.assertAbsent("PSW_OVER_THRESHOLD", "s2", "*", "*", "WEEK", "2021-03-01");
        // the site's PSW hours: (300 + 300 + 601 + 700 + 500 + 60) min; FTE-weeks: a 3 x 1.0 + 4 x 0.5, b 7 x 0.5, c 4 x 1.0
        assertNumbers(c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-01"), 2461.0 / 60,
                (3 * 1.0 + 4 * 0.5 + 7 * 0.5 + 4 * 1.0) / 7, (2461.0 / 60) / (12.5 / 7));
    }

    /*
     * Contacts by workers with no status count in the numerators, for the site that recorded them:
     * wx has a status only at s2, so at s1 it is a worker without status.
     *   s1: DIRECT_HOURS WEEK 03-01 1 h / 0 FTE-weeks -> value empty (row exists); CASELOAD 1 / 0;
     *       MHW 1 / 0; no OVER_THRESHOLD row (no active PSW); workers 1 (wx)
     *   s2: DIRECT_HOURS 0 / 1; CASELOAD 0 / 1; OVER_THRESHOLD 0 / 1
     */
    @Test
    void contactsByWorkersWithoutStatusCountInNumeratorsForTheRecordingSite() {
        Computed c = Computed.of(dir,
                attended("c1", "s1", "2021-03-02", "wx", "PSW", "IN_PERSON", 60, "pA"),
                attended("c2", "s1", "2021-03-03", "wy", "MHW", "PHONE", 30, "pB"),
                workerStatus("st", "s2", "2021-03-01", "wx", "PSW", 1.0, true),
                horizon("s1", "2021-05-31"),
                horizon("s2", "2021-05-31"));

        ReferenceRow hours = c.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-01");
        assertNumbers(hours, 1, 0, null);
        assertThat(hours.workers()).isEqualTo(1);
        assertNumbers(c.get("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-03-01"), 1, 0, null);
        assertNumbers(c.get("MHW_CONTACTS_PER_FTE", "s1", "*", "*", "WEEK", "2021-03-01"), 1, 0, null);
        c.assertAbsent("PSW_OVER_THRESHOLD", "s1", "*", "*", "WEEK", "2021-03-01");
        assertNumbers(c.get("PSW_DIRECT_HOURS", "s2", "*", "*", "WEEK", "2021-03-01"), 0, 1, 0);
        assertNumbers(c.get("PSW_CASELOAD", "s2", "*", "*", "WEEK", "2021-03-01"), 0, 1, 0);
        assertNumbers(c.get("PSW_OVER_THRESHOLD", "s2", "*", "*", "WEEK", "2021-03-01"), 0, 1, 0);
        assertThat(c.rows()).as("no * rows for workload").noneMatch(r -> WORKLOAD.contains(r.indicator())
                && r.siteId().equals("*"));
    }

    /*
     * w1 PSW fte 1.0 from 02-01, fte 0.5 from 04-01 (= the horizon, a Thursday; watermark 02-25).
     * Contacts: pA 02-28, pB 03-01, pD 03-05, pC 03-29.
     *   WEEK 03-22..03-28: 28 days ending Sunday 03-28 = 03-01..03-28: {pB, pD} / 1.0 = 2
     *   WEEK 03-29..04-04: the current week ends at the horizon 04-01: 03-05..04-01: {pD, pC} / 0.5 = 4
     *   ROLLING_28D E=03-28: 2 / 1; E=03-29 (03-02..03-29): {pD, pC} = 2 / 1
     *   WEEK 02-15..02-21: no contact in 01-25..02-21: 0 / 1, FINAL (02-21 <= watermark)
     *   WEEK 02-22..02-28: {pA} / 1, PROVISIONAL (02-28 > watermark)
     */
    @Test
    void caseloadWeekUsesTheTwentyEightDaysEndingOnTheSundayOrTheHorizon() {
        Computed c = Computed.of(dir,
                workerStatus("st1", "s1", "2021-02-01", "w1", "PSW", 1.0, true),
                workerStatus("st2", "s1", "2021-04-01", "w1", "PSW", 0.5, true),
                attended("a", "s1", "2021-02-28", "w1", "PSW", "IN_PERSON", 60, "pA"),
                attended("b", "s1", "2021-03-01", "w1", "PSW", "IN_PERSON", 60, "pB"),
                attended("d", "s1", "2021-03-05", "w1", "PSW", "IN_PERSON", 60, "pD"),
                attended("cc", "s1", "2021-03-29", "w1", "PSW", "IN_PERSON", 60, "pC"));

        assertRow(c.get("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-03-22"), 2, 1, 2, "PROVISIONAL");
        assertRow(c.get("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-03-29"), 2, 0.5, 4, "PROVISIONAL");
        assertNumbers(c.get("PSW_CASELOAD", "s1", "*", "*", "ROLLING_28D", "2021-03-01"), 2, 1, 2);
        assertNumbers(c.get("PSW_CASELOAD", "s1", "*", "*", "ROLLING_28D", "2021-03-02"), 2, 1, 2);
        assertRow(c.get("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-02-15"), 0, 1, 0, "FINAL");
        assertRow(c.get("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-02-22"), 1, 1, 1, "PROVISIONAL");
        c.assertAbsent("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-04-05");
        c.assertAbsent("PSW_CASELOAD", "s1", "*", "*", "ROLLING_28D", "2021-03-06");
    }

    /*
     * Two statuses of w1 on 03-01: the later arrival stands (fte 0.4, then fte 1.0 when the order is
     * reversed). From 03-04 w1 is an MHW: PSW FTE only 03-01..03-03, MHW FTE from 03-04.
     *   PSW DIRECT_HOURS WEEK 03-01: 0 / (3 x 0.4 / 7); MHW WEEK 03-01: 0 / (4 x 0.4 / 7)
     */
    @Test
    void theLaterOfTwoSameDayStatusesStandsAndRoleComesFromTheStatusOfTheDay() {
        String first = workerStatus("st1", "s1", "2021-03-01", "w1", "PSW", 1.0, true);
        String second = workerStatus("st2", "s1", "2021-03-01", "w1", "PSW", 0.4, true);
        String toMhw = workerStatus("st3", "s1", "2021-03-04", "w1", "MHW", 0.4, true);
        String end = horizon("s1", "2021-05-31");

        Computed inOrder = Computed.of(dir, first, second, toMhw, end);
        Computed reversed = Computed.of(dir, second, first, toMhw, end);

        assertNumbers(inOrder.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-01"), 0, 1.2 / 7, 0);
        assertNumbers(reversed.get("PSW_DIRECT_HOURS", "s1", "*", "*", "WEEK", "2021-03-01"), 0, 3.0 / 7, 0);
        assertNumbers(inOrder.get("MHW_CONTACTS_PER_FTE", "s1", "*", "*", "WEEK", "2021-03-01"), 0, 1.6 / 7, 0);
        assertNumbers(inOrder.get("PSW_OVER_THRESHOLD", "s1", "*", "*", "WEEK", "2021-03-01"), 0, 1, 0);
        inOrder.assertAbsent("PSW_OVER_THRESHOLD", "s1", "*", "*", "WEEK", "2021-03-08");
        inOrder.assertAbsent("PSW_CASELOAD", "s1", "*", "*", "WEEK", "2021-03-01");
    }
}
