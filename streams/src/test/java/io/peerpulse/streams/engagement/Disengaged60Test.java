package io.peerpulse.streams.engagement;

import static io.peerpulse.streams.cells.Members.d;
import static io.peerpulse.streams.cells.Members.days;
import static io.peerpulse.streams.cells.Members.enrolment;
import static io.peerpulse.streams.cells.Members.row;
import static io.peerpulse.streams.cells.Members.rows;
import static io.peerpulse.streams.cells.Members.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Members;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.person.EnrolmentFact;
import org.junit.jupiter.api.Test;

class Disengaged60Test {

  private static final Period APRIL = Period.month(d("2021-04-01"));

  @Test
  void countsCohortMembersWithoutAContactInTheSixtyDaysEndingOnTheLastDay() {
    // D = 04-30; window = 03-02 .. 04-30 (30 days of March from the 2nd + 30 of April = 60);
    // cohort: enrolled on D and d0 <= D - 60 = 03-01.
    EnrolmentFact contactBeforeWindow = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-03-01").build();
    EnrolmentFact contactOnFirstWindowDay = enrolment("b", "2021-02-01", "2021-08-01").psw("2021-03-02").build();
    EnrolmentFact startedTooLate = enrolment("c", "2021-03-02", "2021-08-01").build();
    EnrolmentFact notEnrolledOnD = enrolment("e", "2021-01-01", "2021-04-29").build();
    EnrolmentFact startedExactlySixtyDaysBefore = enrolment("f", "2021-03-01", "2021-08-01").build();
    EnrolmentFact control = enrolment("g", "2021-01-01", "2021-08-01").base(Members.ULM_CONTROL).build();

    SiteRow row = row(Indicator.DISENGAGED_60, APRIL, site("2021-12-31"),
        contactBeforeWindow, contactOnFirstWindowDay, startedTooLate, notEnrolledOnD, startedExactlySixtyDaysBefore, control);

    // cohort a, b, f; disengaged a and f: 2 / 3
    assertThat(row.numerator()).isEqualTo(2.0);
    assertThat(row.denominator()).isEqualTo(3.0);
  }

  @Test
  void theCurrentMonthIsMeasuredOnTheHorizon() {
    // horizon 04-10 -> D = 04-10; window 02-10 .. 04-10 (19 + 31 + 10 = 60); cohort d0 <= 02-09
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-02-10").build();
    EnrolmentFact b = enrolment("b", "2021-02-09", "2021-08-01").psw("2021-02-09").build();
    EnrolmentFact c = enrolment("c", "2021-02-10", "2021-08-01").build();

    SiteRow row = row(Indicator.DISENGAGED_60, APRIL, site("2021-04-10"), a, b, c);

    // cohort a, b; b's only contact (02-09) is before the window: 1 / 2
    assertThat(row.numerator()).isEqualTo(1.0);
    assertThat(row.denominator()).isEqualTo(2.0);
    assertThat(row.finalStatus()).isFalse();
    assertThat(row.deadline()).isEqualTo(d("2021-04-30"));
  }

  @Test
  void pausedDaysAreSkippedSoTheWindowReachesFurtherBackAndPausedContactsDoNotCount() {
    // pause 04-01 .. 04-10; D = 04-30: non-paused 04-11..04-30 = 20, March = 31 (51), then 9 of
    // February: 02-20 .. 02-28. Window = 02-20 .. 03-31 and 04-11 .. 04-30.
    EnrolmentFact contactInStretchedWindow = enrolment("a", "2021-01-01", "2021-08-01").psw("2021-02-20").build();
    EnrolmentFact contactOnlyOnPausedDay = enrolment("b", "2021-01-01", "2021-08-01").psw("2021-04-05").build();
    EnrolmentFact contactJustBefore = enrolment("c", "2021-01-01", "2021-08-01").psw("2021-02-19").build();

    SiteRow row = row(Indicator.DISENGAGED_60, APRIL, site("2021-12-31", days("2021-04-01", "2021-04-10")),
        contactInStretchedWindow, contactOnlyOnPausedDay, contactJustBefore);

    // b and c disengaged: 2 / 3
    assertThat(row.numerator()).isEqualTo(2.0);
    assertThat(row.denominator()).isEqualTo(3.0);
  }

  @Test
  void isPublishedForMonthsOnly() {
    EnrolmentFact a = enrolment("a", "2021-01-01", "2021-08-01").build();

    assertThat(row(Indicator.DISENGAGED_60, rows(Period.week(d("2021-04-26")), site("2021-12-31"), a))).isEmpty();
    assertThat(row(Indicator.DISENGAGED_60, rows(Period.rolling28(d("2021-04-30")), site("2021-12-31"), a))).isEmpty();
    assertThat(row(Indicator.DISENGAGED_60, rows(APRIL, site("2021-12-31"), a))).isPresent();
  }
}
