package io.peerpulse.streams.cells;

import static io.peerpulse.streams.cells.Members.d;
import static io.peerpulse.streams.cells.Members.days;
import static io.peerpulse.streams.cells.Members.discharge;
import static io.peerpulse.streams.cells.Members.enrolment;
import static io.peerpulse.streams.cells.Members.row;
import static io.peerpulse.streams.cells.Members.rows;
import static io.peerpulse.streams.cells.Members.site;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.streams.person.EnrolmentFact;
import io.peerpulse.streams.person.IndexDischargeFact;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Horizon, pauses, status and row existence: the rules every indicator shares. */
class CellCalculatorTest {

  private final EnrolmentFact a = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-02-09", "2021-03-09").build();

  @Test
  void dayAndRollingRowsNeedTheirEndOnOrBeforeTheHorizon() {
    SiteFacts site = site("2021-03-10");

    assertThat(rows(Period.day(d("2021-03-10")), site, a)).isNotEmpty();
    assertThat(rows(Period.day(d("2021-03-11")), site, a)).isEmpty();
    assertThat(rows(Period.rolling28(d("2021-03-10")), site, a)).isNotEmpty();
    assertThat(rows(Period.rolling28(d("2021-03-11")), site, a)).isEmpty();
  }

  @Test
  void weekAndMonthRowsNeedTheirStartOnOrBeforeTheHorizonAndCountDaysUpToIt() {
    SiteFacts site = site("2021-03-10");

    // week 2021-03-08 .. 03-14: person-days 03-08, 03-09, 03-10 = 3
    assertThat(row(Indicator.BED_DAYS, Period.week(d("2021-03-10")), site, a).denominator()).isEqualTo(3.0);
    // month of March: 03-01 .. 03-10 = 10 person-days, the 03-09 contact: 1 / (10 / 30.4375) = 3.04375
    SiteRow march = row(Indicator.CONTACTS_PER_PERSON_MONTH, Period.month(d("2021-03-01")), site, a);
    assertThat(march.denominator()).isEqualTo(10.0);
    assertThat(march.value()).isCloseTo(3.04375, within(1e-9));
    // the week starting 03-15 and April start after the horizon: no rows
    assertThat(rows(Period.week(d("2021-03-15")), site, a)).isEmpty();
    assertThat(rows(Period.month(d("2021-04-01")), site, a)).isEmpty();
  }

  @Test
  void aSiteWithoutEventsHasNoRows() {
    assertThat(rows(Period.day(d("2021-03-01")), site(null), a)).isEmpty();
  }

  @Test
  void pausedDaysAreNoPersonDaysButContactsOnThemStillCount() {
    // pause 03-01 .. 03-31 covers March: no person-days, not active, but the 03-09 contact still counts
    SiteFacts site = site("2021-05-01", days("2021-03-01", "2021-03-31"));
    List<SiteRow> march = rows(Period.month(d("2021-03-01")), site, a);

    assertThat(row(Indicator.ACTIVE_ENROLMENTS, march)).isEmpty();
    SiteRow contacts = row(Indicator.CONTACTS_PER_PERSON_MONTH, march).orElseThrow();
    assertThat(contacts.numerator()).isEqualTo(1.0);
    assertThat(contacts.denominator()).isEqualTo(0.0);
    assertThat(contacts.value()).isNull();
    // BED_DAYS: numerator 0 and denominator 0 -> omitted
    assertThat(row(Indicator.BED_DAYS, march)).isEmpty();
  }

  @Test
  void aPartlyPausedPeriodCountsItsNonPausedDays() {
    // February 2021 has 28 days; pause 02-10 .. 02-19 (10 days) -> 28 - 10 = 18 person-days
    SiteFacts site = site("2021-05-01", days("2021-02-10", "2021-02-19"));
    SiteRow feb = row(Indicator.RELAPSE_RATE, Period.month(d("2021-02-01")), site, a);

    assertThat(feb.denominator()).isEqualTo(18.0);
    assertThat(row(Indicator.ACTIVE_ENROLMENTS, Period.month(d("2021-02-01")), site, a).numerator()).isEqualTo(1.0);
  }

  @Test
  void overlappingPausesCountEachDayOnce() {
    // 02-10 .. 02-19 and 02-15 .. 02-24 pause 02-10 .. 02-24 = 15 days -> 28 - 15 = 13
    SiteFacts site = site("2021-05-01", days("2021-02-10", "2021-02-19"), days("2021-02-15", "2021-02-24"));

    assertThat(row(Indicator.RELAPSE_RATE, Period.month(d("2021-02-01")), site, a).denominator()).isEqualTo(13.0);
  }

  @Test
  void aRateRowIsFinalWhenThePeriodEndIsOnOrBeforeTheWatermark() {
    // watermark = horizon - 35; horizon 2021-04-04 -> watermark 2021-02-28 = end of February
    assertThat(row(Indicator.RELAPSE_RATE, Period.month(d("2021-02-01")), site("2021-04-04"), a).finalStatus()).isTrue();
    // horizon 2021-04-03 -> watermark 2021-02-27 < 2021-02-28
    SiteRow provisional = row(Indicator.RELAPSE_RATE, Period.month(d("2021-02-01")), site("2021-04-03"), a);
    assertThat(provisional.finalStatus()).isFalse();
    assertThat(provisional.watermark()).isEqualTo(d("2021-02-27"));
    assertThat(provisional.deadline()).isEqualTo(d("2021-02-28"));
  }

