package io.peerpulse.streams.workload;

import static io.peerpulse.streams.workload.Role.MHW;
import static io.peerpulse.streams.workload.Role.PSW;
import static io.peerpulse.streams.workload.WorkloadIndicator.HOME_VISIT_PSW_SHARE;
import static io.peerpulse.streams.workload.WorkloadIndicator.MHW_CONTACTS_PER_FTE;
import static io.peerpulse.streams.workload.WorkloadIndicator.PSW_CASELOAD;
import static io.peerpulse.streams.workload.WorkloadIndicator.PSW_DIRECT_HOURS;
import static io.peerpulse.streams.workload.WorkloadIndicator.PSW_OVER_THRESHOLD;
import static io.peerpulse.streams.workload.WorkloadSite.month;
import static io.peerpulse.streams.workload.WorkloadSite.rolling;
import static io.peerpulse.streams.workload.WorkloadSite.week;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.model.DateRange;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** spec/indicators.md "Workload" and "Precise rules / Workload", hand-computed (the readings of docs/indicator-catalogue.md). */
class WorkloadRulesTest {

  private static final String FINAL = "FINAL";
  private static final String PROVISIONAL = "PROVISIONAL";

  /*
   * w1: PSW fte 1.0 from Monday 03-01, fte 0.5 from Thursday 03-04. Contacts 120 min on 03-02 (pA),
   * 60 min on 03-05 (pB). Horizon 05-31 (watermark 04-26).
   *   DIRECT_HOURS WEEK 03-01: 3 h / ((3 x 1.0 + 4 x 0.5) / 7 = 5/7) = 4.2
   *   DIRECT_HOURS ROLLING_28D E=03-03: 2 h / (3 x 1.0 / 7: no status before 03-01) = 14/3 = 4.6667
   *   DIRECT_HOURS MONTH March: 3 h / ((3 x 1.0 + 28 x 0.5) / 7 = 17/7) = 21/17 = 1.2353
   *   DIRECT_HOURS WEEK 03-08: 0 h / (7 x 0.5 / 7 = 0.5) = 0 (the row exists: FTE but no contact)
   *   CASELOAD WEEK 03-01: {pA, pB} / FTE on Sunday 03-07 = 0.5 -> 4
   *   CASELOAD ROLLING_28D E=03-03: {pA} / FTE on 03-03 = 1.0 -> 1
   *   OVER_THRESHOLD WEEK 03-01: fte of the last active day 0.5 -> 10 h; 3 h: 0 / 1
   */
  @Test
  void fteChangeMidWeekIsWeightedByTheDaysItHolds() {
    WorkloadSite site = new WorkloadSite("s1", "2021-05-31")
        .status("w1", PSW, "1.0", true, "2021-03-01")
        .status("w1", PSW, "0.5", true, "2021-03-04")
        .attended("c1", "2021-03-02", "w1", PSW, "IN_PERSON", 120, "pA")
        .attended("c2", "2021-03-05", "w1", PSW, "PHONE", 60, "pB");

    assertRow(site.get(PSW_DIRECT_HOURS, week("2021-03-01")), 3, 5.0 / 7, 4.2, FINAL, 1);
    assertRow(site.get(PSW_DIRECT_HOURS, rolling("2021-03-03")), 2, 3.0 / 7, 14.0 / 3, FINAL, 1);
    assertRow(site.get(PSW_DIRECT_HOURS, month("2021-03-01")), 3, 17.0 / 7, 21.0 / 17, FINAL, 1);
    assertRow(site.get(PSW_DIRECT_HOURS, week("2021-03-08")), 0, 0.5, 0.0, FINAL, 1);
    assertRow(site.get(PSW_CASELOAD, week("2021-03-01")), 2, 0.5, 4.0, FINAL, 1);
    assertRow(site.get(PSW_CASELOAD, rolling("2021-03-03")), 1, 1.0, 1.0, FINAL, 1);
    assertRow(site.get(PSW_OVER_THRESHOLD, week("2021-03-01")), 0, 1, 0.0, FINAL, 1);
    assertThat(site.get(PSW_OVER_THRESHOLD, week("2021-03-01")).cell().base()).isEqualTo(new CellBase("s1", "*", "*"));
  }

