package io.peerpulse.streams.outcomes;

import static io.peerpulse.streams.cells.Members.d;
import static io.peerpulse.streams.cells.Members.discharge;
import static io.peerpulse.streams.cells.Members.row;
import static io.peerpulse.streams.cells.Members.rows;
import static io.peerpulse.streams.cells.Members.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteFacts;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.person.IndexDischargeFact;
import org.junit.jupiter.api.Test;

class FollowUpTest {

  private static final Period MARCH = Period.month(d("2021-03-01"));
  private static final SiteFacts HORIZON = site("2021-12-31");

  // all discharged 03-10: day 7 = 03-17, day 30 = 04-09
  private final IndexDischargeFact contactDay7 = discharge("a", "2021-03-10", "2021-03-17", null);
  private final IndexDischargeFact contactDay8 = discharge("b", "2021-03-10", "2021-03-18", null);
  private final IndexDischargeFact readmittedBeforeContact = discharge("c", "2021-03-10", "2021-03-14", "2021-03-13");
  private final IndexDischargeFact contactOnReadmissionDay = discharge("e", "2021-03-10", "2021-03-13", "2021-03-13");
  private final IndexDischargeFact readmittedDay10NoContact = discharge("f", "2021-03-10", null, "2021-03-20");

  @Test
  void followUp7() {
    // c excluded (readmitted day 3, before its day-4 contact); f's readmission is on day 10, after
    // the 7 days, so f stays. Cohort a, b, e, f = 4; followed up within 7 days: a, e -> 2 / 4 = 50 %
    SiteRow row = row(Indicator.FOLLOW_UP_7, MARCH, HORIZON, contactDay7, contactDay8, readmittedBeforeContact, contactOnReadmissionDay, readmittedDay10NoContact);

    assertThat(row.numerator()).isEqualTo(2.0);
    assertThat(row.denominator()).isEqualTo(4.0);
    assertThat(row.value()).isEqualTo(50.0);
  }

  @Test
  void followUp30() {
    // c and f excluded (readmitted on days 3 and 10, before any contact); cohort a, b, e; all followed up: 3 / 3
    SiteRow row = row(Indicator.FOLLOW_UP_30, MARCH, HORIZON, contactDay7, contactDay8, readmittedBeforeContact, contactOnReadmissionDay, readmittedDay10NoContact);

    assertThat(row.numerator()).isEqualTo(3.0);
    assertThat(row.denominator()).isEqualTo(3.0);
  }

  @Test
  void statusWaitsForDischargePlusSevenOrThirtyDays() {
    Period day = Period.day(d("2021-03-10"));

    assertThat(row(Indicator.FOLLOW_UP_7, day, HORIZON, contactDay7).deadline()).isEqualTo(d("2021-03-17"));
    assertThat(row(Indicator.FOLLOW_UP_30, day, HORIZON, contactDay7).deadline()).isEqualTo(d("2021-04-09"));
    assertThat(row(Indicator.READMISSION_30, day, HORIZON, contactDay7).deadline()).isEqualTo(d("2021-04-09"));
    // FINAL at watermark 03-17 (horizon 04-21), PROVISIONAL at 03-16
    assertThat(row(Indicator.FOLLOW_UP_7, day, site("2021-04-21"), contactDay7).finalStatus()).isTrue();
    assertThat(row(Indicator.FOLLOW_UP_7, day, site("2021-04-20"), contactDay7).finalStatus()).isFalse();
  }

  @Test
  void anExcludedDischargeIsStillAMemberForTheStatus() {
    // g (03-25) is excluded from FOLLOW_UP_30 (readmitted 03-27, no contact) but its window 03-25 + 30 = 04-24
    // still holds the status: a late contact could bring it back.
    IndexDischargeFact excluded = discharge("g", "2021-03-25", null, "2021-03-27");
    SiteRow row = row(Indicator.FOLLOW_UP_30, MARCH, HORIZON, contactDay7, excluded);

    assertThat(row.denominator()).isEqualTo(1.0);
    assertThat(row.deadline()).isEqualTo(d("2021-04-24"));
  }

  @Test
  void aCellOfOnlyExcludedDischargesHasNoFollowUpRowButAReadmissionRow() {
    var day = rows(Period.day(d("2021-03-10")), HORIZON, readmittedBeforeContact);

    assertThat(row(Indicator.FOLLOW_UP_7, day)).isEmpty();
    assertThat(row(Indicator.FOLLOW_UP_30, day)).isEmpty();
    assertThat(row(Indicator.READMISSION_30, day).orElseThrow().numerator()).isEqualTo(1.0);
  }

  @Test
  void readmissionWithinThirtyDays() {
    // discharged 03-10: next stay 04-09 (day 30) counts, 04-10 (day 31) does not, none does not: 1 / 3
    SiteRow row = row(Indicator.READMISSION_30, MARCH, HORIZON,
        discharge("a", "2021-03-10", null, "2021-04-09"),
        discharge("b", "2021-03-10", null, "2021-04-10"),
        discharge("c", "2021-03-10", null, null));

    assertThat(row.numerator()).isEqualTo(1.0);
    assertThat(row.denominator()).isEqualTo(3.0);
  }

  @Test
  void aDischargeDatedAfterTheHorizonIsNotYetInTheCurrentMonth() {
    // horizon 03-05: the 03-10 discharge (recorded by a hospital site with later events) waits
    assertThat(row(Indicator.READMISSION_30, rows(MARCH, site("2021-03-05"), contactDay7))).isEmpty();
    assertThat(row(Indicator.READMISSION_30, rows(MARCH, site("2021-03-10"), contactDay7))).isPresent();
  }
}