  @Test
  void rowsWhoseNumeratorAndDenominatorAreBothZeroAreOmitted() {
    EnrolmentFact control = enrolment("c", "2021-02-01", "2021-08-01").base(Members.ULM_CONTROL).build();
    List<SiteRow> day = CellCalculator.rows(new CellKey(Members.ULM_CONTROL, Period.day(d("2021-02-01"))), List.of(control), site("2021-05-01"), Members.CONFIG);

    // a CONTROL starter: no engagement cohort, no discharges; person-day rates exist with numerator 0
    assertThat(day).extracting(SiteRow::indicator).containsExactly(
        Indicator.ACTIVE_ENROLMENTS, Indicator.RELAPSE_RATE, Indicator.BED_DAYS, Indicator.INVOLUNTARY_ADMISSIONS);
  }

  @Test
  void membersOfOtherCellsAreIgnored() {
    EnrolmentFact control = enrolment("c", "2021-02-01", "2021-08-01").base(Members.ULM_CONTROL).build();
    EnrolmentFact later = enrolment("l", "2021-06-01", "2021-08-01").build();

    assertThat(row(Indicator.ACTIVE_ENROLMENTS, Period.month(d("2021-02-01")), site("2021-05-01"), a, control, later).numerator()).isEqualTo(1.0);
  }

  @Test
  void theSiteFactsMustBeTheCellsSite() {
    SiteFacts hamburg = new SiteFacts("hamburg", d("2021-05-01"), List.of());

    assertThatThrownBy(() -> CellCalculator.rows(new CellKey(Members.ULM, Period.day(d("2021-02-01"))), List.of(a), hamburg, Members.CONFIG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ulm").hasMessageContaining("hamburg");
  }

  @Test
  void anEnrolmentFansOutToEveryPeriodItOverlaps() {
    // 2021-02-01 .. 2021-08-01 = 182 days: 182 DAY; ISO weeks from Mon 02-01 to the week of Sun 08-01 = 26;
    // months Feb..Aug = 7; ROLLING_28D ending 02-01 .. 08-28 (08-01 + 27) = 182 + 27 = 209. Total 424.
    Set<CellKey> cells = CellCalculator.cellsOf(a);

    assertThat(cells).hasSize(182 + 26 + 7 + 209);
    assertThat(cells).contains(new CellKey(Members.ULM, Period.rolling28(d("2021-08-28"))));
    assertThat(cells).doesNotContain(new CellKey(Members.ULM, Period.rolling28(d("2021-08-29"))));
    assertThat(cells).doesNotContain(new CellKey(Members.ULM, Period.rolling28(d("2021-01-31"))));
    assertThat(cells).allSatisfy(c -> assertThat(c.base()).isEqualTo(Members.ULM));
  }

  @Test
  void anIndexDischargeFansOutToThePeriodsContainingItsDate() {
    IndexDischargeFact discharge = discharge("a", "2021-03-10", null, null);
    Set<CellKey> cells = CellCalculator.cellsOf(discharge);

    // 1 DAY + 1 WEEK + 1 MONTH + 28 ROLLING_28D ending 03-10 .. 04-06
    assertThat(cells).hasSize(31);
    assertThat(cells).contains(
        new CellKey(Members.ULM, Period.week(d("2021-03-10"))),
        new CellKey(Members.ULM, Period.rolling28(d("2021-04-06"))));
  }

  @Test
  void everyPersonLevelIndicatorHasARule() {
    assertThat(CellCalculator.rules().keySet()).containsExactlyInAnyOrder(
        Indicator.ACTIVE_ENROLMENTS, Indicator.REACH_30, Indicator.MIN_DOSE_3, Indicator.DAYS_TO_FIRST_CONTACT,
        Indicator.CONTACTS_PER_PERSON_MONTH, Indicator.DISENGAGED_60, Indicator.FOLLOW_UP_7, Indicator.FOLLOW_UP_30,
        Indicator.READMISSION_30, Indicator.RELAPSE_RATE, Indicator.BED_DAYS, Indicator.INVOLUNTARY_ADMISSIONS,
        Indicator.PHASE1_CONTACT_RATE, Indicator.PHASE2_CONTACT_RATE, Indicator.PHASE3_CONTACT_RATE, Indicator.CRISIS_SAME_DAY);
    assertThat(CellCalculator.rules().keySet()).containsExactlyInAnyOrderElementsOf(
        java.util.Arrays.stream(Indicator.values()).filter(i -> i.family() == Indicator.Family.PERSON_LEVEL).toList());
  }

  @Test
  void phaseMonthsReachingADayAreTheMonthsOfStartersUpTo272DaysBefore() {
    // 2021-10-15 - 272 days = 2021-01-16: the months January .. October 2021
    List<Period> months = CellCalculator.phaseMonthsReaching(days("2021-10-15", "2021-10-15"));
    assertThat(months).hasSize(10);
    assertThat(months.get(0)).isEqualTo(Period.month(d("2021-01-01")));
    assertThat(months.get(9)).isEqualTo(Period.month(d("2021-10-01")));
  }
}