  /*
   * PSWs from 03-01: w1 fte 1.0; w2 fte 0.8, inactive 03-03..03-05, active again from 03-06;
   * w3 fte 1.0 active on 03-01 only; w4 active with fte 0. No contacts. Horizon 05-31.
   *   FTE-weeks WEEK 03-01: (7 x 1.0 + 4 x 0.8 + 1 x 1.0) / 7 = 11.2/7 = 1.6; WEEK 03-08: (7 + 5.6) / 7 = 1.8
   *   CASELOAD WEEK 03-01: 0 persons / FTE on 03-07 (w1 1.0 + w2 0.8) = 1.8 -> 0 (the row exists)
   *   CASELOAD ROLLING_28D E=03-04: 0 / FTE 1.0 (w2 and w3 inactive)
   *   OVER_THRESHOLD WEEK 03-01: members w1, w2, w3, w4 -> 0 / 4; WEEK 03-08: w1, w2, w4 -> 0 / 3
   *   workers WEEK 03-01: w1, w2, w3 (fte > 0 on a day) = 3; w4 (fte 0, no contact) does not count
   *   workers WEEK 03-08: w1, w2 = 2; CASELOAD ROLLING E=03-04: w1 only (fte > 0 on the point day)
   *   No MHW at all: no MHW row.
   */
  @Test
  void inactiveWorkersAddNoFteAndAnActiveWorkerWithFteZeroIsNoContributor() {
    WorkloadSite site = new WorkloadSite("s1", "2021-05-31")
        .status("w1", PSW, "1.0", true, "2021-03-01")
        .status("w2", PSW, "0.8", true, "2021-03-01")
        .status("w2", PSW, "0.8", false, "2021-03-03")
        .status("w2", PSW, "0.8", true, "2021-03-06")
        .status("w3", PSW, "1.0", true, "2021-03-01")
        .status("w3", PSW, "1.0", false, "2021-03-02")
        .status("w4", PSW, "0", true, "2021-03-01");

    assertRow(site.get(PSW_DIRECT_HOURS, week("2021-03-01")), 0, 1.6, 0.0, FINAL, 3);
    assertRow(site.get(PSW_DIRECT_HOURS, week("2021-03-08")), 0, 1.8, 0.0, FINAL, 2);
    assertRow(site.get(PSW_CASELOAD, week("2021-03-01")), 0, 1.8, 0.0, FINAL, 2);
    assertRow(site.get(PSW_CASELOAD, rolling("2021-03-04")), 0, 1.0, 0.0, FINAL, 1);
    assertRow(site.get(PSW_OVER_THRESHOLD, week("2021-03-01")), 0, 4, 0.0, FINAL, 3);
    assertRow(site.get(PSW_OVER_THRESHOLD, week("2021-03-08")), 0, 3, 0.0, FINAL, 2);
    assertThat(site.find(MHW_CONTACTS_PER_FTE, week("2021-03-01"))).isEmpty();
  }

  /*
   * A group session counts once for hours and contacts, once per person for the caseload.
   *   w1 PSW fte 1.0, m1 MHW fte 0.5 from 03-01. Week 03-01:
   *   g1 PSW GROUP 90 min (pA, pB, pC, pA again); g2 MHW GROUP 60 min (pA, pB);
   *   h1 MHW HOME_VISIT (pD); h2 PSW HOME_VISIT 45 min (pD, pE); h3 PSW HOME_VISIT not attended.
   *   DIRECT_HOURS WEEK 03-01: (90 + 45) / 60 = 2.25 h / 1 FTE-week
   *   CASELOAD WEEK 03-01: {pA, pB, pC, pD, pE} = 5 / 1.0 (h3's pF does not count)
   *   MHW_CONTACTS_PER_FTE WEEK 03-01: 2 / 0.5 = 4; ROLLING_28D E=03-03: g2 only: 1 / (3 x 0.5 / 7) = 4.6667
   *   HOME_VISIT_PSW_SHARE March: h2 of {h1, h2} = 50 %, workers m1, w1; April: no visit, no row
   */
  @Test
  void groupSessionsCountOnceForHoursAndContactsAndOncePerPersonForTheCaseload() {
    WorkloadSite site = new WorkloadSite("s1", "2021-05-31")
        .status("w1", PSW, "1.0", true, "2021-03-01")
        .status("m1", MHW, "0.5", true, "2021-03-01")
        .attended("g1", "2021-03-02", "w1", PSW, "GROUP", 90, "pA", "pB", "pC", "pA")
        .attended("g2", "2021-03-03", "m1", MHW, "GROUP", 60, "pA", "pB")
        .attended("h1", "2021-03-04", "m1", MHW, "HOME_VISIT", 30, "pD")
        .attended("h2", "2021-03-05", "w1", PSW, "HOME_VISIT", 45, "pD", "pE")
        .contact("h3", "2021-03-06", "w1", PSW, "HOME_VISIT", 45, false, "pF");

    assertRow(site.get(PSW_DIRECT_HOURS, week("2021-03-01")), 2.25, 1, 2.25, FINAL, 1);
    assertRow(site.get(PSW_CASELOAD, week("2021-03-01")), 5, 1, 5.0, FINAL, 1);
    assertRow(site.get(MHW_CONTACTS_PER_FTE, week("2021-03-01")), 2, 0.5, 4.0, FINAL, 1);
    assertRow(site.get(MHW_CONTACTS_PER_FTE, rolling("2021-03-03")), 1, 1.5 / 7, 14.0 / 3, FINAL, 1);
    assertRow(site.get(HOME_VISIT_PSW_SHARE, month("2021-03-01")), 1, 2, 50.0, FINAL, 2);
    assertThat(site.find(HOME_VISIT_PSW_SHARE, month("2021-04-01"))).isEmpty();
  }

