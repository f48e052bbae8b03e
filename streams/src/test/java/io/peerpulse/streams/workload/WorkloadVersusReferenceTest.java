package io.peerpulse.streams.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.compute.SharedExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The workload domain against the independent SQL reference (reference/): every workload row of
 * the worked example and of random histories, keys, numerator, denominator, value, status and
 * worker count. A failing history is kept in the temp directory named in the message for replay.
 */
class WorkloadVersusReferenceTest {

  /** Relative: both sides sum exact decimals and divide doubles the same way. */
  private static final double TOLERANCE = 1e-9;
  private static final Set<String> WORKLOAD = Stream.of(WorkloadIndicator.values()).map(Enum::name).collect(Collectors.toSet());

  @Test
  void everyWorkloadRowOfTheWorkedExampleAgreesWithTheReference() throws IOException {
    Path example = SharedExamples.file("worked_example.jsonl");

    List<String> differences = differences(example, EngineConfig.DEFAULTS, ReferenceConfig.defaults());

    assertThat(differences).isEmpty();
    // the example has no WORKER_STATUS: a count over zero FTE, and one worker (w12), on every row
    assertThat(WorkloadHarness.run(example, EngineConfig.DEFAULTS)).hasSize(expected(example, ReferenceConfig.defaults()).size())
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.workers()).isEqualTo(1));
  }

  @Property(tries = 120)
  void everyWorkloadRowOfARandomHistoryAgreesWithTheReference(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed,
      @ForAll @IntRange(min = 0, max = 2) int setting) throws IOException {
    int lateness = new int[] {35, 0, 10}[setting];
    double threshold = new double[] {20, 10, 7.5}[setting];
    Path file = Files.createTempFile("peerpulse-workload-" + seed + "-" + setting + "-", ".jsonl");
    Files.write(file, WorkloadHistories.generate(seed));

    List<String> differences = differences(file, new EngineConfig(lateness, 3, threshold, 1),
        ReferenceConfig.defaults().withLatenessDays(lateness).withThresholdHours(threshold));

    assertThat(differences).as("history %s (lateness %s, threshold %s)", file, lateness, threshold).isEmpty();
    Files.delete(file);
  }

  private static List<String> differences(Path events, EngineConfig config, ReferenceConfig referenceConfig) throws IOException {
    Map<String, ReferenceRow> expected = expected(events, referenceConfig);
    Map<String, WorkloadRow> actual = new TreeMap<>();
    for (WorkloadRow row : WorkloadHarness.run(events, config)) {
      assertThat(actual.put(key(row), row)).as("one row per key: %s", key(row)).isNull();
    }
    List<String> differences = new ArrayList<>();
    expected.keySet().stream().filter(k -> !actual.containsKey(k)).forEach(k -> differences.add("missing " + k + " " + describe(expected.get(k))));
    actual.forEach((key, got) -> {
      ReferenceRow want = expected.get(key);
      if (want == null) {
        differences.add("extra " + key + " " + describe(got));
      } else if (!same(want.numerator(), got.numerator()) || !same(want.denominator(), got.denominator())
          || !same(want.value(), got.value()) || !want.status().equals(got.finalStatus() ? "FINAL" : "PROVISIONAL")
          || want.workers() == null || want.workers() != got.workers()) {
        differences.add("differs " + key + " reference " + describe(want) + " domain " + describe(got));
      }
    });
    return differences;
  }

  private static Map<String, ReferenceRow> expected(Path events, ReferenceConfig config) {
    Map<String, ReferenceRow> expected = new TreeMap<>();
    for (ReferenceRow row : ReferenceIndicators.compute(events, config)) {
      if (WORKLOAD.contains(row.indicator())) {
        expected.put(row.key(), row);
      }
    }
    return expected;
  }

  private static boolean same(Double a, Double b) {
    return a == null ? b == null : b != null && Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a));
  }

  private static String describe(ReferenceRow row) {
    return row.numerator() + "/" + row.denominator() + "=" + row.value() + " " + row.status() + " workers " + row.workers();
  }

  private static String describe(WorkloadRow row) {
    return row.numerator() + "/" + row.denominator() + "=" + row.value() + " " + (row.finalStatus() ? "FINAL" : "PROVISIONAL")
        + " workers " + row.workers();
  }

  static String key(WorkloadRow row) {
    CellKey cell = row.cell();
    return String.join(",", row.indicator().name(), cell.base().siteId(), cell.base().programme(), cell.base().arm(),
        cell.period().type().name(), cell.period().start().toString(), cell.period().end().toString());
  }
}
