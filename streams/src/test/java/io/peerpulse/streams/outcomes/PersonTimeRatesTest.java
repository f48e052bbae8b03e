package io.peerpulse.streams.outcomes;

import static io.peerpulse.streams.cells.Members.d;
import static io.peerpulse.streams.cells.Members.days;
import static io.peerpulse.streams.cells.Members.enrolment;
import static io.peerpulse.streams.cells.Members.row;
import static io.peerpulse.streams.cells.Members.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.person.EnrolmentFact;
import org.junit.jupiter.api.Test;

/** RELAPSE_RATE, INVOLUNTARY_ADMISSIONS and BED_DAYS: events or days per person-time. */
class PersonTimeRatesTest {

  private static final Period FEBRUARY = Period.month(d("2021-02-01"));

  @Test
  void relapseRateIsEpisodesPerHundredPersonMonths() {
    // 1 episode in February, 28 person-days: 100 * 1 / (28 / 30.4375) = 108.7053...
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").episodes("2021-02-10", "2021-03-01").build();
    SiteRow row = row(Indicator.RELAPSE_RATE, FEBRUARY, site("2021-12-31"), a);

    assertThat(row.numerator()).isEqualTo(1.0);
    assertThat(row.denominator()).isEqualTo(28.0);
    assertThat(row.value()).isCloseTo(108.7054, within(1e-4));
  }

  @Test
  void involuntaryAdmissionsArePerHundredPersonMonths() {
    // 2 admissions in February: 100 * 2 / (28 / 30.4375) = 217.4107...
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").involuntary("2021-02-10", "2021-02-20").build();

    assertThat(row(Indicator.INVOLUNTARY_ADMISSIONS, FEBRUARY, site("2021-12-31"), a).value()).isCloseTo(217.4107, within(1e-4));
  }

  @Test
  void anOpenStayCountsBedDaysUpToTheHorizonInclusive() {
    // open from 03-25, horizon 04-10: March 03-25..03-31 = 7 bed days of 31 person-days;
    // April 04-01..04-10 = 10 bed days of 10 person-days = 10 / (10 / 30.4375) = 30.4375 per person-month
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").openBed("2021-03-25").build();

    SiteRow march = row(Indicator.BED_DAYS, Period.month(d("2021-03-01")), site("2021-04-10"), a);
    SiteRow april = row(Indicator.BED_DAYS, Period.month(d("2021-04-01")), site("2021-04-10"), a);
    SiteRow horizonDay = row(Indicator.BED_DAYS, Period.day(d("2021-04-10")), site("2021-04-10"), a);

    assertThat(march.numerator()).isEqualTo(7.0);
    assertThat(march.denominator()).isEqualTo(31.0);
    assertThat(april.numerator()).isEqualTo(10.0);
    assertThat(april.value()).isCloseTo(30.4375, within(1e-9));
    assertThat(horizonDay.numerator()).isEqualTo(1.0);
  }

  @Test
  void pausedDaysAreBedDaysButNoPersonDays() {
    // stay 02-05 .. 02-14 (10 bed days); pause 02-01 .. 02-28: 10 bed days, 0 person-days, value null
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").bed("2021-02-05", "2021-02-14").build();

    SiteRow row = row(Indicator.BED_DAYS, FEBRUARY, site("2021-12-31", days("2021-02-01", "2021-02-28")), a);

    assertThat(row.numerator()).isEqualTo(10.0);
    assertThat(row.denominator()).isZero();
    assertThat(row.value()).isNull();
  }

  @Test
  void aStayDischargedAfterTheHorizonCountsOnlyUpToIt() {
    // the discharge on 04-15 is known from another site's later events, but ulm's horizon is 04-10:
    // bed days 04-05 .. 04-10 = 6, person-days 04-01 .. 04-10 = 10
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").bed("2021-04-05", "2021-04-14").build();

    SiteRow april = row(Indicator.BED_DAYS, Period.month(d("2021-04-01")), site("2021-04-10"), a);

    assertThat(april.numerator()).isEqualTo(6.0);
    assertThat(april.denominator()).isEqualTo(10.0);
  }

  @Test
  void eventsDatedAfterTheHorizonWaitForIt() {
    // another site recorded a relapse (04-12) and an involuntary admission (04-13) after ulm's horizon
    // 04-10: April counts neither yet; with the horizon at 04-13 both count.
    EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").episodes("2021-04-12").involuntary("2021-04-13").build();
    Period april = Period.month(d("2021-04-01"));

    assertThat(row(Indicator.RELAPSE_RATE, april, site("2021-04-10"), a).numerator()).isZero();
    assertThat(row(Indicator.INVOLUNTARY_ADMISSIONS, april, site("2021-04-10"), a).numerator()).isZero();
    assertThat(row(Indicator.RELAPSE_RATE, april, site("2021-04-13"), a).numerator()).isEqualTo(1.0);
    assertThat(row(Indicator.INVOLUNTARY_ADMISSIONS, april, site("2021-04-13"), a).numerator()).isEqualTo(1.0);
  }
}
