package io.peerpulse.streams.fidelity;

import static io.peerpulse.streams.cells.Members.d;
import static io.peerpulse.streams.cells.Members.days;
import static io.peerpulse.streams.cells.Members.enrolment;
import static io.peerpulse.streams.cells.Members.row;
import static io.peerpulse.streams.cells.Members.rows;
import static io.peerpulse.streams.cells.Members.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteFacts;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.person.EnrolmentFact;
import org.junit.jupiter.api.Test;

/**
 * spec/indicators.md "Programme fidelity", the person-level rules, hand-computed on member facts
 * (the readings of docs/indicator-catalogue.md "Programme fidelity"; lateness 35 days).
 */
class FidelityRulesTest {

  private static final Period JANUARY = Period.month(d("2021-01-01"));
  private static final double DAYS_PER_MONTH = 30.4375;

  /*
   * a: d0 2021-01-01, enrolled all year. Phase 1 = 01-01 .. 04-01 (d0+90), phase 2 = 04-02 (d0+91) ..
   * 07-01 (d0+181), phase 3 = 07-02 (d0+182) .. 09-30 (d0+272); 10-01 (d0+273) is in no phase.
   * Contacts 01-05, 02-05 (paused day: counts), 04-01, 04-02, 07-01, 07-02, 09-30, 10-01.
   * b: d0 2021-01-20, exited 03-10; phase 1 = 01-20 .. 04-20, phase 2 ends 07-20; contact 01-25.
   * Pause 02-01 .. 02-10 (10 days, inside phase 1 of both).
   *   PHASE1: contacts 3 (a) + 1 (b) = 4; person-days a 91 - 10 = 81, b 01-20 .. 03-10 = 50 - 10 = 40 -> 121
   *   PHASE2: contacts 04-02, 07-01 = 2; person-days 91 (b has none: it ended)
   *   PHASE3: contacts 07-02, 09-30 = 2 (10-01 is day 273); person-days 91
   */
  private final EnrolmentFact a = enrolment("a", "2021-01-01", "2021-12-31")
      .phaseContacts("2021-01-05", "2021-02-05", "2021-04-01", "2021-04-02", "2021-07-01", "2021-07-02", "2021-09-30",
          "2021-10-01")
      .build();
  private final EnrolmentFact b = enrolment("b", "2021-01-20", "2021-03-10").exit("DROPPED_OUT", "2021-03-10")
      .phaseContacts("2021-01-25").build();

  @Test
  void phaseRatesCountContactsAndNonPausedPersonDaysOfEachNinetyOneDayPhaseOfTheMonthsStarters() {
    SiteFacts site = site("2021-12-31", days("2021-02-01", "2021-02-10"));

    assertPhase(row(Indicator.PHASE1_CONTACT_RATE, JANUARY, site, a, b), 4, 121, true);
    assertPhase(row(Indicator.PHASE2_CONTACT_RATE, JANUARY, site, a, b), 2, 91, true);
    assertPhase(row(Indicator.PHASE3_CONTACT_RATE, JANUARY, site, a, b), 2, 91, true);
    // Phase rows belong to the start month only: February has no starter, so no phase row.
    assertThat(rows(Period.month(d("2021-02-01")), site, a, b))
        .noneMatch(r -> r.indicator().name().startsWith("PHASE"));
    // MONTH only
    assertThat(rows(Period.week(d("2021-01-04")), site, a, b)).noneMatch(r -> r.indicator().name().startsWith("PHASE"));
  }

