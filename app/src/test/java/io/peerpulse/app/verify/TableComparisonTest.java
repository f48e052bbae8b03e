package io.peerpulse.app.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableComparisonTest {

  private static ComparableRow row(String key, Double numerator, Double denominator, Double value, String status) {
    return new ComparableRow(key, numerator, denominator, value, status, false);
  }

  @Test
  void equalTablesWithinToleranceAgree() {
    List<ComparableRow> expected = List.of(row("a", 1.0, 2.0, 50.0, "FINAL"), row("b", 3.0, null, 3.0, "PROVISIONAL"));
    List<ComparableRow> actual = List.of(row("b", 3.0, null, 3.00005, "PROVISIONAL"), row("a", 1.0, 2.0, 50.0, "FINAL"));
    assertThat(TableComparison.differences(expected, actual)).isEmpty();
  }

  @Test
  void reportsEachDifferingFieldMissingAndUnexpectedRows() {
    List<ComparableRow> expected = List.of(row("a", 1.0, 2.0, 50.0, "FINAL"), row("b", 3.0, null, 3.0, "FINAL"));
    List<ComparableRow> actual = List.of(row("a", 1.0, 3.0, 33.3333, "PROVISIONAL"), row("c", 1.0, null, 1.0, "FINAL"));
    List<CellDifference> differences = TableComparison.differences(expected, actual);
    assertThat(differences).extracting(CellDifference::key, CellDifference::what).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a", "denominator, value, status differ"),
        org.assertj.core.groups.Tuple.tuple("b", "missing row"),
        org.assertj.core.groups.Tuple.tuple("c", "unexpected row"));
  }

  @Test
  void emptyEqualsOnlyEmpty() {
    assertThat(TableComparison.close(null, null)).isTrue();
    assertThat(TableComparison.close(null, 0.0)).isFalse();
    assertThat(TableComparison.close(0.0, 0.0001)).isTrue();
    assertThat(TableComparison.close(0.0, 0.00011)).isFalse();
  }
}
