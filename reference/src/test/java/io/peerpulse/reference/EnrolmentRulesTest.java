package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.exited;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.pswContact;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** indicators.md "Common rules / Enrolment" and "Precise rules / Enrolments". */
class EnrolmentRulesTest {

    @TempDir
    Path dir;

    /*
     * e1 and e2 start on the same date: the later arrival (e2, CONTROL) stands, e1 never counts.
     * e3 re-enrols on 03-11, which ends e2 on 03-10; x1 ends e3 on 03-20.
     *   CONTROL      03-01..03-10  10 person-days
     *   INTERVENTION 03-11..03-20  10 person-days; the only INTERVENTION starter is e3
     */
    @Test
    void reEnrolmentEndsThePreviousEnrolmentAndTheLaterOfTwoSameDateEnrolmentsStands() {
        Computed c = Computed.of(dir,
                enrolled("e1", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
                enrolled("e2", "s1", "2021-03-01", "pA", "P", "CONTROL"),
                enrolled("e3", "s1", "2021-03-11", "pA", "P", "INTERVENTION"),
                exited("x1", "s1", "2021-03-20", "pA", "COMPLETED"),
                horizon("s1", "2021-03-31"));

        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "P", "CONTROL", "MONTH", "2021-03-01"), 1, null, 1);
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 1, null, 1);
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "P", "CONTROL", "DAY", "2021-03-10"), 1, null, 1);
        c.assertAbsent("ACTIVE_ENROLMENTS", "s1", "P", "CONTROL", "DAY", "2021-03-11");
        c.assertAbsent("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "DAY", "2021-03-10");
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "DAY", "2021-03-20"), 1, null, 1);
        c.assertAbsent("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "DAY", "2021-03-21");

        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "CONTROL", "MONTH", "2021-03-01"), 0, 10, 0);
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 0, 10, 0);
        assertNumbers(c.get("REACH_30", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);
        c.assertAbsent("REACH_30", "s1", "P", "CONTROL", "MONTH", "2021-03-01");
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "*", "P", "CONTROL", "MONTH", "2021-03-01"), 1, null, 1);
    }

    /*
     * PA: an exit on the first day of a person's first enrolment makes it a one-day enrolment.
     * PB: b2 starts 03-10; the exit dated 03-10 belongs to b1, which was active on 03-09 (its
     *     natural end), so it ends b1 with reason DIED (before b1's d0+29 = 03-30: b1 leaves the
     *     REACH_30 cohort). b2 goes on. Person-days 9 (b1) + 22 (b2) = 31.
     * PC: c1 ended 03-05 (planned 5 days); the exit dated on c2's start day belongs to c1, which was
     *     not active on 03-09: ignored, c2 goes on. Person-days 5 + 22 = 27.
     */
    @Test
    void exitOnAStartDay() {
        Computed c = Computed.of(dir,
                enrolled("a1", "s1", "2021-03-01", "pA", "PA", "INTERVENTION"),
                exited("ax", "s1", "2021-03-01", "pA", "COMPLETED"),
                enrolled("b1", "s1", "2021-03-01", "pB", "PB", "INTERVENTION"),
                enrolled("b2", "s1", "2021-03-10", "pB", "PB", "INTERVENTION"),
                exited("bx", "s1", "2021-03-10", "pB", "DIED"),
                enrolled("c1", "s1", "2021-03-01", "pC", "PC", "INTERVENTION", 5),
                enrolled("c2", "s1", "2021-03-10", "pC", "PC", "INTERVENTION"),
                exited("cx", "s1", "2021-03-10", "pC", "COMPLETED"),
                horizon("s1", "2021-03-31"));

        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "PA", "INTERVENTION", "DAY", "2021-03-01"), 1, null, 1);
        c.assertAbsent("ACTIVE_ENROLMENTS", "s1", "PA", "INTERVENTION", "DAY", "2021-03-02");
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "PA", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);

        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "PB", "INTERVENTION", "DAY", "2021-03-09"), 1, null, 1);
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "PB", "INTERVENTION", "DAY", "2021-03-11"), 1, null, 1);
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "PB", "INTERVENTION", "MONTH", "2021-03-01"), 0, 31, 0);
        assertNumbers(c.get("REACH_30", "s1", "PB", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);
        assertNumbers(c.get("MIN_DOSE_3", "s1", "PB", "INTERVENTION", "MONTH", "2021-03-01"), 0, 2, 0);

        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "PC", "INTERVENTION", "DAY", "2021-03-05"), 1, null, 1);
        c.assertAbsent("ACTIVE_ENROLMENTS", "s1", "PC", "INTERVENTION", "DAY", "2021-03-06");
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "PC", "INTERVENTION", "DAY", "2021-03-11"), 1, null, 1);
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "PC", "INTERVENTION", "MONTH", "2021-03-01"), 0, 27, 0);
        assertNumbers(c.get("REACH_30", "s1", "PC", "INTERVENTION", "MONTH", "2021-03-01"), 0, 2, 0);
    }

    /*
     * REACH_30 drops a member whose DIED exit is dated before d0+29 (= 03-30 for d0 03-01).
     *   PD: DIED on 03-30 = d0+29: stays; contacted 03-05: 1/1 = 100 %
     *   PE: DIED on 03-29: dropped, cohort empty, row omitted; MIN_DOSE_3 keeps it (0/1)
     *   PF: planned 10 days (ends 03-10); the DIED exit on 03-15 finds no active enrolment:
     *       ignored, PF stays in the cohort (0/1)
     *   PG: two exits, the earliest (03-12 DIED, arrived second) counts: dropped, ends 03-12
     */
    @Test
    void reachDropsDeathsBeforeDay29AndOnlyTheEarliestExitCounts() {
        Computed c = Computed.of(dir,
                enrolled("d", "s1", "2021-03-01", "pD", "PD", "INTERVENTION"),
                pswContact("dc", "s1", "2021-03-05", "pD"),
                exited("dx", "s1", "2021-03-30", "pD", "DIED"),
                enrolled("e", "s1", "2021-03-01", "pE", "PE", "INTERVENTION"),
                exited("ex", "s1", "2021-03-29", "pE", "DIED"),
                enrolled("f", "s1", "2021-03-01", "pF", "PF", "INTERVENTION", 10),
                exited("fx", "s1", "2021-03-15", "pF", "DIED"),
                enrolled("g", "s1", "2021-03-01", "pG", "PG", "INTERVENTION"),
                exited("gx1", "s1", "2021-03-20", "pG", "COMPLETED"),
                exited("gx2", "s1", "2021-03-12", "pG", "DIED"),
                horizon("s1", "2021-04-30"));

        assertNumbers(c.get("REACH_30", "s1", "PD", "INTERVENTION", "MONTH", "2021-03-01"), 1, 1, 100);
        c.assertAbsent("REACH_30", "s1", "PE", "INTERVENTION", "MONTH", "2021-03-01");
        assertNumbers(c.get("MIN_DOSE_3", "s1", "PE", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);
        assertNumbers(c.get("REACH_30", "s1", "PF", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);
        c.assertAbsent("REACH_30", "s1", "PG", "INTERVENTION", "MONTH", "2021-03-01");
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "PG", "INTERVENTION", "DAY", "2021-03-12"), 1, null, 1);
        c.assertAbsent("ACTIVE_ENROLMENTS", "s1", "PG", "INTERVENTION", "DAY", "2021-03-13");
    }

    /*
     * The REACH_30 window is d0..d0+29 in calendar days and only contacts of this enrolment count.
     * PH: contact on d0+29 (03-30): reached. PI: contact on d0+30 (03-31): not reached.
     * PJ: planned 10 days (03-01..03-10), contact on 03-20 lies outside any enrolment: not reached.
     */
    @Test
    void reachWindowIsThirtyCalendarDaysOfTheEnrolment() {
        Computed c = Computed.of(dir,
                enrolled("h", "s1", "2021-03-01", "pH", "PH", "INTERVENTION"),
                pswContact("hc", "s1", "2021-03-30", "pH"),
                enrolled("i", "s1", "2021-03-01", "pI", "PI", "INTERVENTION"),
                pswContact("ic", "s1", "2021-03-31", "pI"),
                enrolled("j", "s1", "2021-03-01", "pJ", "PJ", "INTERVENTION", 10),
                pswContact("jc", "s1", "2021-03-20", "pJ"),
                horizon("s1", "2021-04-30"));

        assertNumbers(c.get("REACH_30", "s1", "PH", "INTERVENTION", "MONTH", "2021-03-01"), 1, 1, 100);
        assertNumbers(c.get("REACH_30", "s1", "PI", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);
        assertNumbers(c.get("REACH_30", "s1", "PJ", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);
        c.assertAbsent("DAYS_TO_FIRST_CONTACT", "s1", "PJ", "INTERVENTION", "MONTH", "2021-03-01");
    }
}