  /*
   * Horizon 2021-08-15, watermark 07-11. Phase 3 of a has person-days 07-02 .. 08-15 = 45 only, but
   * its contacts are not capped by the horizon (09-30 counts, as in every member window).
   * Status: phase 1 waits for 04-01 (a) and 04-20 (b): FINAL. Phase 2 waits for 07-20, b's phase end,
   * although b ended in March: PROVISIONAL. Phase 3 waits for 10-19 (b): PROVISIONAL.
   */
  @Test
  void phasePersonDaysStopAtTheHorizonAndTheStatusWaitsForEveryStartersPhaseEnd() {
    SiteFacts site = site("2021-08-15", days("2021-02-01", "2021-02-10"));

    assertPhase(row(Indicator.PHASE1_CONTACT_RATE, JANUARY, site, a, b), 4, 121, true);
    SiteRow phase2 = row(Indicator.PHASE2_CONTACT_RATE, JANUARY, site, a, b);
    assertPhase(phase2, 2, 91, false);
    assertThat(phase2.deadline()).isEqualTo(d("2021-07-20"));
    assertPhase(row(Indicator.PHASE3_CONTACT_RATE, JANUARY, site, a, b), 2, 45, false);
    // Without b, phase 2 is FINAL on a's own phase end 07-01.
    assertPhase(row(Indicator.PHASE2_CONTACT_RATE, JANUARY, site, a), 2, 91, true);
  }

  @Test
  void aPhaseWithNeitherPersonDaysNorContactsHasNoRow() {
    // Horizon 2021-03-31: phases 2 and 3 of a one-month enrolment have no day and no contact.
    EnrolmentFact shortOne = enrolment("c", "2021-01-01", "2021-01-31").phaseContacts("2021-01-02").build();
    SiteFacts site = site("2021-03-31");

    assertPhase(row(Indicator.PHASE1_CONTACT_RATE, JANUARY, site, shortOne), 1, 31, false);
    assertThat(rows(JANUARY, site, shortOne)).noneMatch(
        r -> r.indicator() == Indicator.PHASE2_CONTACT_RATE || r.indicator() == Indicator.PHASE3_CONTACT_RATE);
  }

  /*
   * c: episodes 03-10 (met), 03-31 (met, by a contact on 04-01, the next day, in April), 04-05 (not met).
   *   MARCH: 2 / 2 = 100 %, deadline 04-01 (period_end + 1); APRIL: 0 / 1 = 0 %.
   * Horizon 05-06 -> watermark 04-01: March FINAL. Horizon 05-05 -> watermark 03-31: March still
   * PROVISIONAL although the month has ended, because the next day of its last episode has not.
   */
  @Test
  void crisisSameDayCountsEpisodesOfTheMonthMetThatDayOrTheNextAndWaitsOneDayAfterTheMonth() {
    EnrolmentFact c = enrolment("c", "2021-03-01", "2021-06-30")
        .episodes("2021-03-10", "2021-03-31", "2021-04-05").crisisMet("2021-03-10", "2021-03-31").build();
    Period march = Period.month(d("2021-03-01"));

    SiteRow final1 = row(Indicator.CRISIS_SAME_DAY, march, site("2021-05-06"), c);
    assertThat(final1.numerator()).isEqualTo(2.0);
    assertThat(final1.denominator()).isEqualTo(2.0);
    assertThat(final1.value()).isEqualTo(100.0);
    assertThat(final1.deadline()).isEqualTo(d("2021-04-01"));
    assertThat(final1.finalStatus()).isTrue();
    assertThat(row(Indicator.CRISIS_SAME_DAY, march, site("2021-05-05"), c).finalStatus()).isFalse();
    SiteRow april = row(Indicator.CRISIS_SAME_DAY, Period.month(d("2021-04-01")), site("2021-05-06"), c);
    assertThat(april.numerator()).isZero();
    assertThat(april.denominator()).isEqualTo(1.0);
    assertThat(april.value()).isZero();
    // MONTH only
    assertThat(rows(Period.day(d("2021-03-10")), site("2021-05-06"), c)).noneMatch(r -> r.indicator() == Indicator.CRISIS_SAME_DAY);
  }

  private static void assertPhase(SiteRow row, double contacts, double personDays, boolean finalStatus) {
    assertThat(row.numerator()).as("%s contacts", row.indicator()).isEqualTo(contacts);
    assertThat(row.denominator()).as("%s person-days", row.indicator()).isEqualTo(personDays);
    assertThat(row.value()).as("%s per person-month", row.indicator()).isCloseTo(contacts * DAYS_PER_MONTH / personDays, within(1e-9));
    assertThat(row.finalStatus()).as("%s FINAL", row.indicator()).isEqualTo(finalStatus);
  }
}