  /*
   * Week 03-01..03-07, threshold 20 h per FTE (minutes compared with 20 x 60 x fte, exactly):
   *   a: fte 1.0, then 0.5 from 03-04: last active day's fte 0.5 -> 600 min; 300 + 300 = 600: exactly
   *      at the threshold, not over
   *   b: fte 0.5 -> 600 min; 601 min: over. Its MHW-role contact (120 min) does not count.
   *   c: fte 1.0, inactive from 03-05 (last active day 03-04, fte 1.0 -> 1200 min); 700 + 500 min, and
   *      60 min on 03-06 while inactive (counted: the week's hours) = 1260: over
   *   d: active with fte 0 -> 0 min; 15 min: over
   *   e: active with fte 0, no contact: a member, not over, not a contributor
   *   -> 3 / 5 = 60 %; workers a (fte > 0), b, c, d (contacts) = 4
   *   Threshold 25 h: a 750, b 750, c 1500 -> none over; d 0 -> over: 1 / 5 = 20 %
   */
  @Test
  void overThresholdComparesTheWeeksHoursWithThresholdTimesTheFteOfTheLastActiveDay() {
    WorkloadSite site = new WorkloadSite("s1", "2021-05-31")
        .status("a", PSW, "1.0", true, "2021-03-01")
        .status("a", PSW, "0.5", true, "2021-03-04")
        .status("b", PSW, "0.5", true, "2021-03-01")
        .status("c", PSW, "1.0", true, "2021-03-01")
        .status("c", PSW, "1.0", false, "2021-03-05")
        .status("d", PSW, "0", true, "2021-03-01")
        .status("e", PSW, "0", true, "2021-03-01")
        .attended("ca1", "2021-03-02", "a", PSW, "IN_PERSON", 300, "p1")
        .attended("ca2", "2021-03-03", "a", PSW, "IN_PERSON", 300, "p1")
        .attended("cb1", "2021-03-02", "b", PSW, "IN_PERSON", 601, "p2")
        .attended("cb2", "2021-03-02", "b", MHW, "IN_PERSON", 120, "p2")
        .attended("cc1", "2021-03-02", "c", PSW, "IN_PERSON", 700, "p3")
        .attended("cc2", "2021-03-03", "c", PSW, "IN_PERSON", 500, "p3")
        .attended("cc3", "2021-03-06", "c", PSW, "IN_PERSON", 60, "p3")
        .attended("cd1", "2021-03-07", "d", PSW, "PHONE", 15, "p4");

    assertRow(site.get(PSW_OVER_THRESHOLD, week("2021-03-01")), 3, 5, 60.0, FINAL, 4);
    assertRow(site.get(PSW_OVER_THRESHOLD, week("2021-03-01"), new EngineConfig(35, 3, 25, 1)), 1, 5, 20.0, FINAL, 4);
  }

