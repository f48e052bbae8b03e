package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Computed.assertRow;
import static io.peerpulse.reference.Events.attended;
import static io.peerpulse.reference.Events.contactBy;
import static io.peerpulse.reference.Events.crisis;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.pause;
import static io.peerpulse.reference.Events.relapse;
import static io.peerpulse.reference.Events.supervision;
import static io.peerpulse.reference.Events.workerStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** indicators.md "Programme fidelity", hand-computed. */
class FidelityRulesTest {

    @TempDir
    Path dir;

    /*
     * s1, January cohort: pA d0 01-04 (182 days: ends 07-04), pB d0 01-20 (300 days). Pause 02-01..02-10.
     *   phases pA: 01-04..04-04, 04-05..07-04, 07-05..10-03; pB: 01-20..04-20, 04-21..07-20, 07-21..10-19
     *   person-days: P1 (91 - 10) + (91 - 10) = 162; P2 91 + 91 = 182; P3 0 (pA has ended) + 91 = 91
     *   contacts: pA PSW 01-05, MHW 02-05 (paused day: counts), MHW group 03-01 with pB (once each),
     *     not attended 03-02, PSW 05-01 (P2), PSW 07-10 (after pA's enrolment: not counted);
     *     pB group 03-01 (P1), PSW 07-25 and a MESSAGE 08-01 (P3)
     *   P1 4 / 162 x 30.4375 = 0.7515; P2 1 / 182 -> 0.1672; P3 2 / 91 -> 0.6690
     *   horizon 12-31, lateness 75: watermark 10-17: P1, P2 FINAL; P3 waits for pB's 10-19
     */
    @Test
    void phaseRatesCountContactPersonsOfTheEnrolmentPerPersonMonthOfEachPhase() {
        Computed c = Computed.of(dir, ReferenceConfig.defaults().withLatenessDays(75),
                enrolled("a", "s1", "2021-01-04", "pA", "P", "INTERVENTION"),
                enrolled("b", "s1", "2021-01-20", "pB", "P", "INTERVENTION", 300),
                pause("pz", "s1", "2021-02-01", "2021-02-10"),
                attended("a1", "s1", "2021-01-05", "w1", "PSW", "IN_PERSON", 60, "pA"),
                attended("a2", "s1", "2021-02-05", "m1", "MHW", "PHONE", 20, "pA"),
                attended("g", "s1", "2021-03-01", "m1", "MHW", "GROUP", 90, "pA", "pB", "pA"),
                contactBy("a3", "s1", "2021-03-02", "w1", "PSW", "IN_PERSON", "DID_NOT_ATTEND", 60, "pA"),
                attended("a4", "s1", "2021-05-01", "w1", "PSW", "IN_PERSON", 60, "pA"),
                attended("a5", "s1", "2021-07-10", "w1", "PSW", "IN_PERSON", 60, "pA"),
                attended("b1", "s1", "2021-07-25", "w1", "PSW", "IN_PERSON", 60, "pB"),
                attended("b2", "s1", "2021-08-01", "w1", "PSW", "MESSAGE", 5, "pB"),
                horizon("s1", "2021-12-31"));

        assertRow(c.get("PHASE1_CONTACT_RATE", "s1", "P", "INTERVENTION", "MONTH", "2021-01-01"),
                4, 162, 0.7515, "FINAL");
        assertRow(c.get("PHASE2_CONTACT_RATE", "s1", "P", "INTERVENTION", "MONTH", "2021-01-01"),
                1, 182, 0.1672, "FINAL");
        assertRow(c.get("PHASE3_CONTACT_RATE", "s1", "P", "INTERVENTION", "MONTH", "2021-01-01"),
                2, 91, 0.6690, "PROVISIONAL");
        assertRow(c.get("PHASE3_CONTACT_RATE", "*", "P", "INTERVENTION", "MONTH", "2021-01-01"),
                2, 91, 0.6690, "PROVISIONAL");
        c.assertAbsent("PHASE1_CONTACT_RATE", "s1", "P", "INTERVENTION", "MONTH", "2021-02-01");
        c.assertAbsent("PHASE1_CONTACT_RATE", "s1", "P", "INTERVENTION", "WEEK", "2021-01-04");
    }

