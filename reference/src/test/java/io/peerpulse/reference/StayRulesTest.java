package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Computed.assertRow;
import static io.peerpulse.reference.Events.admitted;
import static io.peerpulse.reference.Events.contact;
import static io.peerpulse.reference.Events.discharged;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.exited;
import static io.peerpulse.reference.Events.horizon;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stays, merged stays, index discharges and the transition indicators. */
class StayRulesTest {

    @TempDir
    Path dir;

    /*
     * P (pA, CONTROL, enrolled 03-01): s1 stay st1 03-05..03-10 TRANSFER, then s2's stay st1 (same
     * stay_id, another site: another stay) admitted 03-11, the day after: merged into 03-05..03-20
     * ROUTINE. Bed days 03-05..03-19 = 15 (the gap day 03-10 counts; unmerged it would be 14).
     *   BED_DAYS March 15 / 31 x 30.4375 = 14.7278; DAY 03-19 1/1 = 30.4375; DAY 03-20 0/1
     *   INVOLUNTARY_ADMISSIONS March: both ADMITTED count (before merging): 2 / 31 x 3043.75 = 196.371
     *   FOLLOW_UP_7 / _30 of the 03-20 index discharge: MHW contact 03-25 (day 5): 1/1
     *   READMISSION_30: st3 admitted 04-10 (day 21): 1/1; st3 stays open: April bed days
     *   04-10..04-30 (the horizon) = 21 / 30 x 30.4375 = 21.30625, written 21.3063
     * Q (pB): 03-05..03-10 ROUTINE and 03-11..03-15 ROUTINE merge: one index discharge (03-15),
     *   not readmitted: READMISSION_30 March 0/1 (unmerged: 1/2).
     */
    @Test
    void staysMergeAcrossTransfersAndNextDayAdmissions() {
        Computed c = Computed.of(dir,
                enrolled("e", "s1", "2021-03-01", "pA", "P", "CONTROL"),
                admitted("a1", "s1", "2021-03-05", "pA", "st1", "PSYCHIATRIC", true),
                discharged("d1", "s1", "2021-03-10", "pA", "st1", "TRANSFER"),
                admitted("a2", "s2", "2021-03-11", "pA", "st1", "PSYCHIATRIC", true),
                discharged("d2", "s2", "2021-03-20", "pA", "st1", "ROUTINE"),
                contact("f", "s1", "2021-03-25", "MHW", "IN_PERSON", "ATTENDED", "pA"),
                admitted("a3", "s1", "2021-04-10", "pA", "st3"),
                enrolled("q", "s1", "2021-03-01", "pB", "Q", "CONTROL"),
                admitted("qa1", "s1", "2021-03-05", "pB", "sq1"),
                discharged("qd1", "s1", "2021-03-10", "pB", "sq1", "ROUTINE"),
                admitted("qa2", "s1", "2021-03-11", "pB", "sq2"),
                discharged("qd2", "s1", "2021-03-15", "pB", "sq2", "ROUTINE"),
                horizon("s1", "2021-04-30"));

        assertNumbers(c.get("BED_DAYS", "s1", "P", "CONTROL", "MONTH", "2021-03-01"), 15, 31, 14.7278);
        assertNumbers(c.get("BED_DAYS", "s1", "P", "CONTROL", "DAY", "2021-03-19"), 1, 1, 30.4375);
        assertNumbers(c.get("BED_DAYS", "s1", "P", "CONTROL", "DAY", "2021-03-20"), 0, 1, 0);
        assertNumbers(c.get("BED_DAYS", "s1", "P", "CONTROL", "MONTH", "2021-04-01"), 21, 30, 21.30625);
        assertNumbers(c.get("INVOLUNTARY_ADMISSIONS", "s1", "P", "CONTROL", "MONTH", "2021-03-01"), 2, 31, 196.371);
        assertNumbers(c.get("FOLLOW_UP_7", "s1", "P", "CONTROL", "DAY", "2021-03-20"), 1, 1, 100);
        assertNumbers(c.get("FOLLOW_UP_30", "s1", "P", "CONTROL", "MONTH", "2021-03-01"), 1, 1, 100);
        assertNumbers(c.get("READMISSION_30", "s1", "P", "CONTROL", "MONTH", "2021-03-01"), 1, 1, 100);
        c.assertAbsent("READMISSION_30", "s1", "P", "CONTROL", "DAY", "2021-03-10");

        assertNumbers(c.get("READMISSION_30", "s1", "Q", "CONTROL", "MONTH", "2021-03-01"), 0, 1, 0);
        assertNumbers(c.get("BED_DAYS", "s1", "Q", "CONTROL", "MONTH", "2021-03-01"), 10, 31, 9.8185);
    }

