package io.peerpulse.streams.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The random histories reach what the workload rules turn on, so that agreeing with the reference
 * on them means something: every indicator with and without a value, PSWs over and not over the
 * threshold, rows above and below the 3-worker rule, FINAL and PROVISIONAL rows.
 */
class WorkloadHistoriesCoverageTest {

  @Test
  void aHundredHistoriesReachEveryCaseTheRulesDistinguish() throws IOException {
    List<WorkloadRow> rows = new ArrayList<>();
    for (long seed = 1; seed <= 100; seed++) {
      Path file = Files.createTempFile("peerpulse-workload-coverage-", ".jsonl");
      Files.write(file, WorkloadHistories.generate(seed));
      rows.addAll(WorkloadHarness.run(file, EngineConfig.DEFAULTS));
      Files.delete(file);
    }
    Map<String, Long> cases = new TreeMap<>();
    for (WorkloadRow row : rows) {
      String i = row.indicator().name();
      count(cases, i + " value " + (row.value() == null ? "null" : row.value() == 0 ? "0" : "> 0"));
      count(cases, i + " workers " + (row.workers() >= 3 ? ">= 3" : "< 3"));
      count(cases, i + " " + (row.finalStatus() ? "FINAL" : "PROVISIONAL"));
      if (row.indicator() == WorkloadIndicator.PSW_OVER_THRESHOLD && row.numerator() > 0 && row.numerator() < row.denominator()) {
        count(cases, "some but not all PSWs over");
      }
    }
    for (WorkloadIndicator indicator : WorkloadIndicator.values()) {
      for (String value : List.of("0", "> 0")) {
        assertThat(cases).containsKey(indicator + " value " + value);
      }
      assertThat(cases).containsKeys(indicator + " workers >= 3", indicator + " workers < 3", indicator + " FINAL", indicator + " PROVISIONAL");
    }
    assertThat(cases).containsKeys("PSW_CASELOAD value null", "PSW_DIRECT_HOURS value null", "MHW_CONTACTS_PER_FTE value null",
        "some but not all PSWs over");
  }

  private static void count(Map<String, Long> cases, String key) {
    cases.merge(key, 1L, Long::sum);
  }
}