    /*
     * pA enrolled 03-01. Relapses 03-05 and 03-08 (one episode from 03-05), 03-20, 04-02.
     *   03-05: crisis contact on 03-06 (the next day): met
     *   03-20: a non-crisis contact on 03-20 and a crisis contact on 03-22 (two days later): not met
     *   04-02: a crisis contact recorded by s2: met;  a crisis contact not attended does not count
     *   March 1/2 = 50 %, April 1/1. Horizon 05-05: lateness 35 -> watermark 03-31 < 04-01 = period
     *   end + 1: March PROVISIONAL; lateness 34 -> FINAL.
     */
    @Test
    void crisisSameDayNeedsACrisisContactOnTheEpisodesDayOrTheNext() {
        String[] history = {
            enrolled("a", "s1", "2021-03-01", "pA", "P", "CONTROL"),
            relapse("r1", "s1", "2021-03-05", "pA"),
            relapse("r2", "s1", "2021-03-08", "pA"),
            relapse("r3", "s1", "2021-03-20", "pA"),
            relapse("r4", "s1", "2021-04-02", "pA"),
            crisis(attended("c1", "s1", "2021-03-06", "m1", "MHW", "PHONE", 10, "pA")),
            attended("c2", "s1", "2021-03-20", "w1", "PSW", "IN_PERSON", 30, "pA"),
            crisis(attended("c3", "s1", "2021-03-22", "w1", "PSW", "IN_PERSON", 30, "pA")),
            crisis(contactBy("c4", "s1", "2021-04-02", "w1", "PSW", "IN_PERSON", "CANCELLED", 30, "pA")),
            crisis(attended("c5", "s2", "2021-04-02", "x9", "MHW", "HOME_VISIT", 30, "pA")),
            horizon("s1", "2021-05-05"),
            horizon("s2", "2021-05-05"),
        };
        Computed c = Computed.of(dir, history);
        Computed later = Computed.of(dir, ReferenceConfig.defaults().withLatenessDays(34), history);

        assertRow(c.get("CRISIS_SAME_DAY", "s1", "P", "CONTROL", "MONTH", "2021-03-01"), 1, 2, 50, "PROVISIONAL");
        assertRow(later.get("CRISIS_SAME_DAY", "s1", "P", "CONTROL", "MONTH", "2021-03-01"), 1, 2, 50, "FINAL");
        assertNumbers(c.get("CRISIS_SAME_DAY", "s1", "P", "CONTROL", "MONTH", "2021-04-01"), 1, 1, 100);
        assertNumbers(c.get("CRISIS_SAME_DAY", "*", "P", "CONTROL", "MONTH", "2021-04-01"), 1, 1, 100);
        c.assertAbsent("CRISIS_SAME_DAY", "s1", "P", "CONTROL", "WEEK", "2021-03-01");
    }

    /*
     * s1 PSWs from 03-01: w1 fte 1.0 (inactive from 03-23), w2 fte 0.5, w3 fte 0; m1 an MHW.
     * Supervisions: w1 03-01; w2 03-20; m1 03-02; w1 recorded by s2 on 03-16 (another worker).
     * Horizon 03-24 (Wednesday).
     *   WEEK 03-01: P 03-07, 14 days 02-22..03-07: w1 -> 1/3 (workers w1, w2: fte > 0)
     *   WEEK 03-08: 02-23..03-14: w1 -> 1/3;  WEEK 03-15: 03-08..03-21: w2 -> 1/3
     *   WEEK 03-22: P = horizon 03-24, 03-11..03-24: active w2, w3; w2 -> 1/2
     *   Published: 2 contributing workers -> nulled.
     */
    @Test
    void supervisedShareIsTakenOnTheWeeksLastKnownDay() {
        String[] history = {
            workerStatus("s-w1", "s1", "2021-03-01", "w1", "PSW", 1.0, true),
            workerStatus("s-w1b", "s1", "2021-03-23", "w1", "PSW", 1.0, false),
            workerStatus("s-w2", "s1", "2021-03-01", "w2", "PSW", 0.5, true),
            workerStatus("s-w3", "s1", "2021-03-01", "w3", "PSW", 0.0, true),
            workerStatus("s-m1", "s1", "2021-03-01", "m1", "MHW", 1.0, true),
            supervision("v1", "s1", "2021-03-01", "w1"),
            supervision("v2", "s1", "2021-03-20", "w2"),
            supervision("v3", "s1", "2021-03-02", "m1"),
            supervision("v4", "s2", "2021-03-16", "w1"),
            horizon("s1", "2021-03-24"),
        };
        Computed c = Computed.of(dir, history);

        ReferenceRow first = c.get("PSW_SUPERVISED_14D", "s1", "*", "*", "WEEK", "2021-03-01");
        assertNumbers(first, 1, 3, 33.3333);
        assertThat(first.workers()).isEqualTo(2);
        assertNumbers(c.get("PSW_SUPERVISED_14D", "s1", "*", "*", "WEEK", "2021-03-08"), 1, 3, 33.3333);
        assertNumbers(c.get("PSW_SUPERVISED_14D", "s1", "*", "*", "WEEK", "2021-03-15"), 1, 3, 33.3333);
        assertNumbers(c.get("PSW_SUPERVISED_14D", "s1", "*", "*", "WEEK", "2021-03-22"), 1, 2, 50);
        assertThat(c.rows()).noneMatch(r -> r.indicator().equals("PSW_SUPERVISED_14D") && r.siteId().equals("*"));

        List<ReferenceRow> published = ReferencePublication.publish(c.rows(), PublicationConfig.defaults());
        assertThat(published).filteredOn(r -> r.indicator().equals("PSW_SUPERVISED_14D")).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.numerator()).isNull();
                    assertThat(r.denominator()).isNull();
                    assertThat(r.suppressed()).isTrue();
                });
    }
}