    /*
     * An open stay recorded by the hospital site s2 (horizon 05-31) counts bed days up to the horizon
     * of the enrolment's site s1 (04-15): 04-05..04-15 = 11 of 15 person-days:
     * 11 / 15 x 30.4375 = 22.3208. WEEK 04-12..18: 4 bed days of 4 person-days = 30.4375.
     */
    @Test
    void openStayCountsBedDaysUpToTheHorizonOfTheEnrolmentSite() {
        Computed c = Computed.of(dir,
                enrolled("e", "s1", "2021-04-01", "pA", "P", "NONE"),
                admitted("a", "s2", "2021-04-05", "pA", "st1"),
                horizon("s1", "2021-04-15"),
                horizon("s2", "2021-05-31"));

        assertNumbers(c.get("BED_DAYS", "s1", "P", "NONE", "MONTH", "2021-04-01"), 11, 15, 22.3208);
        assertNumbers(c.get("BED_DAYS", "s1", "P", "NONE", "WEEK", "2021-04-12"), 4, 4, 30.4375);
        c.assertAbsent("BED_DAYS", "s1", "P", "NONE", "DAY", "2021-04-16");
    }

    /*
     * P: the first DISCHARGED to arrive (03-04) is dated before the admission (03-06): ignored, the
     *    stay stays open; a second DISCHARGED for the same stay (03-20) does not stand (first
     *    arrival wins). Bed days 03-06..03-31 = 26: 26 / 31 x 30.4375 = 25.5282. No index discharge.
     * Q: same, with the admission arriving first: same result.
     * R: a valid discharge (03-10) arriving before its admission (03-06): a normal stay, 4 bed days,
     *    one index discharge.
     */
    @Test
    void dischargeDatedBeforeItsAdmissionIsIgnoredWhateverTheArrivalOrder() {
        Computed c = Computed.of(dir,
                enrolled("e", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
                discharged("d1", "s1", "2021-03-04", "pA", "st9", "ROUTINE"),
                admitted("a1", "s1", "2021-03-06", "pA", "st9"),
                discharged("d2", "s1", "2021-03-20", "pA", "st9", "ROUTINE"),
                enrolled("q", "s1", "2021-03-01", "pB", "Q", "INTERVENTION"),
                admitted("qa", "s1", "2021-03-06", "pB", "sq"),
                discharged("qd", "s1", "2021-03-04", "pB", "sq", "ROUTINE"),
                enrolled("r", "s1", "2021-03-01", "pC", "R", "INTERVENTION"),
                discharged("rd", "s1", "2021-03-10", "pC", "sr", "ROUTINE"),
                admitted("ra", "s1", "2021-03-06", "pC", "sr"),
                horizon("s1", "2021-03-31"));

        assertNumbers(c.get("BED_DAYS", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 26, 31, 25.5282);
        c.assertAbsent("READMISSION_30", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01");
        assertNumbers(c.get("BED_DAYS", "s1", "Q", "INTERVENTION", "MONTH", "2021-03-01"), 26, 31, 25.5282);
        assertNumbers(c.get("BED_DAYS", "s1", "R", "INTERVENTION", "MONTH", "2021-03-01"), 4, 31, 3.9274);
        assertNumbers(c.get("READMISSION_30", "s1", "R", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);
    }

    /*
     * All discharged 03-05 (index discharges), horizon 04-30.
     * PC: pC readmitted 03-09 (day 4); a MESSAGE on day 1 does not count; the first qualifying
     *     contact is day 6, after the readmission: excluded from FOLLOW_UP_7 and _30.
     *     pC2 (AGAINST_ADVICE) is not followed up: FOLLOW_UP_7 0/1, FOLLOW_UP_30 0/1.
     *     READMISSION_30: pC yes, pC2 no: 1/2.
     * PD: readmitted 03-09 with a phone contact the same day: kept in and followed: 1/1.
     */
    @Test
    void followUpExcludesReadmissionsBeforeTheFirstContactButNotOnTheSameDay() {
        Computed c = Computed.of(dir,
                enrolled("c", "s1", "2021-03-01", "pC", "PC", "INTERVENTION"),
                admitted("ca1", "s1", "2021-03-02", "pC", "sc1"),
                discharged("cd1", "s1", "2021-03-05", "pC", "sc1", "ROUTINE"),
                contact("cm", "s1", "2021-03-06", "PSW", "MESSAGE", "ATTENDED", "pC"),
                admitted("ca2", "s1", "2021-03-09", "pC", "sc2"),
                contact("cf", "s1", "2021-03-11", "PSW", "IN_PERSON", "ATTENDED", "pC"),
                enrolled("c2", "s1", "2021-03-01", "pC2", "PC", "INTERVENTION"),
                admitted("c2a", "s1", "2021-03-02", "pC2", "sc3"),
                discharged("c2d", "s1", "2021-03-05", "pC2", "sc3", "AGAINST_ADVICE"),
                enrolled("d", "s1", "2021-03-01", "pD", "PD", "INTERVENTION"),
                admitted("da1", "s1", "2021-03-02", "pD", "sd1"),
                discharged("dd1", "s1", "2021-03-05", "pD", "sd1", "ROUTINE"),
                admitted("da2", "s1", "2021-03-09", "pD", "sd2"),
                contact("df", "s1", "2021-03-09", "MHW", "PHONE", "ATTENDED", "pD"),
                horizon("s1", "2021-04-30"));

        assertNumbers(c.get("FOLLOW_UP_7", "s1", "PC", "INTERVENTION", "DAY", "2021-03-05"), 0, 1, 0);
        assertNumbers(c.get("FOLLOW_UP_30", "s1", "PC", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);
        assertNumbers(c.get("READMISSION_30", "s1", "PC", "INTERVENTION", "DAY", "2021-03-05"), 1, 2, 50);
        assertNumbers(c.get("FOLLOW_UP_7", "s1", "PD", "INTERVENTION", "DAY", "2021-03-05"), 1, 1, 100);
        assertNumbers(c.get("FOLLOW_UP_30", "s1", "PD", "INTERVENTION", "WEEK", "2021-03-01"), 1, 1, 100);
    }

    /*
     * pA: index discharges 03-05 (readmitted 03-15, day 10) and 03-18 (the readmission's own
     * discharge; next admission 05-01 is day 44): READMISSION_30 March 1/2 = 50 %. The 05-03 DIED
     * discharge is never an index discharge. Horizon 05-31: with lateness 44 the watermark is 04-17
     * = 03-18 + 30, so March is FINAL; with lateness 45 (watermark 04-16) it is PROVISIONAL.
     */
    @Test
    void aReadmissionsOwnDischargeIsANewIndexDischarge() {
        String[] history = {
            enrolled("e", "s1", "2021-03-01", "pA", "P", "CONTROL"),
            admitted("a1", "s1", "2021-03-02", "pA", "st1"),
            discharged("d1", "s1", "2021-03-05", "pA", "st1", "ROUTINE"),
            admitted("a2", "s1", "2021-03-15", "pA", "st2"),
            discharged("d2", "s1", "2021-03-18", "pA", "st2", "AGAINST_ADVICE"),
            admitted("a3", "s1", "2021-05-01", "pA", "st3"),
            discharged("d3", "s1", "2021-05-03", "pA", "st3", "DIED"),
            horizon("s1", "2021-05-31"),
        };
        Computed final44 = Computed.of(dir, ReferenceConfig.defaults().withLatenessDays(44), history);
        Computed provisional45 = Computed.of(dir, ReferenceConfig.defaults().withLatenessDays(45), history);

        assertRow(final44.get("READMISSION_30", "s1", "P", "CONTROL", "MONTH", "2021-03-01"), 1, 2, 50, "FINAL");
        assertRow(provisional45.get("READMISSION_30", "s1", "P", "CONTROL", "MONTH", "2021-03-01"),
                1, 2, 50, "PROVISIONAL");
        assertNumbers(final44.get("READMISSION_30", "s1", "P", "CONTROL", "DAY", "2021-03-18"), 0, 1, 0);
        final44.assertAbsent("READMISSION_30", "s1", "P", "CONTROL", "MONTH", "2021-05-01");
    }

    /*
     * Index discharge attribution: the enrolment active on the discharge date, else the earliest
     * starting on days 1-7 after it.
     *   pA discharged 03-01; X starts 03-03 (ends 03-04), Y 03-06: attributed to X. Its follow-up is a
     *      group contact on 03-02, outside any enrolment: FOLLOW_UP_7 (X) 1/1.
     *   pB discharged 03-01, enrolled 03-09 (day 8): not an index discharge.
     *   pC discharged 03-01, enrolled 03-08 (day 7): an index discharge.
     */
    @Test
    void indexDischargeBelongsToTheEnrolmentStartingWithinSevenDays() {
        Computed c = Computed.of(dir,
                admitted("a", "s1", "2021-02-20", "pA", "sa"),
                discharged("ad", "s1", "2021-03-01", "pA", "sa", "ROUTINE"),
                contact("f", "s1", "2021-03-02", "PSW", "GROUP", "ATTENDED", "pA", "pZ"),
                enrolled("x", "s1", "2021-03-03", "pA", "X", "INTERVENTION"),
                exited("xx", "s1", "2021-03-04", "pA", "COMPLETED"),
                enrolled("y", "s1", "2021-03-06", "pA", "Y", "INTERVENTION"),
                admitted("b", "s1", "2021-02-20", "pB", "sb"),
                discharged("bd", "s1", "2021-03-01", "pB", "sb", "ROUTINE"),
                enrolled("z", "s1", "2021-03-09", "pB", "Z", "CONTROL"),
                admitted("c", "s1", "2021-02-20", "pC", "sc"),
                discharged("cd", "s1", "2021-03-01", "pC", "sc", "ROUTINE"),
                enrolled("w", "s1", "2021-03-08", "pC", "W", "CONTROL"),
                horizon("s1", "2021-04-30"));

        assertNumbers(c.get("FOLLOW_UP_7", "s1", "X", "INTERVENTION", "DAY", "2021-03-01"), 1, 1, 100);
        assertNumbers(c.get("READMISSION_30", "s1", "X", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);
        c.assertAbsent("READMISSION_30", "s1", "Y", "INTERVENTION", "MONTH", "2021-03-01");
        c.assertAbsent("READMISSION_30", "s1", "Z", "CONTROL", "MONTH", "2021-03-01");
        assertNumbers(c.get("READMISSION_30", "s1", "W", "CONTROL", "MONTH", "2021-03-01"), 0, 1, 0);
    }

    /*
     * INVOLUNTARY_ADMISSIONS counts standing psychiatric ADMITTED events with involuntary = true
     * inside an enrolment: st1 (03-05) once although a second ADMITTED for it arrives; not the OTHER
     * ward, not the admission before the enrolment. March: 1 / 31 x 3043.75 = 98.1855;
     * DAY 03-05: 1 / 1 x 3043.75; DAY 03-06 (the duplicate's date): 0.
     */
    @Test
    void involuntaryAdmissionsCountStandingPsychiatricAdmissionsInsideAnEnrolment() {
        Computed c = Computed.of(dir,
                enrolled("e", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
                admitted("a1", "s1", "2021-03-05", "pA", "st1", "PSYCHIATRIC", true),
                admitted("a1dup", "s1", "2021-03-06", "pA", "st1", "PSYCHIATRIC", true),
                admitted("a2", "s1", "2021-03-07", "pA", "st2", "OTHER", true),
                admitted("a0", "s1", "2021-02-20", "pA", "st0", "PSYCHIATRIC", true),
                horizon("s1", "2021-03-31"));

        assertNumbers(c.get("INVOLUNTARY_ADMISSIONS", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"),
                1, 31, 98.1855);
        assertNumbers(c.get("INVOLUNTARY_ADMISSIONS", "s1", "P", "INTERVENTION", "DAY", "2021-03-05"),
                1, 1, 3043.75);
        assertNumbers(c.get("INVOLUNTARY_ADMISSIONS", "s1", "P", "INTERVENTION", "DAY", "2021-03-06"), 0, 1, 0);
    }
}
