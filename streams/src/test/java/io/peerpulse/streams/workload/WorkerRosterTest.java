package io.peerpulse.streams.workload;

import static io.peerpulse.streams.workload.Role.MHW;
import static io.peerpulse.streams.workload.Role.PSW;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.model.DateRange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerRosterTest {

  private static final LocalDate MARCH_1 = LocalDate.parse("2021-03-01");

  /*
   * w1 PSW 0.1 from 03-01, w2 PSW 0.2 from 03-01, m1 MHW 0.3 from 03-03 (inactive from 03-05).
   *   PSW FTE per day 0.1 + 0.2 = 0.3 exactly (as doubles 0.1 + 0.2 = 0.30000000000000004);
   *   03-01..03-07: 7 x 0.3 = 2.1 FTE-days -> 2.1 / 7 FTE-weeks
   *   MHW: 03-03, 03-04 -> 0.6 FTE-days
   */
  @Test
  void fteSumsAreExactDecimalsAndFteWeeksDivideTheDoubleOfTheSumBySeven() {
    WorkerRoster roster = WorkerRoster.of(List.of(
        status("w1", PSW, "0.1", true, "2021-03-01", 1),
        status("w2", PSW, "0.2", true, "2021-03-01", 2),
        status("m1", MHW, "0.3", true, "2021-03-03", 3),
        status("m1", MHW, "0.3", false, "2021-03-05", 4)));
    DateRange week = new DateRange(MARCH_1, MARCH_1.plusDays(6));

    assertThat(roster.fteOn(PSW, MARCH_1)).isEqualByComparingTo("0.3");
    assertThat(roster.fteDays(PSW, week)).isEqualByComparingTo("2.1");
    assertThat(roster.fteWeeks(PSW, week)).isEqualTo(2.1 / 7);
    assertThat(roster.fteDays(MHW, week)).isEqualByComparingTo("0.6");
    assertThat(roster.fteOn(MHW, MARCH_1)).isEqualByComparingTo("0");
    assertThat(roster.workersWithFte(MHW, week)).containsExactly("m1");
    assertThat(roster.workersWithFte(MHW, DateRange.of(MARCH_1.plusDays(5)))).isEmpty();
  }

  /* Of two statuses on one date the later arrival (higher seq) stands, whatever order they are given in. */
  @Test
  void theLaterArrivalOfTwoSameDayStatusesStandsAndNothingHoldsBeforeTheFirst() {
    WorkerStatusChange first = status("w1", PSW, "1.0", true, "2021-03-01", 5);
    WorkerStatusChange later = status("w1", PSW, "0.5", false, "2021-03-01", 9);
    WorkerStatusChange next = status("w1", MHW, "0.8", true, "2021-03-10", 2);

    for (WorkerRoster roster : List.of(WorkerRoster.of(List.of(first, later, next)), WorkerRoster.of(List.of(next, later, first)))) {
      assertThat(roster.statusOn("w1", MARCH_1)).contains(later);
      assertThat(roster.statusOn("w1", MARCH_1.minusDays(1))).isEmpty();
      assertThat(roster.statusOn("w1", LocalDate.parse("2021-03-31"))).contains(next);
      assertThat(roster.statusOn("nobody", MARCH_1)).isEmpty();
      assertThat(roster.nextStatusDate("w1", MARCH_1)).contains(LocalDate.parse("2021-03-10"));
      assertThat(roster.nextStatusDate("w1", LocalDate.parse("2021-03-10"))).isEmpty();
      assertThat(roster.held("w1", new DateRange(LocalDate.parse("2021-02-25"), LocalDate.parse("2021-03-12")))).containsExactly(
          new WorkerRoster.Held(later, new DateRange(MARCH_1, LocalDate.parse("2021-03-09"))),
          new WorkerRoster.Held(next, new DateRange(LocalDate.parse("2021-03-10"), LocalDate.parse("2021-03-12"))));
    }
  }

  @Test
  void anFteIsKeptWithSixDecimalPlaces() {
    assertThat(status("w1", PSW, "0.25", true, "2021-03-01", 1).fte()).isEqualTo(new BigDecimal("0.250000"));
    assertThat(WorkerStatusChange.decimal(0.1 + 0.2)).isEqualTo(new BigDecimal("0.300000"));
  }

  static WorkerStatusChange status(String worker, Role role, String fte, boolean active, String date, long seq) {
    return new WorkerStatusChange(worker, role, new BigDecimal(fte), active, LocalDate.parse(date), seq);
  }
}
