package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Computed.assertRow;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.pswContact;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DAYS_TO_FIRST_CONTACT medians, pooled `*` medians and ROLLING_28D cohort membership. */
class DaysToFirstContactTest {

    @TempDir
    Path dir;

    /*
     * s1: pA..pD start 03-01 with first PSW contacts on days 2, 5, 9, 20 (pA also on day 3, not its
     *     first); pE starts 03-01 without a contact (no member, but a member for the status).
     *     Median of 2, 5, 9, 20 = (5 + 9) / 2 = 7, numerator 4, no denominator.
     * s2: pF starts 03-01, first contact day 1: median 1 of 1.
     * *:  pooled 1, 2, 5, 9, 20: median 5, numerator 5.
     * Q:  pG starts without a contact: no DAYS_TO_FIRST_CONTACT row, but MIN_DOSE_3 0/1.
     * Status: every starter's enrolment ends 08-28 (182 days): PROVISIONAL.
     * ROLLING_28D: a start on 03-01 belongs to the windows ending 03-01 .. 03-28.
     */
    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        Computed c = Computed.of(dir,
                enrolled("a", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
                enrolled("b", "s1", "2021-03-01", "pB", "P", "INTERVENTION"),
                enrolled("c", "s1", "2021-03-01", "pC", "P", "INTERVENTION"),
                enrolled("d", "s1", "2021-03-01", "pD", "P", "INTERVENTION"),
                enrolled("e", "s1", "2021-03-01", "pE", "P", "INTERVENTION"),
                pswContact("a1", "s1", "2021-03-03", "pA"),
                pswContact("a2", "s1", "2021-03-04", "pA"),
                pswContact("b1", "s1", "2021-03-06", "pB"),
                pswContact("c1", "s1", "2021-03-10", "pC"),
                pswContact("d1", "s1", "2021-03-21", "pD"),
                enrolled("f", "s2", "2021-03-01", "pF", "P", "INTERVENTION"),
                pswContact("f1", "s2", "2021-03-02", "pF"),
                enrolled("g", "s1", "2021-03-01", "pG", "Q", "INTERVENTION"),
                horizon("s1", "2021-03-31"),
                horizon("s2", "2021-03-31"));

        assertRow(c.get("DAYS_TO_FIRST_CONTACT", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"),
                4, null, 7, "PROVISIONAL");
        assertNumbers(c.get("DAYS_TO_FIRST_CONTACT", "s1", "P", "INTERVENTION", "DAY", "2021-03-01"), 4, null, 7);
        assertNumbers(c.get("DAYS_TO_FIRST_CONTACT", "s2", "P", "INTERVENTION", "MONTH", "2021-03-01"), 1, null, 1);
        assertNumbers(c.get("DAYS_TO_FIRST_CONTACT", "*", "P", "INTERVENTION", "MONTH", "2021-03-01"), 5, null, 5);
        assertNumbers(c.get("DAYS_TO_FIRST_CONTACT", "*", "P", "INTERVENTION", "WEEK", "2021-03-01"), 5, null, 5);

        c.assertAbsent("DAYS_TO_FIRST_CONTACT", "s1", "Q", "INTERVENTION", "MONTH", "2021-03-01");
        assertNumbers(c.get("MIN_DOSE_3", "s1", "Q", "INTERVENTION", "MONTH", "2021-03-01"), 0, 1, 0);

        assertNumbers(c.get("DAYS_TO_FIRST_CONTACT", "s1", "P", "INTERVENTION", "ROLLING_28D", "2021-03-01"),
                4, null, 7);
        c.assertAbsent("DAYS_TO_FIRST_CONTACT", "s1", "P", "INTERVENTION", "ROLLING_28D", "2021-03-02");
        assertNumbers(c.get("REACH_30", "s1", "P", "INTERVENTION", "ROLLING_28D", "2021-02-02"), 4, 5, 80);
    }
}
