package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Events.contact;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.horizon;
import static io.peerpulse.reference.Events.pswContact;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PSW contacts ("Common rules / PSW contact") and the engagement indicators built on them. */
class ContactRulesTest {

    @TempDir
    Path dir;

    /*
     * pA and pB enrolled 03-01 at s1 (62 person-days in March).
     *   g    group 03-05, person_ids [pA, pB, pA]: one contact-person each (pA listed twice counts once)
     *   b2, b3  pB alone                         a2  pA alone, recorded by s2 (counts for pA's s1 enrolment)
     *   not counted: DID_NOT_ATTEND, an MHW contact, a contact before the enrolment (workload only)
     * pA 2 contacts, pB 3: MIN_DOSE_3 = 1/2; CONTACTS_PER_PERSON_MONTH = 5 / 62 x 30.4375 = 2.4546;
     * REACH_30 2/2; DAYS_TO_FIRST_CONTACT both 4 days: median 4 of 2.
     */
    @Test
    void aContactCountsOncePerPersonForTheEnrolmentActiveOnItsDate() {
        Computed c = Computed.of(dir, ReferenceConfig.defaults(), history());

        assertNumbers(c.get("MIN_DOSE_3", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 1, 2, 50);
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"),
                5, 62, 2.4546);
        assertNumbers(c.get("REACH_30", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 2, 2, 100);
        assertNumbers(c.get("DAYS_TO_FIRST_CONTACT", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 2, null, 4);

        c.assertAbsent("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "MONTH", "2021-02-01");
        assertThat(c.rows()).as("s2 recorded a contact but enrols nobody: only workload rows (its recording site)")
                .noneMatch(r -> r.siteId().equals("s2") && !WorkloadRulesTest.PER_SITE.contains(r.indicator()));
        assertNumbers(c.get("PSW_DIRECT_HOURS", "s2", "*", "*", "MONTH", "2021-03-01"), 1, 0, null);
    }

    /* min_dose is configurable: with 2, both pA and pB reach it. */
    @Test
    void minimumDoseComesFromTheConfig() {
        Computed c = Computed.of(dir, ReferenceConfig.defaults().withMinDose(2), history());

        assertNumbers(c.get("MIN_DOSE_3", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 2, 2, 100);
    }

    /*
     * CONTACTS_PER_PERSON_MONTH exists for MONTH and ROLLING_28D only.
     * ROLLING_28D ending 03-07 (02-08..03-07): person-days 2 x 7 = 14; contact-persons g (2), b2,
     * a2 = 4; 4 / 14 x 30.4375 = 8.6964.
     */
    @Test
    void contactsPerPersonMonthHasNoDayOrWeekRows() {
        Computed c = Computed.of(dir, ReferenceConfig.defaults(), history());

        c.assertAbsent("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "DAY", "2021-03-05");
        c.assertAbsent("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "WEEK", "2021-03-01");
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "ROLLING_28D", "2021-02-08"),
                4, 14, 8.6964);
    }

    /*
     * s1's horizon is 03-15; s2 records contacts of pA (enrolled at s1) on 03-10 and 03-20. Days and
     * events after s1's horizon are in no period of s1: March counts 1 contact of 15 person-days
     * (1 / 15 x 30.4375 = 2.0292). A cohort member's own window is not capped: with min_dose 2 both
     * contacts count for MIN_DOSE_3.
     */
    @Test
    void eventsAfterTheCellSitesHorizonAreInNoPeriodButCountForMemberWindows() {
        Computed c = Computed.of(dir, ReferenceConfig.defaults().withMinDose(2),
                enrolled("a", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
                pswContact("c1", "s2", "2021-03-10", "pA"),
                pswContact("c2", "s2", "2021-03-20", "pA"),
                horizon("s1", "2021-03-15"),
                horizon("s2", "2021-03-31"));

        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"),
                1, 15, 2.0292);
        assertNumbers(c.get("MIN_DOSE_3", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 1, 1, 100);
    }

    private static String[] history() {
        return new String[] {
            enrolled("a", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
            enrolled("b", "s1", "2021-03-01", "pB", "P", "INTERVENTION"),
            contact("g", "s1", "2021-03-05", "PSW", "GROUP", "ATTENDED", "pA", "pB", "pA"),
            pswContact("b2", "s1", "2021-03-06", "pB"),
            pswContact("b3", "s1", "2021-03-08", "pB"),
            pswContact("a2", "s2", "2021-03-07", "pA"),
            contact("dna", "s1", "2021-03-09", "PSW", "IN_PERSON", "DID_NOT_ATTEND", "pA"),
            contact("mhw", "s1", "2021-03-10", "MHW", "IN_PERSON", "ATTENDED", "pA"),
            pswContact("pre", "s1", "2021-02-25", "pA"),
            horizon("s1", "2021-03-31"),
        };
    }
}
