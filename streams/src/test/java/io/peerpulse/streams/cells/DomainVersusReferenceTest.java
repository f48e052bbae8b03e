package io.peerpulse.streams.cells;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.streams.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The domain classes against the independent SQL reference (reference/) on random histories:
 * every Engagement and Transitions-and-outcomes row, keys, numbers (1e-4) and status. A failing
 * history is kept in the temp directory named in the message for replay.
 */
class DomainVersusReferenceTest {

  private static final double TOLERANCE = 1e-4;
  private static final Set<String> PERSON_LEVEL =
      CellCalculator.rules().keySet().stream().map(Enum::name).collect(Collectors.toSet());

  @Property(tries = 60)
  void everyPersonLevelRowAgreesWithTheReference(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) throws IOException {
    Path file = Files.createTempFile("peerpulse-history-" + seed + "-", ".jsonl");
    Files.write(file, RandomHistories.generate(seed));

    Map<String, ReferenceRow> expected = new TreeMap<>();
    for (ReferenceRow row : ReferenceIndicators.compute(file, ReferenceConfig.defaults())) {
      if (PERSON_LEVEL.contains(row.indicator())) {
        expected.put(row.key(), row);
      }
    }
    Map<String, SiteRow> actual = new TreeMap<>();
    for (SiteRow row : DomainHarness.run(file, EngineConfig.DEFAULTS).allRows()) {
      actual.put(key(row), row);
    }

    List<String> differences = differences(expected, actual);
    assertThat(differences).as("history %s", file).isEmpty();
    Files.delete(file);
  }

  static List<String> differences(Map<String, ReferenceRow> expected, Map<String, SiteRow> actual) {
    List<String> differences = new ArrayList<>();
    for (String key : expected.keySet()) {
      if (!actual.containsKey(key)) {
        differences.add("missing " + key + " " + describe(expected.get(key)));
      }
    }
    for (String key : actual.keySet()) {
      ReferenceRow want = expected.get(key);
      SiteRow got = actual.get(key);
      if (want == null) {
        differences.add("extra " + key + " " + describe(got));
      } else if (!same(want.numerator(), got.numerator()) || !same(want.denominator(), got.denominator())
          || !same(want.value(), got.value()) || !want.status().equals(got.finalStatus() ? "FINAL" : "PROVISIONAL")) {
        differences.add("differs " + key + " reference " + describe(want) + " domain " + describe(got));
      }
    }
    return differences;
  }

  private static boolean same(Double a, Double b) {
    return a == null ? b == null : b != null && Math.abs(a - b) <= TOLERANCE;
  }

  private static String describe(ReferenceRow row) {
    return row.numerator() + "/" + row.denominator() + "=" + row.value() + " " + row.status();
  }

  private static String describe(SiteRow row) {
    return row.numerator() + "/" + row.denominator() + "=" + row.value() + " " + (row.finalStatus() ? "FINAL" : "PROVISIONAL")
        + " deadline " + row.deadline();
  }

  static String key(SiteRow row) {
    CellKey cell = row.cell();
    return String.join(",", row.indicator().name(), cell.base().siteId(), cell.base().programme(), cell.base().arm(),
        cell.period().type().name(), cell.period().start().toString(), cell.period().end().toString());
  }
}
