package io.peerpulse.streams.workload;

import static io.peerpulse.streams.workload.Role.MHW;
import static io.peerpulse.streams.workload.Role.PSW;
import static io.peerpulse.streams.workload.WorkloadIndicator.PSW_SUPERVISED_14D;
import static io.peerpulse.streams.workload.WorkloadSite.month;
import static io.peerpulse.streams.workload.WorkloadSite.rolling;
import static io.peerpulse.streams.workload.WorkloadSite.week;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Period;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PSW_SUPERVISED_14D (spec/indicators.md "Programme fidelity"), hand-computed: per site, WEEK, the
 * active PSWs on the point day P and those supervised on P-13 … P (lateness 35 days).
 */
class SupervisionRulesTest {

  /*
   * Statuses from 03-01: w1 PSW fte 1.0; w2 PSW fte 0.5; w3 PSW fte 0 (active: a member, no
   * contributor); w4 MHW fte 1.0 (not a PSW); w5 PSW fte 1.0, inactive from 03-20.
   * Supervisions: w1 03-08, w2 03-07, w3 03-21, w4 03-10, w5 03-15. Horizon 05-31 (watermark 04-26).
   *   WEEK 03-15 (P = Sunday 03-21, window 03-08 .. 03-21): members w1, w2, w3 (w5 inactive on P);
   *     supervised w1 (03-08 = P-13, the window's first day), w3 (on P); w2's 03-07 is P-14: out.
   *     2 / 3 = 66.67 %; workers (fte > 0 on P): w1, w2 = 2.
   *   WEEK 03-08 (P = 03-14, window 03-01 .. 03-14): members w1, w2, w3, w5; supervised w1, w2
   *     (w5's 03-15 is after P). 2 / 4 = 50 %; workers w1, w2, w5 = 3.
   */
  private WorkloadSite site() {
    return new WorkloadSite("s1", "2021-05-31")
        .status("w1", PSW, "1.0", true, "2021-03-01")
        .status("w2", PSW, "0.5", true, "2021-03-01")
        .status("w3", PSW, "0", true, "2021-03-01")
        .status("w4", MHW, "1.0", true, "2021-03-01")
        .status("w5", PSW, "1.0", true, "2021-03-01")
        .status("w5", PSW, "1.0", false, "2021-03-20")
        .supervision("s1", "2021-03-08", "w1")
        .supervision("s2", "2021-03-07", "w2")
        .supervision("s3", "2021-03-21", "w3")
        .supervision("s4", "2021-03-10", "w4")
        .supervision("s5", "2021-03-15", "w5");
  }

  @Test
  void aSupervisionCountsOnTheFourteenDaysEndingOnThePointDayForPswsActiveThen() {
    WorkloadRow third = site().get(PSW_SUPERVISED_14D, week("2021-03-15"));
    assertThat(third.numerator()).isEqualTo(2.0);
    assertThat(third.denominator()).isEqualTo(3.0);
    assertThat(third.value()).isCloseTo(200.0 / 3, within(1e-9));
    assertThat(third.workers()).isEqualTo(2);
    assertThat(third.finalStatus()).isTrue();
    assertThat(third.cell().base()).isEqualTo(WorkloadCells.base("s1"));

    WorkloadRow second = site().get(PSW_SUPERVISED_14D, week("2021-03-08"));
    assertThat(second.numerator()).isEqualTo(2.0);
    assertThat(second.denominator()).isEqualTo(4.0);
    assertThat(second.value()).isEqualTo(50.0);
    assertThat(second.workers()).isEqualTo(3);
  }

  /*
   * Horizon Wednesday 03-24: the current week 03-22 takes P = 03-24, window 03-11 .. 03-24: w1's 03-08
   * is out, w3's 03-21 in; members w1, w2, w3 -> 1 / 3, PROVISIONAL. No MONTH or ROLLING_28D row.
   */
  @Test
  void theCurrentWeekIsTakenOnTheHorizonAndOnlyWeeksHaveTheIndicator() {
    WorkloadSite site = site().horizon("2021-03-24");

    WorkloadRow current = site.get(PSW_SUPERVISED_14D, week("2021-03-22"));
    assertThat(current.numerator()).isEqualTo(1.0);
    assertThat(current.denominator()).isEqualTo(3.0);
    assertThat(current.finalStatus()).isFalse();
    assertThat(site.find(PSW_SUPERVISED_14D, month("2021-03-01"))).isEmpty();
    assertThat(site.find(PSW_SUPERVISED_14D, rolling("2021-03-21"))).isEmpty();
  }

  @Test
  void noActivePswMeansNoRowWhateverTheSupervisions() {
    WorkloadSite site = new WorkloadSite("s1", "2021-05-31")
        .status("w4", MHW, "1.0", true, "2021-03-01")
        .supervision("s4", "2021-03-10", "w4");

    assertThat(site.find(PSW_SUPERVISED_14D, week("2021-03-08"))).isEmpty();
  }

  @Test
  void aSupervisionMarksTheWeeksWhosePointDayItsWindowReaches() {
    // Monday 03-08: d .. d+13 = 03-08 .. 03-21, weeks 03-08 and 03-15.
    assertThat(weeks(new SupervisionSession("s", LocalDate.parse("2021-03-08"), "w1")))
        .containsExactly(week("2021-03-08"), week("2021-03-15"));
    // Wednesday 03-10: 03-10 .. 03-23 also reaches the week of 03-22 (its point day may be 03-22 or 03-23).
    assertThat(weeks(new SupervisionSession("s", LocalDate.parse("2021-03-10"), "w1")))
        .containsExactly(week("2021-03-08"), week("2021-03-15"), week("2021-03-22"));
  }

  private static Set<Period> weeks(SupervisionSession session) {
    return WorkloadCells.cellsOf("s1", session).stream().map(CellKey::period).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }
}
