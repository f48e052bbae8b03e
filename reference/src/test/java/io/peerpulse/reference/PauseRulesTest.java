package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Computed.assertRow;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.exited;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.pause;
import static io.peerpulse.reference.Events.pswContact;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Site pauses: person-days, ACTIVE_ENROLMENTS and the DISENGAGED_60 window skip paused days. */
class PauseRulesTest {

    @TempDir
    Path dir;

    /*
     * s1 paused 03-10..03-19 (10 days).
     *   pA 03-01.. : non-paused March days 31 - 10 = 21
     *   pB 03-12..03-15: every day paused, so 0 person-days and never "active on a non-paused day";
     *      its contact on paused 03-13 still belongs to its enrolment.
     * ACTIVE_ENROLMENTS: DAY 03-12 none (omitted); WEEK 03-08..14 pA (03-08, 03-09); WEEK 03-15..21
     *   pA (03-20, 03-21) but not pB; MONTH 1.
     * CONTACTS_PER_PERSON_MONTH March = 1 / 21 x 30.4375 = 1.4494;
     *   ROLLING_28D ending 03-19 = pA's 9 non-paused days 03-01..03-09: 1 / 9 x 30.4375 = 3.3819.
     * REACH_30 March: pB reached (contact on a paused day counts), pA not: 1/2.
     */
    @Test
    void pausedDaysAddNoPersonDaysAndNoActiveDays() {
        Computed c = Computed.of(dir,
                pause("sp", "s1", "2021-03-10", "2021-03-19"),
                enrolled("a", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
                enrolled("b", "s1", "2021-03-12", "pB", "P", "INTERVENTION"),
                exited("bx", "s1", "2021-03-15", "pB", "COMPLETED"),
                pswContact("c1", "s1", "2021-03-13", "pB"),
                horizon("s1", "2021-03-31"));

        c.assertAbsent("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "DAY", "2021-03-12");
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "DAY", "2021-03-09"), 1, null, 1);
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "WEEK", "2021-03-08"), 1, null, 1);
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "WEEK", "2021-03-15"), 1, null, 1);
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 1, null, 1);
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"),
                1, 21, 1.4494);
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "ROLLING_28D", "2021-02-20"),
                1, 9, 3.3819);
        assertNumbers(c.get("REACH_30", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 1, 2, 50);
    }

    /*
     * s1 paused for all of April; horizon 05-31, watermark 04-26. One person per programme, all
     * INTERVENTION, enrolled 01-01 for 365 days unless noted.
     * The 60 latest non-paused days up to D:
     *   March D=03-31: 01-31..03-31        April D=04-30: 01-31..03-31 (April is paused)
     *   May   D=05-31: 03-03..03-31 and 05-01..05-31
     *   PA contact 03-03   March engaged, April engaged, May engaged (03-03 is the 60th day)
     *   PB contact 03-02   engaged, engaged, DISENGAGED (03-02 is the 61st non-paused day)
     *   PC contact 04-15   on a paused day: never in a window, so disengaged every month
     *   PD contact 05-10   disengaged in March and April, engaged in May
     *   PF enrolment 1 01-01..03-09 (contact 03-05), enrolment 2 from 03-10: in the May cohort
     *      (d0 <= D-60 = 04-01); its window reaches back to 03-03 but only enrolment 2's contacts
     *      count: disengaged. Not in the March/April cohorts (03-10 > D-60).
     * February: D-60 = 2020-12-30 < d0: no cohort, no row.
     * April's CONTACTS_PER_PERSON_MONTH for PC: one contact, 0 person-days: value empty.
     */
    @Test
    void disengagementWindowIsTheSixtyLatestNonPausedDaysOfTheSite() {
        Computed c = Computed.of(dir,
                pause("sp", "s1", "2021-04-01", "2021-04-30"),
                enrolled("a", "s1", "2021-01-01", "pA", "PA", "INTERVENTION", 365),
                enrolled("b", "s1", "2021-01-01", "pB", "PB", "INTERVENTION", 365),
                enrolled("c", "s1", "2021-01-01", "pC", "PC", "INTERVENTION", 365),
                enrolled("d", "s1", "2021-01-01", "pD", "PD", "INTERVENTION", 365),
                enrolled("f1", "s1", "2021-01-01", "pF", "PF", "INTERVENTION", 68),
                enrolled("f2", "s1", "2021-03-10", "pF", "PF", "INTERVENTION", 365),
                pswContact("ac", "s1", "2021-03-03", "pA"),
                pswContact("bc", "s1", "2021-03-02", "pB"),
                pswContact("cc", "s1", "2021-04-15", "pC"),
                pswContact("dc", "s1", "2021-05-10", "pD"),
                pswContact("fc", "s1", "2021-03-05", "pF"),
                horizon("s1", "2021-05-31"));

        String[] months = {"2021-03-01", "2021-04-01", "2021-05-01"};
        int[][] disengaged = {
            {0, 0, 0}, // PA
            {0, 0, 1}, // PB
            {1, 1, 1}, // PC
            {1, 1, 0}, // PD
        };
        String[] programmes = {"PA", "PB", "PC", "PD"};
        String[] status = {"FINAL", "PROVISIONAL", "PROVISIONAL"};
        for (int p = 0; p < programmes.length; p++) {
            for (int m = 0; m < months.length; m++) {
                assertRow(c.get("DISENGAGED_60", "s1", programmes[p], "INTERVENTION", "MONTH", months[m]),
                        disengaged[p][m], 1, 100 * disengaged[p][m], status[m]);
            }
            c.assertAbsent("DISENGAGED_60", "s1", programmes[p], "INTERVENTION", "MONTH", "2021-02-01");
        }
        c.assertAbsent("DISENGAGED_60", "s1", "PF", "INTERVENTION", "MONTH", "2021-03-01");
        c.assertAbsent("DISENGAGED_60", "s1", "PF", "INTERVENTION", "MONTH", "2021-04-01");
        assertNumbers(c.get("DISENGAGED_60", "s1", "PF", "INTERVENTION", "MONTH", "2021-05-01"), 1, 1, 100);
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "PC", "INTERVENTION", "MONTH", "2021-04-01"),
                1, 0, null);
        c.assertAbsent("DISENGAGED_60", "s1", "PA", "INTERVENTION", "WEEK", "2021-05-24");
    }

    /* D of the current month is the horizon: May with horizon 05-20 looks back from 05-20. */
    @Test
    void disengagementOfTheCurrentMonthIsTakenAtTheHorizon() {
        // D = 05-20, D-60 = 03-21; the window is 03-22..05-20 (no pause)
        Computed c = Computed.of(dir,
                enrolled("a", "s1", "2021-03-21", "pA", "PA", "INTERVENTION"),
                enrolled("b", "s1", "2021-03-21", "pB", "PB", "INTERVENTION"),
                pswContact("ac", "s1", "2021-03-21", "pA"),
                pswContact("bc", "s1", "2021-03-22", "pB"),
                horizon("s1", "2021-05-20"));

        assertNumbers(c.get("DISENGAGED_60", "s1", "PA", "INTERVENTION", "MONTH", "2021-05-01"), 1, 1, 100);
        assertNumbers(c.get("DISENGAGED_60", "s1", "PB", "INTERVENTION", "MONTH", "2021-05-01"), 0, 1, 0);
    }
}
