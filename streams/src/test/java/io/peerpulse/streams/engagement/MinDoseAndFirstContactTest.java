package io.peerpulse.streams.engagement;

import static io.peerpulse.streams.cells.Members.d;
import static io.peerpulse.streams.cells.Members.enrolment;
import static io.peerpulse.streams.cells.Members.row;
import static io.peerpulse.streams.cells.Members.rows;
import static io.peerpulse.streams.cells.Members.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.CellCalculator;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Members;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteFacts;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.person.EnrolmentFact;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinDoseAndFirstContactTest {

  private static final Period FEBRUARY = Period.month(d("2021-02-01"));
  private static final SiteFacts HORIZON = site("2021-12-31");

  private final EnrolmentFact three = enrolment("a", "2021-02-01", "2021-08-01").psw("2021-02-09", "2021-02-20", "2021-04-10").build();
  private final EnrolmentFact one = enrolment("b", "2021-02-15", "2021-08-15").psw("2021-03-30").build();
  private final EnrolmentFact none = enrolment("c", "2021-02-20", "2021-03-20").build();

  @Test
  void minDoseCountsStartersWithAtLeastMinDoseContactsWhileEnrolled() {
    SiteRow dose = row(Indicator.MIN_DOSE_3, FEBRUARY, HORIZON, three, one, none);

    // only a has 3: 1 / 3
    assertThat(dose.numerator()).isEqualTo(1.0);
    assertThat(dose.denominator()).isEqualTo(3.0);
  }

  @Test
  void minDoseFollowsTheConfiguredDose() {
    EngineConfig dose1 = new EngineConfig(35, 1, 20.0, 1);
    List<SiteRow> rows = CellCalculator.rows(new CellKey(Members.ULM, FEBRUARY), List.of(three, one, none), HORIZON, dose1);

    // a and b have >= 1: 2 / 3
    assertThat(Members.row(Indicator.MIN_DOSE_3, rows).orElseThrow().numerator()).isEqualTo(2.0);
  }

  @Test
  void minDoseIsFinalOnlyOnceEveryCohortEnrolmentHasEnded() {
    // latest end 2021-08-15 (b): watermark = horizon - 35 must reach it -> horizon 2021-09-19
    assertThat(row(Indicator.MIN_DOSE_3, FEBRUARY, site("2021-09-19"), three, one, none).finalStatus()).isTrue();
    assertThat(row(Indicator.MIN_DOSE_3, FEBRUARY, site("2021-09-18"), three, one, none).finalStatus()).isFalse();
  }

  @Test
  void daysToFirstContactIsTheMeanOfTheTwoMiddleValuesForAnEvenCount() {
    // a: 02-09 - 02-01 = 8; b: 03-30 - 02-15 = 43; c has no contact (not counted). median(8, 43) = 25.5
    SiteRow median = row(Indicator.DAYS_TO_FIRST_CONTACT, FEBRUARY, HORIZON, three, one, none);

    assertThat(median.numerator()).isEqualTo(2.0);
    assertThat(median.denominator()).isNull();
    assertThat(median.value()).isEqualTo(25.5);
    assertThat(median.medianInputs()).containsExactly(8, 43);
  }

  @Test
  void daysToFirstContactIsTheMiddleValueForAnOddCount() {
    // 8, 43 and d: 02-25 - 02-20 = 5 -> sorted 5, 8, 43 -> 8
    EnrolmentFact d = enrolment("d", "2021-02-20", "2021-03-20").psw("2021-02-25", "2021-02-26").build();

    assertThat(row(Indicator.DAYS_TO_FIRST_CONTACT, FEBRUARY, HORIZON, three, one, d).value()).isEqualTo(8.0);
  }

  @Test
  void startersWithoutAContactHoldTheStatusOpenUntilTheirEnrolmentEnds() {
    // week 02-15 .. 02-21: b (contact, ends 08-15) and e (no contact yet, ends 09-30).
    // Only b has a value, but e is a member: deadline = 09-30
    EnrolmentFact e = enrolment("e", "2021-02-18", "2021-09-30").build();
    SiteRow week = row(Indicator.DAYS_TO_FIRST_CONTACT, Period.week(d("2021-02-15")), HORIZON, one, e);

    assertThat(week.numerator()).isEqualTo(1.0);
    assertThat(week.medianInputs()).containsExactly(43);
    assertThat(week.deadline()).isEqualTo(d("2021-09-30"));
  }

  @Test
  void noStarterWithAContactMeansNoRow() {
    assertThat(row(Indicator.DAYS_TO_FIRST_CONTACT, rows(Period.day(d("2021-02-20")), HORIZON, none))).isEmpty();
  }
}
