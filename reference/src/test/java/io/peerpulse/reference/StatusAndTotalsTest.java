package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Computed.assertRow;
import static io.peerpulse.reference.Events.admitted;
import static io.peerpulse.reference.Events.discharged;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.exited;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.pswContact;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Status windows against the site watermark, and the `*` total rows. */
class StatusAndTotalsTest {

    @TempDir
    Path dir;

    /*
     * pA enrolled Monday 01-04, contacted 01-10, exited 01-20; horizon 03-09.
     *   lateness 35 -> watermark 02-02: REACH_30 window d0+29 = 02-02: FINAL (on the watermark)
     *   lateness 36 -> watermark 02-01: REACH_30 PROVISIONAL, although January has ended;
     *                  ACTIVE_ENROLMENTS January (period end 01-31) FINAL
     *   lateness 38 -> watermark 01-30: ACTIVE_ENROLMENTS January PROVISIONAL
     *   lateness 50 -> watermark 01-18: MIN_DOSE_3 waits for the enrolment's end 01-20: PROVISIONAL;
     *                  ACTIVE_ENROLMENTS WEEK 01-04..01-10 FINAL
     */
    @Test
    void statusComparesThePeriodAndEveryMembersWindowWithTheSiteWatermark() {
        String[] history = {
            enrolled("a", "s1", "2021-01-04", "pA", "P", "INTERVENTION"),
            pswContact("c", "s1", "2021-01-10", "pA"),
            exited("x", "s1", "2021-01-20", "pA", "COMPLETED"),
            horizon("s1", "2021-03-09"),
        };
        Computed l35 = compute(35, history);
        Computed l36 = compute(36, history);
        Computed l38 = compute(38, history);
        Computed l50 = compute(50, history);

        assertRow(l35.get("REACH_30", "s1", "P", "INTERVENTION", "WEEK", "2021-01-04"), 1, 1, 100, "FINAL");
        assertRow(l35.get("MIN_DOSE_3", "s1", "P", "INTERVENTION", "WEEK", "2021-01-04"), 0, 1, 0, "FINAL");
        assertRow(l35.get("DAYS_TO_FIRST_CONTACT", "s1", "P", "INTERVENTION", "WEEK", "2021-01-04"),
                1, null, 6, "FINAL");
        assertRow(l36.get("REACH_30", "s1", "P", "INTERVENTION", "WEEK", "2021-01-04"), 1, 1, 100, "PROVISIONAL");
        assertRow(l36.get("REACH_30", "s1", "P", "INTERVENTION", "MONTH", "2021-01-01"), 1, 1, 100, "PROVISIONAL");
        assertRow(l36.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "MONTH", "2021-01-01"), 1, null, 1, "FINAL");
        assertRow(l38.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "MONTH", "2021-01-01"),
                1, null, 1, "PROVISIONAL");
        assertRow(l50.get("MIN_DOSE_3", "s1", "P", "INTERVENTION", "WEEK", "2021-01-04"), 0, 1, 0, "PROVISIONAL");
        assertRow(l50.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "WEEK", "2021-01-04"), 1, null, 1, "FINAL");
    }

    /*
     * FOLLOW_UP_30, WEEK 01-04..01-10: pC discharged 01-04 (window to 02-03), not followed: 0/1;
     * pB discharged 01-08 (window to 02-07) and readmitted 01-10 with no contact: excluded, yet still
     * a member for the status. Horizon 03-12: lateness 35 -> watermark 02-05 < 02-07: PROVISIONAL;
     * lateness 33 -> watermark 02-07: FINAL.
     */
    @Test
    void excludedFollowUpDischargesStillHoldTheStatus() {
        String[] history = {
            enrolled("b", "s1", "2021-01-01", "pB", "P", "NONE"),
            enrolled("c", "s1", "2021-01-01", "pC", "P", "NONE"),
            admitted("ca", "s1", "2021-01-02", "pC", "sc"),
            discharged("cd", "s1", "2021-01-04", "pC", "sc", "ROUTINE"),
            admitted("ba", "s1", "2021-01-02", "pB", "sb"),
            discharged("bd", "s1", "2021-01-08", "pB", "sb", "ROUTINE"),
            admitted("ba2", "s1", "2021-01-10", "pB", "sb2"),
            horizon("s1", "2021-03-12"),
        };

        assertRow(compute(35, history).get("FOLLOW_UP_30", "s1", "P", "NONE", "WEEK", "2021-01-04"),
                0, 1, 0, "PROVISIONAL");
        assertRow(compute(33, history).get("FOLLOW_UP_30", "s1", "P", "NONE", "WEEK", "2021-01-04"),
                0, 1, 0, "FINAL");
    }

    /*
     * REACH_30 March: pA starts 03-01 (window to 03-30); pB starts 03-10 and dies 03-12, before
     * d0+29: dropped from the cohort, and its window (04-08) does not hold the status. Horizon 05-06,
     * watermark 04-01: FINAL, 0/1.
     */
    @Test
    void membersDroppedFromReachForDeathDoNotHoldTheStatus() {
        Computed c = compute(35,
                enrolled("a", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
                enrolled("b", "s1", "2021-03-10", "pB", "P", "INTERVENTION"),
                exited("bx", "s1", "2021-03-12", "pB", "DIED"),
                horizon("s1", "2021-05-06"));

        assertRow(c.get("REACH_30", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0, "FINAL");
    }

    /*
     * s1 horizon 03-31 (watermark 02-24), s2 horizon 02-15 (watermark 01-11).
     * INTERVENTION: pA at s1, pB at s2; CONTROL: pC at s1.
     *   ACTIVE_ENROLMENTS January: s1 1 FINAL, s2 1 PROVISIONAL -> * 2 PROVISIONAL; * CONTROL 1 FINAL
     *   CONTACTS_PER_PERSON_MONTH February: s1 1/28 = 1.0871, s2 (days up to its horizon) 2/15 =
     *     4.0583 -> * 3/43 x 30.4375 = 2.1235, PROVISIONAL
     *   March: s2 has no row (starts after its horizon), * = s1's 1
     *   REACH_30 January: s1 0/1 FINAL (window 01-30 <= 02-24), s2 0/1 PROVISIONAL -> * 0/2 PROVISIONAL
     */
    @Test
    void totalsPoolTheSiteRowsThatExist() {
        Computed c = compute(35,
                enrolled("a", "s1", "2021-01-01", "pA", "P", "INTERVENTION"),
                enrolled("b", "s2", "2021-01-01", "pB", "P", "INTERVENTION"),
                enrolled("c", "s1", "2021-01-01", "pC", "P", "CONTROL"),
                pswContact("a1", "s1", "2021-02-03", "pA"),
                pswContact("b1", "s2", "2021-02-04", "pB"),
                pswContact("b2", "s2", "2021-02-05", "pB"),
                horizon("s1", "2021-03-31"),
                horizon("s2", "2021-02-15"));

        assertRow(c.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "MONTH", "2021-01-01"), 1, null, 1, "FINAL");
        assertRow(c.get("ACTIVE_ENROLMENTS", "s2", "P", "INTERVENTION", "MONTH", "2021-01-01"),
                1, null, 1, "PROVISIONAL");
        assertRow(c.get("ACTIVE_ENROLMENTS", "*", "P", "INTERVENTION", "MONTH", "2021-01-01"),
                2, null, 2, "PROVISIONAL");
        assertRow(c.get("ACTIVE_ENROLMENTS", "*", "P", "CONTROL", "MONTH", "2021-01-01"), 1, null, 1, "FINAL");

        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "MONTH", "2021-02-01"),
                1, 28, 1.0871);
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s2", "P", "INTERVENTION", "MONTH", "2021-02-01"),
                2, 15, 4.0583);
        assertRow(c.get("CONTACTS_PER_PERSON_MONTH", "*", "P", "INTERVENTION", "MONTH", "2021-02-01"),
                3, 43, 2.1235, "PROVISIONAL");

        c.assertAbsent("ACTIVE_ENROLMENTS", "s2", "P", "INTERVENTION", "MONTH", "2021-03-01");
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "*", "P", "INTERVENTION", "MONTH", "2021-03-01"), 1, null, 1);

        assertRow(c.get("REACH_30", "s1", "P", "INTERVENTION", "MONTH", "2021-01-01"), 0, 1, 0, "FINAL");
        assertRow(c.get("REACH_30", "s2", "P", "INTERVENTION", "MONTH", "2021-01-01"), 0, 1, 0, "PROVISIONAL");
        assertRow(c.get("REACH_30", "*", "P", "INTERVENTION", "MONTH", "2021-01-01"), 0, 2, 0, "PROVISIONAL");

        assertThat(c.rows()).as("rows are in CSV order").isSortedAccordingTo(ReferenceRow.CSV_ORDER);
        assertThat(c.rows()).as("every row is exact and revision 0")
                .allMatch(r -> !r.suppressed() && r.revision() == 0);
    }

    private Computed compute(int latenessDays, String... history) {
        return Computed.of(dir, ReferenceConfig.defaults().withLatenessDays(latenessDays), history);
    }
}
