package io.peerpulse.streams.workload;

import static io.peerpulse.streams.workload.Role.MHW;
import static io.peerpulse.streams.workload.Role.PSW;
import static io.peerpulse.streams.workload.WorkerRosterTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.PeriodType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The fan-out of {@link WorkloadCells}, counted by hand (completeness: WorkloadFanOutPropertiesTest). */
class WorkloadCellsTest {

  /*
   * A PSW contact on Monday 03-01: ROLLING_28D E = 03-01..03-28 (28); the weeks sharing a day with
   * 03-01..03-28: 03-01, 03-08, 03-15, 03-22 (4); MONTH March (1) = 33. On Wednesday 03-03: the
   * window 03-03..03-30 also reaches the week of 03-29 (5 weeks) = 34.
   * An MHW contact: its week and 28 rolling = 29; an MHW home visit also its month = 30.
   * Not attended: nothing.
   */
  @Test
  void aContactTouchesAtMostItsRollingPeriodsItsCaseloadWeeksAndItsMonth() {
    Set<CellKey> monday = WorkloadCells.cellsOf("s1", contact("2021-03-01", PSW, "PHONE", true));
    Set<CellKey> wednesday = WorkloadCells.cellsOf("s1", contact("2021-03-03", PSW, "PHONE", true));

    assertThat(byType(monday)).containsExactlyInAnyOrderEntriesOf(Map.of(PeriodType.ROLLING_28D, 28L, PeriodType.WEEK, 4L, PeriodType.MONTH, 1L));
    assertThat(byType(wednesday)).containsExactlyInAnyOrderEntriesOf(Map.of(PeriodType.ROLLING_28D, 28L, PeriodType.WEEK, 5L, PeriodType.MONTH, 1L));
    assertThat(wednesday).contains(new CellKey(new CellBase("s1", "*", "*"), Period.week(LocalDate.parse("2021-03-29"))))
        .allSatisfy(cell -> assertThat(cell.base()).isEqualTo(WorkloadCells.base("s1")));
    assertThat(WorkloadCells.cellsOf("s1", contact("2021-03-03", MHW, "PHONE", true))).hasSize(29);
    assertThat(WorkloadCells.cellsOf("s1", contact("2021-03-03", MHW, "HOME_VISIT", true))).hasSize(30);
    assertThat(WorkloadCells.cellsOf("s1", contact("2021-03-03", PSW, "HOME_VISIT", false))).isEmpty();
  }

  /*
   * w1's status of 03-01, next status 03-15, horizon 05-31: it holds 03-01..03-14: WEEK 03-01, 03-08
   * (2), MONTH March (1), ROLLING_28D E = 03-01..04-10 (14 + 27 = 41) = 44.
   * With no next status and horizon Wednesday 03-10: 03-01..03-10: WEEK 03-01, 03-08, MONTH March,
   * ROLLING_28D E = 03-01..03-10 (10; later ones have no rows yet) = 13. A horizon before the
   * status's date counts as that date: 03-01 only: WEEK, MONTH, E = 03-01 = 3.
   */
  @Test
  void aStatusChangeTouchesThePeriodsOfTheDaysItHoldsUpToTheHorizon() {
    WorkerStatusChange change = status("w1", PSW, "1.0", true, "2021-03-01", 1);
    WorkerRoster withNext = WorkerRoster.of(List.of(change, status("w1", PSW, "0.5", true, "2021-03-15", 2)));

    Set<CellKey> bounded = WorkloadCells.cellsOf("s1", change, withNext, LocalDate.parse("2021-05-31"));
    assertThat(byType(bounded)).containsExactlyInAnyOrderEntriesOf(Map.of(PeriodType.ROLLING_28D, 41L, PeriodType.WEEK, 2L, PeriodType.MONTH, 1L));
    assertThat(WorkloadCells.cellsOf("s1", change, WorkerRoster.of(List.of(change)), LocalDate.parse("2021-03-10"))).hasSize(13);
    assertThat(WorkloadCells.cellsOf("s1", change, WorkerRoster.EMPTY, LocalDate.parse("2021-02-01"))).hasSize(3);
    assertThat(WorkloadCells.cellsOf("s1", change, WorkerRoster.EMPTY, null)).hasSize(3);
  }

  /*
   * Horizon 03-10 -> 03-11, lateness 35 (watermark 02-03 -> 02-04): the new day's WEEK 03-08, MONTH
   * March, ROLLING_28D E=03-11; E=02-04 turns FINAL (a Thursday: no week or month ends) = 4.
   * Horizon 04-03 -> 04-04 (watermark 02-27 -> 02-28): WEEK 03-29, MONTH April, E=04-04; E=02-28,
   * WEEK 02-22 and MONTH February end on 02-28 = 6. No advance, or no earlier horizon: nothing.
   */
  @Test
  void aHorizonAdvanceTouchesTheNewDaysAndThePeriodsTurningFinal() {
    assertThat(WorkloadCells.cellsOfHorizonAdvance("s1", LocalDate.parse("2021-03-10"), LocalDate.parse("2021-03-11"), 35))
        .extracting(CellKey::period).containsExactlyInAnyOrder(
            Period.week(LocalDate.parse("2021-03-08")), Period.month(LocalDate.parse("2021-03-01")),
            Period.rolling28(LocalDate.parse("2021-03-11")), Period.rolling28(LocalDate.parse("2021-02-04")));
    assertThat(WorkloadCells.cellsOfHorizonAdvance("s1", LocalDate.parse("2021-04-03"), LocalDate.parse("2021-04-04"), 35))
        .extracting(CellKey::period).containsExactlyInAnyOrder(
            Period.week(LocalDate.parse("2021-03-29")), Period.month(LocalDate.parse("2021-04-01")),
            Period.rolling28(LocalDate.parse("2021-04-04")), Period.rolling28(LocalDate.parse("2021-02-28")),
            Period.week(LocalDate.parse("2021-02-22")), Period.month(LocalDate.parse("2021-02-01")));
    assertThat(WorkloadCells.cellsOfHorizonAdvance("s1", LocalDate.parse("2021-04-03"), LocalDate.parse("2021-04-03"), 35)).isEmpty();
    assertThat(WorkloadCells.cellsOfHorizonAdvance("s1", null, LocalDate.parse("2021-04-03"), 35)).isEmpty();
  }

  private static WorkloadContact contact(String date, Role role, String mode, boolean attended) {
    return new WorkloadContact("c1", LocalDate.parse(date), "w1", role, mode, 60, attended, List.of("p1"));
  }

  private static Map<PeriodType, Long> byType(Set<CellKey> cells) {
    return cells.stream().collect(Collectors.groupingBy(c -> c.period().type(), Collectors.counting()));
  }
}
