package io.peerpulse.streams.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.Totals;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published ids of the workload rules ({@link Indicator}, family WORKLOAD) agree with the rules'
 * own periods and scale, have no {@code *} rows, and workload bases never look like person-level ones.
 */
class WorkloadIndicatorIdsTest {

  @Test
  void everyWorkloadRuleHasAnIdWithItsPeriodsAndScaleAndNoTotals() {
    List<Indicator> workload = Arrays.stream(Indicator.values()).filter(i -> i.family() == Indicator.Family.WORKLOAD).toList();
    assertThat(workload).containsExactlyElementsOf(Arrays.stream(WorkloadIndicator.values()).map(WorkloadIndicator::id).toList());
    for (WorkloadIndicator rule : WorkloadIndicator.values()) {
      Indicator id = rule.id();
      assertThat(id.periodTypes()).as("%s periods", id).isEqualTo(rule.periodTypes());
      assertThat(id.hasTotals()).as("%s has * rows", id).isFalse();
      for (double[] fraction : new double[][] {{1, 3}, {7, 8.5 / 7}, {2, 0.36}, {0, 1}, {5, 0}}) {
        assertThat(id.scale().value(fraction[0], fraction[1])).as("%s value of %s/%s", id, fraction[0], fraction[1])
            .isEqualTo(rule.value(fraction[0], fraction[1]));
      }
    }
    assertThat(Arrays.stream(Indicator.values()).filter(Indicator::hasTotals))
        .allMatch(i -> i.family() == Indicator.Family.PERSON_LEVEL);
  }

  @Test
  void workloadBasesAreTellableFromPersonLevelBases() {
    assertThat(WorkloadCells.isWorkloadBase(WorkloadCells.base("ulm"))).isTrue();
    assertThat(WorkloadCells.isWorkloadBase(new CellBase("ulm", "UPSIDES", "INTERVENTION"))).isFalse();
    assertThat(WorkloadCells.isWorkloadBase(new CellBase(CellBase.ALL, CellBase.ALL, CellBase.ALL))).isFalse();
  }

  @Test
  void totalsRefuseWorkloadRows() {
    assertThat(Totals.poolAll(List.of())).isEmpty();
    WorkloadRow row = new WorkloadRow(WorkloadIndicator.PSW_CASELOAD,
        new CellKey(WorkloadCells.base("ulm"), Period.week(LocalDate.parse("2021-03-01"))), 2, 1.0, 2.0,
        LocalDate.parse("2021-03-07"), null, false, 1);
    assertThat(row.siteRow().workers()).isEqualTo(1);
    assertThat(Totals.poolAll(List.of(row.siteRow()))).isEmpty();
    assertThatThrownBy(() -> Totals.pool(List.of(row.siteRow())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PSW_CASELOAD");
  }
}