  /*
   * A worker exactly at the threshold with an fte whose binary double is inexact: fte 0.36 -> 0.36 x 20
   * x 60 = 432 min exactly in decimals, while the double product is 431.99999999999994 (which would
   * make 432 min "over"). 432 min: not over; 433 min: over.
   */
  @Test
  void theThresholdComparisonIsExactInDecimals() {
    WorkloadSite atThreshold = new WorkloadSite("s1", "2021-05-31")
        .status("a", PSW, "0.36", true, "2021-03-01")
        .attended("c1", "2021-03-02", "a", PSW, "IN_PERSON", 432, "p1");
    WorkloadSite over = new WorkloadSite("s1", "2021-05-31")
        .status("a", PSW, "0.36", true, "2021-03-01")
        .attended("c1", "2021-03-02", "a", PSW, "IN_PERSON", 433, "p1");

    assertThat(0.36 * 20 * 60).isLessThan(432);
    assertRow(atThreshold.get(PSW_OVER_THRESHOLD, week("2021-03-01")), 0, 1, 0.0, FINAL, 1);
    assertRow(over.get(PSW_OVER_THRESHOLD, week("2021-03-01")), 1, 1, 100.0, FINAL, 1);
  }

  /*
   * Contacts by workers with no status count in the numerators of the site that recorded them: the
   * roster of s1 has no status (wx's status recorded by another site is in that site's roster).
   *   DIRECT_HOURS WEEK 03-01: 1 h / 0 FTE-weeks -> value empty (row exists), workers 1 (wx)
   *   CASELOAD WEEK 03-01: 1 / 0; MHW WEEK 03-01: 1 / 0 (wy); no OVER_THRESHOLD row (no active PSW)
   */
  @Test
  void contactsByWorkersWithoutStatusCountInNumerators() {
    WorkloadSite site = new WorkloadSite("s1", "2021-05-31")
        .attended("c1", "2021-03-02", "wx", PSW, "IN_PERSON", 60, "pA")
        .attended("c2", "2021-03-03", "wy", MHW, "PHONE", 30, "pB");

    assertRow(site.get(PSW_DIRECT_HOURS, week("2021-03-01")), 1, 0, null, FINAL, 1);
    assertRow(site.get(PSW_CASELOAD, week("2021-03-01")), 1, 0, null, FINAL, 1);
    assertRow(site.get(MHW_CONTACTS_PER_FTE, week("2021-03-01")), 1, 0, null, FINAL, 1);
    assertThat(site.find(PSW_OVER_THRESHOLD, week("2021-03-01"))).isEmpty();
  }

  /*
   * w1 PSW fte 1.0 from 02-01, fte 0.5 from 04-01 (= the horizon, a Thursday; watermark 02-25).
   * Contacts: pA 02-28, pB 03-01, pD 03-05, pC 03-29.
   *   WEEK 03-22..03-28: 28 days ending Sunday 03-28 = 03-01..03-28: {pB, pD} / 1.0 = 2
   *   WEEK 03-29..04-04: the current week's point day is the horizon 04-01: 03-05..04-01:
   *     {pD, pC} / 0.5 = 4 (pB on 03-01 is 31 days before)
   *   ROLLING_28D E=03-28 (03-01..03-28): {pB, pD} / 1 = 2; E=03-29 (03-02..03-29): {pD, pC} / 1 = 2
   *   WEEK 02-15..02-21: no contact in 01-25..02-21: 0 / 1, FINAL (02-21 <= watermark 02-25)
   *   WEEK 02-22..02-28: {pA} / 1, PROVISIONAL (02-28 > watermark)
   *   No row for WEEK 04-05 (starts after the horizon) or ROLLING_28D E=04-02.
   */
  @Test
  void caseloadWeekUsesTheTwentyEightDaysEndingOnTheSundayOrTheHorizon() {
    WorkloadSite site = new WorkloadSite("s1", "2021-04-01")
        .status("w1", PSW, "1.0", true, "2021-02-01")
        .status("w1", PSW, "0.5", true, "2021-04-01")
        .attended("a", "2021-02-28", "w1", PSW, "IN_PERSON", 60, "pA")
        .attended("b", "2021-03-01", "w1", PSW, "IN_PERSON", 60, "pB")
        .attended("d", "2021-03-05", "w1", PSW, "IN_PERSON", 60, "pD")
        .attended("cc", "2021-03-29", "w1", PSW, "IN_PERSON", 60, "pC");

    assertRow(site.get(PSW_CASELOAD, week("2021-03-22")), 2, 1, 2.0, PROVISIONAL, 1);
    assertRow(site.get(PSW_CASELOAD, week("2021-03-29")), 2, 0.5, 4.0, PROVISIONAL, 1);
    assertRow(site.get(PSW_CASELOAD, rolling("2021-03-28")), 2, 1, 2.0, PROVISIONAL, 1);
    assertRow(site.get(PSW_CASELOAD, rolling("2021-03-29")), 2, 1, 2.0, PROVISIONAL, 1);
    assertRow(site.get(PSW_CASELOAD, week("2021-02-15")), 0, 1, 0.0, FINAL, 1);
    assertRow(site.get(PSW_CASELOAD, week("2021-02-22")), 1, 1, 1.0, PROVISIONAL, 1);
    assertThat(site.rows(week("2021-04-05"), EngineConfig.DEFAULTS)).isEmpty();
    assertThat(site.rows(rolling("2021-04-02"), EngineConfig.DEFAULTS)).isEmpty();
  }

