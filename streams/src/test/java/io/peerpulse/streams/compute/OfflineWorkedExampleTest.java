package io.peerpulse.streams.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.Indicator;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The worked example of spec/indicators.md end to end: {@link OfflineCompute} over
 * {@code shared/examples/worked_example.jsonl} gives {@code worked_example.exact.csv} for the
 * engagement and transitions-and-outcomes indicators (every column but revision, which depends on
 * batching; numbers within 1e-4). Workload and fidelity rows come with a later issue.
 */
class OfflineWorkedExampleTest {

  private static final Set<String> PERSON_LEVEL =
      Arrays.stream(Indicator.values()).map(Indicator::name).collect(Collectors.toSet());

  @Test
  void offlineComputeGivesTheExactTableOfTheWorkedExample() throws IOException {
    OfflineCompute.Result result = OfflineCompute.compute(SharedExamples.file("worked_example.jsonl"), EngineConfig.DEFAULTS);

    assertThat(result.linesRead()).isEqualTo(7);
    assertThat(result.eventsPiped()).isEqualTo(7);
    assertThat(result.rejectedByReason()).isEmpty();
    Map<String, IndicatorRow> expected = byKey(expectedRows());
    Map<String, IndicatorRow> actual = byKey(result.rows());
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    List<String> differences = new ArrayList<>();
    expected.forEach((key, want) -> {
      IndicatorRow got = actual.get(key);
      if (!sameExceptRevision(want, got)) {
        differences.add("expected " + IndicatorCsv.line(want) + "\n     got " + IndicatorCsv.line(got));
      }
    });
    assertThat(differences).as("rows that differ").isEmpty();
    assertThat(result.rows()).isSortedAccordingTo(IndicatorRow.CSV_ORDER);
  }

  private static List<IndicatorRow> expectedRows() throws IOException {
    try (Reader in = Files.newBufferedReader(SharedExamples.file("worked_example.exact.csv"))) {
      return IndicatorCsv.read(in).stream().filter(r -> PERSON_LEVEL.contains(r.indicator())).toList();
    }
  }

  private static Map<String, IndicatorRow> byKey(List<IndicatorRow> rows) {
    Map<String, IndicatorRow> map = new LinkedHashMap<>();
    rows.forEach(r -> map.put(r.key(), r));
    return map;
  }

  static boolean sameExceptRevision(IndicatorRow a, IndicatorRow b) {
    return close(a.numerator(), b.numerator()) && close(a.denominator(), b.denominator()) && close(a.value(), b.value())
        && a.status().equals(b.status()) && a.suppressed() == b.suppressed();
  }

  private static boolean close(Double a, Double b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Math.abs(a - b) <= 1e-4;
  }

  @Test
  void toleranceHelperIsStrictAboutNulls() {
    assertThat(close(null, 0.0)).isFalse();
    assertThat(close(1.00004, 1.0)).isTrue();
    assertThat(1.00004).isCloseTo(1.0, within(1e-4));
  }
}
