package io.peerpulse.streams.cells;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The worked example of spec/indicators.md end to end through the domain classes, against the
 * exact table of an independent implementation (shared/examples/worked_example.exact.csv): every
 * Engagement, Transitions-and-outcomes and person-level fidelity row, all columns but revision,
 * numbers within 1e-4.
 * {@code -Dpeerpulse.shared.dir=...} points at shared/ when it is not beside the repository.
 */
class WorkedExampleTest {

  private static final double TOLERANCE = 1e-4;
  private static final Set<Indicator> PERSON_LEVEL = EnumSet.copyOf(CellCalculator.rules().keySet());

  @Test
  void matchesTheExactTableOfTheIndependentImplementation() throws IOException {
    Path examples = sharedDir().resolve("examples");
    DomainHarness harness = DomainHarness.run(examples.resolve("worked_example.jsonl"), EngineConfig.DEFAULTS);

    Map<String, String[]> expected = expectedRows(examples.resolve("worked_example.exact.csv"));
    // 1636 Engagement and Transitions rows plus the 2 PHASE1_CONTACT_RATE rows (site and *): a guard
    // that the comparison below compares something
    assertThat(expected).hasSize(1638);
    Map<String, SiteRow> actual = new TreeMap<>();
    for (SiteRow row : harness.allRows()) {
      actual.put(key(row), row);
    }

    assertThat(actual.keySet()).as("row keys").containsExactlyInAnyOrderElementsOf(expected.keySet());
    List<String> differences = new ArrayList<>();
    expected.forEach((key, columns) -> compare(key, columns, actual.get(key), differences));
    assertThat(differences).as("differing cells").isEmpty();
  }

  @Test
  void theSiteHorizonIsTheLatestEventDate() throws IOException {
    DomainHarness harness = DomainHarness.run(sharedDir().resolve("examples/worked_example.jsonl"), EngineConfig.DEFAULTS);

    // the late June upload is dated 2021-04-10; watermark = 2021-04-10 - 35 = 2021-03-06
    assertThat(harness.site("ulm").horizon()).isEqualTo(java.time.LocalDate.parse("2021-04-10"));
    assertThat(harness.site("ulm").watermark(35)).isEqualTo(java.time.LocalDate.parse("2021-03-06"));
  }

  static Path sharedDir() {
    String configured = System.getProperty("peerpulse.shared.dir");
    if (configured != null) {
      Path dir = Paths.get(configured);
      assertThat(dir.resolve("examples")).as("-Dpeerpulse.shared.dir=%s must contain examples/", configured).isDirectory();
      return dir;
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("shared/examples"))) {
        return dir.resolve("shared");
      }
    }
    throw new AssertionError("shared/ not found beside the repository (looked upwards from "
        + Paths.get("").toAbsolutePath() + "); set -Dpeerpulse.shared.dir=/path/to/shared");
  }

  /** indicator,site_id,programme,arm,period_type,period_start,period_end -> all columns. */
  private static Map<String, String[]> expectedRows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("indicator,site_id,programme,arm,period_type,period_start,period_end,"
        + "numerator,denominator,value,status,suppressed,revision");
    Map<String, String[]> rows = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split(",", -1);
      if (isPersonLevel(columns[0])) {
        rows.put(String.join(",", List.of(columns).subList(0, 7)), columns);
      }
    }
    return rows;
  }

  private static boolean isPersonLevel(String indicator) {
    return PERSON_LEVEL.stream().anyMatch(i -> i.name().equals(indicator));
  }

  private static String key(SiteRow row) {
    CellKey cell = row.cell();
    return String.join(",", row.indicator().name(), cell.base().siteId(), cell.base().programme(), cell.base().arm(),
        cell.period().type().name(), cell.period().start().toString(), cell.period().end().toString());
  }

  private static void compare(String key, String[] expected, SiteRow actual, List<String> differences) {
    check(key, "numerator", expected[7], actual.numerator(), differences);
    check(key, "denominator", expected[8], actual.denominator(), differences);
    check(key, "value", expected[9], actual.value(), differences);
    String status = actual.finalStatus() ? "FINAL" : "PROVISIONAL";
    if (!expected[10].equals(status)) {
      differences.add(key + " status: expected " + expected[10] + ", got " + status);
    }
    if (!expected[11].equals("false")) {
      differences.add(key + " suppressed: the exact table should not suppress, got " + expected[11]);
    }
  }

  private static void check(String key, String column, String expected, Double actual, List<String> differences) {
    boolean same = expected.isEmpty() ? actual == null : actual != null && Math.abs(Double.parseDouble(expected) - actual) <= TOLERANCE;
    if (!same) {
      differences.add(key + " " + column + ": expected " + (expected.isEmpty() ? "empty" : expected) + ", got " + actual);
    }
  }
}