  /*
   * The horizon cuts the current week and month: w1 PSW fte 1.0 from Monday 03-01, horizon
   * Wednesday 03-10 (watermark 02-03). Contacts 60 min on 03-02 and 03-09 (pA, pB).
   *   DIRECT_HOURS WEEK 03-08: days 03-08..03-10 only: 1 h / (3 x 1.0 / 7) = 7/3 = 2.3333, PROVISIONAL
   *   DIRECT_HOURS MONTH March: days 03-01..03-10: 2 h / (10/7) = 1.4
   *   OVER_THRESHOLD WEEK 03-08: w1 active on 03-08..03-10 -> 0 / 1
   *   ROLLING_28D E=03-10 exists (2 h / (10/7)); E=03-11 and WEEK 03-15 do not; no DAY rows.
   *   A contact dated after the horizon (the site stage never has one: its horizon includes every
   *   event of the site) counts in no period: CASELOAD WEEK 03-08, point day 03-10: {pA, pB} / 1.
   */
  @Test
  void rowsExistUpToTheHorizonAndCountItsDaysOnly() {
    WorkloadSite site = new WorkloadSite("s1", "2021-03-10")
        .status("w1", PSW, "1.0", true, "2021-03-01")
        .attended("c1", "2021-03-02", "w1", PSW, "IN_PERSON", 60, "pA")
        .attended("c2", "2021-03-09", "w1", PSW, "IN_PERSON", 60, "pB")
        .attended("c3", "2021-03-12", "w1", PSW, "IN_PERSON", 60, "pC");

    assertRow(site.get(PSW_DIRECT_HOURS, week("2021-03-08")), 1, 3.0 / 7, 7.0 / 3, PROVISIONAL, 1);
    assertRow(site.get(PSW_DIRECT_HOURS, month("2021-03-01")), 2, 10.0 / 7, 1.4, PROVISIONAL, 1);
    assertRow(site.get(PSW_DIRECT_HOURS, rolling("2021-03-10")), 2, 10.0 / 7, 1.4, PROVISIONAL, 1);
    assertRow(site.get(PSW_OVER_THRESHOLD, week("2021-03-08")), 0, 1, 0.0, PROVISIONAL, 1);
    assertRow(site.get(PSW_CASELOAD, week("2021-03-08")), 2, 1, 2.0, PROVISIONAL, 1);
    assertThat(site.rows(rolling("2021-03-11"), EngineConfig.DEFAULTS)).isEmpty();
    assertThat(site.rows(week("2021-03-15"), EngineConfig.DEFAULTS)).isEmpty();
    assertThat(site.rows(Period.day(LocalDate.parse("2021-03-02")), EngineConfig.DEFAULTS)).isEmpty();
  }

