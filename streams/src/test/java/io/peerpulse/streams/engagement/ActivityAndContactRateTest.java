package io.peerpulse.streams.engagement;

import static io.peerpulse.streams.cells.Members.d;
import static io.peerpulse.streams.cells.Members.enrolment;
import static io.peerpulse.streams.cells.Members.row;
import static io.peerpulse.streams.cells.Members.rows;
import static io.peerpulse.streams.cells.Members.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Members;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.person.EnrolmentFact;
import org.junit.jupiter.api.Test;

class ActivityAndContactRateTest {

  private final EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-02-09", "2021-02-20").build();
  private final EnrolmentFact b = enrolment("b", "2021-02-15", "2021-08-15").build();

  @Test
  void contactsPerPersonMonthOfTheWorkedExample() {
    // person-days in February: a 28 + b 14 = 42; 2 contacts; 2 / (42 / 30.4375) = 1.449404...
    SiteRow feb = row(Indicator.CONTACTS_PER_PERSON_MONTH, Period.month(d("2021-02-01")), site("2021-04-10"), a, b);

    assertThat(feb.numerator()).isEqualTo(2.0);
    assertThat(feb.denominator()).isEqualTo(42.0);
    assertThat(feb.value()).isCloseTo(2 / (42 / 30.4375), within(1e-12));
  }

  @Test
  void contactsPerPersonMonthCountsAnyArmAndIsNotPublishedForDaysOrWeeks() {
    EnrolmentFact control = enrolment("c", "2021-02-01", "2021-08-01").base(Members.ULM_CONTROL).psw("2021-02-03").build();
    var rows = io.peerpulse.streams.cells.CellCalculator.rows(
        new io.peerpulse.streams.cells.CellKey(Members.ULM_CONTROL, Period.month(d("2021-02-01"))),
        java.util.List.of(control), site("2021-04-10"), Members.CONFIG);

    assertThat(row(Indicator.CONTACTS_PER_PERSON_MONTH, rows).orElseThrow().numerator()).isEqualTo(1.0);
    assertThat(row(Indicator.CONTACTS_PER_PERSON_MONTH, rows(Period.week(d("2021-02-08")), site("2021-04-10"), a))).isEmpty();
    assertThat(row(Indicator.CONTACTS_PER_PERSON_MONTH, rows(Period.day(d("2021-02-09")), site("2021-04-10"), a))).isEmpty();
  }

  @Test
  void activeEnrolmentsInARollingPeriodNeedOneDayOfItsTwentyEight() {
    // rolling period ending 03-10 covers 02-11 .. 03-10
    EnrolmentFact endsOnFirstDay = enrolment("c", "2021-01-01", "2021-02-11").build();
    EnrolmentFact endsTheDayBefore = enrolment("e", "2021-01-01", "2021-02-10").build();

    SiteRow active = row(Indicator.ACTIVE_ENROLMENTS, Period.rolling28(d("2021-03-10")), site("2021-04-10"), a, b, endsOnFirstDay, endsTheDayBefore);

    // a, b and c
    assertThat(active.numerator()).isEqualTo(3.0);
    assertThat(active.denominator()).isNull();
    assertThat(active.value()).isEqualTo(3.0);
  }

  @Test
  void aRollingRateTakesPersonDaysAndContactsOfItsTwentyEightDays() {
    // rolling period ending 03-09 covers 02-10 .. 03-09: a 28 days, b 02-15 .. 03-09 = 23 days -> 51;
    // contacts: 02-20 only (02-09 is before) -> 1 / (51 / 30.4375) = 0.59681...
    SiteRow rolling = row(Indicator.CONTACTS_PER_PERSON_MONTH, Period.rolling28(d("2021-03-09")), site("2021-04-10"), a, b);

    assertThat(rolling.numerator()).isEqualTo(1.0);
    assertThat(rolling.denominator()).isEqualTo(51.0);
    assertThat(rolling.value()).isCloseTo(0.5968, within(1e-4));
  }
}
