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
import io.peerpulse.streams.cells.SiteFacts;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.person.EnrolmentFact;
import org.junit.jupiter.api.Test;

class Reach30Test {

  private static final Period FEBRUARY = Period.month(d("2021-02-01"));
  private static final SiteFacts LATE_HORIZON = site("2021-12-31");

  @Test
  void countsStartersWithAPswContactOnDaysZeroToTwentyNine() {
    // d0 = 02-01: d0 + 29 = 03-02 is the last day of the window, 03-03 is outside
    EnrolmentFact onLastDay = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-03-02").build();
    EnrolmentFact dayAfter = enrolment("b", "2021-02-01", "2021-08-01").psw("2021-03-03").build();
    EnrolmentFact onStartDay = enrolment("c", "2021-02-10", "2021-08-10").psw("2021-02-10").build();

    SiteRow reach = row(Indicator.REACH_30, FEBRUARY, LATE_HORIZON, onLastDay, dayAfter, onStartDay);

    // 2 of 3 = 66.67 %
    assertThat(reach.numerator()).isEqualTo(2.0);
    assertThat(reach.denominator()).isEqualTo(3.0);
    assertThat(reach.value()).isEqualTo(200.0 / 3);
  }

  @Test
  void pausesDoNotExtendTheWindow() {
    // pause 02-05 .. 03-31; the window still ends on d0 + 29 = 03-02, so the 03-05 contact is outside
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-03-05").build();

    SiteRow reach = row(Indicator.REACH_30, FEBRUARY, site("2021-12-31", days("2021-02-05", "2021-03-31")), a);

    assertThat(reach.numerator()).isZero();
    assertThat(reach.denominator()).isEqualTo(1.0);
  }

  @Test
  void aStarterWhoDiedBeforeDayTwentyNineLeavesTheCohortButOnDayTwentyNineStays() {
    // d0 = 02-01, d0 + 29 = 03-02: DIED on 03-01 (before) leaves, DIED on 03-02 stays; other reasons stay
    EnrolmentFact diedBefore = enrolment("a", "2021-02-01", "2021-03-01").exit("DIED", "2021-03-01").build();
    EnrolmentFact diedOnDay29 = enrolment("b", "2021-02-01", "2021-03-02").exit("DIED", "2021-03-02").build();
    EnrolmentFact movedEarly = enrolment("c", "2021-02-01", "2021-02-05").exit("MOVED", "2021-02-05").psw("2021-02-03").build();

    SiteRow reach = row(Indicator.REACH_30, FEBRUARY, LATE_HORIZON, diedBefore, diedOnDay29, movedEarly);

    // cohort b and c; c reached: 1 / 2
    assertThat(reach.numerator()).isEqualTo(1.0);
    assertThat(reach.denominator()).isEqualTo(2.0);
  }

  @Test
  void aCohortOfOnlyEarlyDeathsHasNoRow() {
    EnrolmentFact diedBefore = enrolment("a", "2021-02-01", "2021-02-03").exit("DIED", "2021-02-03").build();

    assertThat(row(Indicator.REACH_30, rows(FEBRUARY, LATE_HORIZON, diedBefore))).isEmpty();
  }

  @Test
  void onlyInterventionStartersAreInTheCohort() {
    EnrolmentFact control = enrolment("a", "2021-02-01", "2021-08-01").base(Members.ULM_CONTROL).psw("2021-02-02").build();
    EnrolmentFact startedBefore = enrolment("b", "2021-01-15", "2021-08-01").psw("2021-02-02").build();

    assertThat(row(Indicator.REACH_30, rows(FEBRUARY, LATE_HORIZON, control, startedBefore))).isEmpty();
  }

  @Test
  void theRowIsFinalWhenEveryMembersDayTwentyNineIsOnOrBeforeTheWatermark() {
    // DAY 02-01: d0 + 29 = 03-02. Watermark = horizon - 35: horizon 04-06 -> 03-02 (FINAL); 04-05 -> 03-01 (PROVISIONAL)
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-02-09").build();
    Period day = Period.day(d("2021-02-01"));

    assertThat(row(Indicator.REACH_30, day, site("2021-04-06"), a).finalStatus()).isTrue();
    SiteRow provisional = row(Indicator.REACH_30, day, site("2021-04-05"), a);
    assertThat(provisional.finalStatus()).isFalse();
    assertThat(provisional.deadline()).isEqualTo(d("2021-03-02"));
  }

  @Test
  void anEarlyDeathLeavesTheStatusToTheRemainingCohort() {
    // a (02-01) reached; b (02-20) died 02-22, before 02-20 + 29: out of the cohort and no member for
    // the status. Deadline = max(02-28, a's 02-01 + 29 = 03-02) = 03-02, not b's 03-21.
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-02-09").build();
    EnrolmentFact b = enrolment("b", "2021-02-20", "2021-02-22").exit("DIED", "2021-02-22").build();

    SiteRow reach = row(Indicator.REACH_30, FEBRUARY, LATE_HORIZON, a, b);

    assertThat(reach.denominator()).isEqualTo(1.0);
    assertThat(reach.deadline()).isEqualTo(d("2021-03-02"));
  }

  @Test
  void rollingPeriodsTakeStartersOfTheirTwentyEightDays() {
    // rolling period ending 03-14 covers 02-15 .. 03-14: b (02-15) in, a (02-01) out
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-02-09").build();
    EnrolmentFact b = enrolment("b", "2021-02-15", "2021-08-15").build();

    SiteRow reach = row(Indicator.REACH_30, Period.rolling28(d("2021-03-14")), LATE_HORIZON, a, b);

    assertThat(reach.numerator()).isZero();
    assertThat(reach.denominator()).isEqualTo(1.0);
    assertThat(row(Indicator.REACH_30, rows(Period.rolling28(d("2021-03-15")), LATE_HORIZON, a, b))).isEmpty();
  }
}