  /*
   * Two statuses of w1 on 03-01: the later arrival stands (fte 0.4, or fte 1.0 when they arrive the
   * other way round). From 03-04 w1 is an MHW: PSW FTE only on 03-01..03-03, MHW FTE from 03-04.
   *   PSW DIRECT_HOURS WEEK 03-01: 0 / (3 x 0.4 / 7); reversed 0 / (3 x 1.0 / 7)
   *   MHW WEEK 03-01: 0 / (4 x 0.4 / 7); OVER_THRESHOLD WEEK 03-01: 0 / 1, none in WEEK 03-08
   *   CASELOAD WEEK 03-01: no person and no PSW FTE on Sunday 03-07: no row
   */
  @Test
  void theLaterOfTwoSameDayStatusesStandsAndRoleComesFromTheStatusOfTheDay() {
    WorkloadSite inOrder = new WorkloadSite("s1", "2021-05-31")
        .status("w1", PSW, "1.0", true, "2021-03-01")
        .status("w1", PSW, "0.4", true, "2021-03-01")
        .status("w1", MHW, "0.4", true, "2021-03-04");
    WorkloadSite reversed = new WorkloadSite("s1", "2021-05-31")
        .status("w1", PSW, "0.4", true, "2021-03-01")
        .status("w1", PSW, "1.0", true, "2021-03-01")
        .status("w1", MHW, "0.4", true, "2021-03-04");

    assertRow(inOrder.get(PSW_DIRECT_HOURS, week("2021-03-01")), 0, 1.2 / 7, 0.0, FINAL, 1);
    assertRow(reversed.get(PSW_DIRECT_HOURS, week("2021-03-01")), 0, 3.0 / 7, 0.0, FINAL, 1);
    assertRow(inOrder.get(MHW_CONTACTS_PER_FTE, week("2021-03-01")), 0, 1.6 / 7, 0.0, FINAL, 1);
    assertRow(inOrder.get(PSW_OVER_THRESHOLD, week("2021-03-01")), 0, 1, 0.0, FINAL, 1);
    assertThat(inOrder.find(PSW_OVER_THRESHOLD, week("2021-03-08"))).isEmpty();
    assertThat(inOrder.find(PSW_CASELOAD, week("2021-03-01"))).isEmpty();
  }

  /*
   * Status: FINAL exactly when period_end <= watermark = horizon - lateness_days. Horizon 04-11,
   * lateness 35 -> watermark 03-07: WEEK 03-01..03-07 FINAL, ROLLING_28D E=03-08 PROVISIONAL; with
   * lateness 0 every period ending by 04-11 is FINAL (MONTH March, WEEK 04-05..04-11), MONTH April not.
   */
  @Test
  void statusIsFinalWhenThePeriodEndsOnOrBeforeTheWatermark() {
    WorkloadSite site = new WorkloadSite("s1", "2021-04-11")
        .status("w1", PSW, "1.0", true, "2021-03-01");
    EngineConfig noLateness = new EngineConfig(0, 3, 20, 1);

    assertThat(site.get(PSW_DIRECT_HOURS, week("2021-03-01")).finalStatus()).isTrue();
    assertThat(site.get(PSW_DIRECT_HOURS, week("2021-03-01")).watermark()).isEqualTo("2021-03-07");
    assertThat(site.get(PSW_DIRECT_HOURS, rolling("2021-03-08")).finalStatus()).isFalse();
    assertThat(site.get(PSW_DIRECT_HOURS, month("2021-03-01"), noLateness).finalStatus()).isTrue();
    assertThat(site.get(PSW_DIRECT_HOURS, week("2021-04-05"), noLateness).finalStatus()).isTrue();
    assertThat(site.get(PSW_DIRECT_HOURS, week("2021-04-05"), noLateness).deadline()).isEqualTo("2021-04-11");
    assertThat(site.get(PSW_DIRECT_HOURS, month("2021-04-01"), noLateness).finalStatus()).isFalse();
  }

  @Test
  void aWeekNeedsTheContactsOfTheTwentySevenDaysBeforeItsMonday() {
    assertThat(WorkloadCalculator.contactRange(week("2021-03-01"))).isEqualTo(new DateRange(LocalDate.parse("2021-02-02"), LocalDate.parse("2021-03-07")));
    assertThat(WorkloadCalculator.contactRange(month("2021-02-01"))).isEqualTo(month("2021-02-01").range());
    assertThat(WorkloadCalculator.contactRange(rolling("2021-03-28"))).isEqualTo(rolling("2021-03-28").range());
  }

  static void assertRow(WorkloadRow row, double numerator, double denominator, Double value, String status, int workers) {
    assertThat(row.numerator()).as("numerator of %s", row).isCloseTo(numerator, within(1e-12));
    assertThat(row.denominator()).as("denominator of %s", row).isCloseTo(denominator, within(1e-12));
    if (value == null) {
      assertThat(row.value()).as("value of %s", row).isNull();
    } else {
      assertThat(row.value()).as("value of %s", row).isCloseTo(value, within(1e-9));
    }
    assertThat(row.finalStatus() ? FINAL : PROVISIONAL).as("status of %s", row).isEqualTo(status);
    assertThat(row.deadline()).isEqualTo(row.cell().period().end());
    assertThat(row.workers()).as("workers of %s", row).isEqualTo(workers);
  }
}
