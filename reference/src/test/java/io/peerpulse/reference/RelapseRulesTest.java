package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.relapse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELAPSE_RATE episodes: 6 days from the episode's start, across enrolments, only inside one. */
class RelapseRulesTest {

    @TempDir
    Path dir;

    /*
     * Both persons: enrolment 1 03-01..03-20 (planned 20), enrolment 2 from 03-22; March person-days
     * 20 + 10 = 30.
     * RA (pA) relapses 03-02 (twice), 03-05, 03-08 | 03-09, 03-14 | 03-18, 03-22
     *   episodes start 03-02 (03-05 and 03-08 are within 6 days of the start), 03-09 (7 days after
     *   03-02's start: new), 03-18; 03-22 is 4 days after 03-18 and joins it across the enrolments.
     *   (Chaining on the previous relapse instead of the episode start would give 1 episode.)
     *   March 3 / 30 x 3043.75 = 304.375; DAY 03-22 0/1; DAY 03-09 1/1.
     * RB (pB) relapses 03-10, 03-21 (between the enrolments: never an episode), 03-24 (14 days after
     *   03-10: new episode in enrolment 2). March 2 / 30 x 3043.75 = 202.9167; DAY 03-24 1/1.
     */
    @Test
    void episodesChainSixDaysFromTheirStartAcrossEnrolments() {
        Computed c = Computed.of(dir,
                enrolled("a1", "s1", "2021-03-01", "pA", "RA", "INTERVENTION", 20),
                enrolled("a2", "s1", "2021-03-22", "pA", "RA", "INTERVENTION"),
                relapse("ra1", "s1", "2021-03-02", "pA"),
                relapse("ra1b", "s1", "2021-03-02", "pA"),
                relapse("ra2", "s1", "2021-03-05", "pA"),
                relapse("ra3", "s1", "2021-03-08", "pA"),
                relapse("ra4", "s1", "2021-03-09", "pA"),
                relapse("ra5", "s1", "2021-03-14", "pA"),
                relapse("ra6", "s1", "2021-03-18", "pA"),
                relapse("ra7", "s1", "2021-03-22", "pA"),
                enrolled("b1", "s1", "2021-03-01", "pB", "RB", "INTERVENTION", 20),
                enrolled("b2", "s1", "2021-03-22", "pB", "RB", "INTERVENTION"),
                relapse("rb1", "s1", "2021-03-10", "pB"),
                relapse("rb2", "s1", "2021-03-21", "pB"),
                relapse("rb3", "s1", "2021-03-24", "pB"),
                horizon("s1", "2021-03-31"));

        assertNumbers(c.get("RELAPSE_RATE", "s1", "RA", "INTERVENTION", "MONTH", "2021-03-01"), 3, 30, 304.375);
        assertNumbers(c.get("RELAPSE_RATE", "s1", "RA", "INTERVENTION", "DAY", "2021-03-22"), 0, 1, 0);
        assertNumbers(c.get("RELAPSE_RATE", "s1", "RA", "INTERVENTION", "DAY", "2021-03-09"), 1, 1, 3043.75);
        assertNumbers(c.get("RELAPSE_RATE", "s1", "RA", "INTERVENTION", "DAY", "2021-03-08"), 0, 1, 0);
        assertNumbers(c.get("RELAPSE_RATE", "s1", "RB", "INTERVENTION", "MONTH", "2021-03-01"), 2, 30, 202.9167);
        assertNumbers(c.get("RELAPSE_RATE", "s1", "RB", "INTERVENTION", "DAY", "2021-03-24"), 1, 1, 3043.75);
        c.assertAbsent("RELAPSE_RATE", "s1", "RB", "INTERVENTION", "DAY", "2021-03-21");
    }
}
