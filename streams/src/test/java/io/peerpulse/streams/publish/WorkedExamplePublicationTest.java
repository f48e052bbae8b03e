package io.peerpulse.streams.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.compute.IndicatorRow;
import io.peerpulse.streams.compute.SharedExamples;
import io.peerpulse.streams.publish.IndicatorFields.Kind;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Publishing the exact table of the worked example (shared/examples/worked_example.exact.csv, from
 * an independent implementation) gives its published table (worked_example.published.csv): the same
 * keys, every column but {@code revision} equal, numbers within 1e-4. Once through the domain class,
 * once through the stage under TopologyTestDriver.
 *
 * <p>The exact CSV has no worker count. The example's events have one worker, {@code w12}, a PSW
 * with attended contacts and no {@code WORKER_STATUS} (so no FTE): one distinct worker contributed to
 * every workload row, fewer than 3, and every workload row is published nulled, as the published
 * file shows. The exact rows below carry {@code workers = 1} accordingly.
 */
class WorkedExamplePublicationTest {

  private static final double TOLERANCE = 1e-4;
  private static final int WORKERS_IN_THE_EXAMPLE = 1;

  @Test
  void theDomainPublishesTheExactTableAsThePublishedFile() throws IOException {
    List<IndicatorRow> exact = read("worked_example.exact.csv");
    Map<String, IndicatorRow> expected = byKey(read("worked_example.published.csv"));
    CellGroupPublisher publisher = new CellGroupPublisher(SuppressionRule.NHS);

    Map<String, List<IndicatorRow>> groups = new LinkedHashMap<>();
    for (IndicatorRow row : exact) {
      groups.computeIfAbsent(groupOf(row), g -> new ArrayList<>()).add(row);
    }
    Map<String, IndicatorRow> actual = new TreeMap<>();
    for (List<IndicatorRow> group : groups.values()) {
      List<ExactRow> rows = group.stream().map(WorkedExamplePublicationTest::exactRow).toList();
      List<PublishedRow> published = publisher.publish(group.get(0).indicator(), rows);
      for (int i = 0; i < group.size(); i++) {
        actual.put(group.get(i).key(), withNumbers(group.get(i), published.get(i)));
      }
    }

    assertThat(expected).hasSize(1755);
    assertSameTable(actual, expected);
  }

  @Test
  void theStagePublishesTheExactTableAsThePublishedFile() throws IOException {
    Map<String, IndicatorRow> expected = byKey(read("worked_example.published.csv"));
    Map<String, IndicatorRow> actual = new TreeMap<>();
    try (PublishDriver driver = new PublishDriver(SuppressionRule.NHS)) {
      for (IndicatorRow row : read("worked_example.exact.csv")) {
        driver.pipe(key(row), value(row));
      }
      driver.table().forEach((key, value) -> {
        IndicatorRow row = IndicatorRow.of(key, value);
        actual.put(row.key(), row);
      });
      assertThat(driver.table().values()).allSatisfy(value -> assertThat(value.getWorkers()).isNull());
    }

    assertSameTable(actual, expected);
  }

  @Test
  void publishedRowsCarryNoPersonOrWorkerIds() throws IOException {
    Set<String> ids = personAndWorkerIds();
    assertThat(ids).containsExactlyInAnyOrder("pA", "pB", "w12");

    assertThat(fieldNames(IndicatorKey.getClassSchema())).containsExactly(
        "indicator", "site_id", "programme", "arm", "period_type", "period_start", "period_end");
    assertThat(fieldNames(IndicatorValue.getClassSchema())).containsExactly("numerator", "denominator", "value",
        "status", "suppressed", "revision", "definition_version", "computed_at", "watermark", "workers");
    try (PublishDriver driver = new PublishDriver(SuppressionRule.NHS)) {
      for (IndicatorRow row : read("worked_example.exact.csv")) {
        driver.pipe(key(row), value(row));
      }
      Map<IndicatorKey, IndicatorValue> table = driver.table();
      assertThat(table).hasSize(1755);
      table.forEach((key, value) -> {
        for (String text : List.of(key.getIndicator(), key.getSiteId(), key.getProgramme(), key.getArm(),
            key.getPeriodType(), value.getStatus().name())) {
          assertThat(ids).allSatisfy(id -> assertThat(text).doesNotContain(id));
        }
        assertThat(value.getWorkers()).isNull();
      });
    }
  }

  private static void assertSameTable(Map<String, IndicatorRow> actual, Map<String, IndicatorRow> expected) {
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    List<String> differences = new ArrayList<>();
    expected.forEach((key, want) -> {
      IndicatorRow got = actual.get(key);
      if (!close(got.numerator(), want.numerator()) || !close(got.denominator(), want.denominator())
          || !close(got.value(), want.value()) || got.suppressed() != want.suppressed()
          || !got.status().equals(want.status())) {
        differences.add(key + ": expected " + IndicatorCsv.line(want) + ", got " + IndicatorCsv.line(got));
      }
    });
    assertThat(differences).as("rows differing from worked_example.published.csv").isEmpty();
  }

  private static boolean close(Double a, Double b) {
    return a == null || b == null ? Objects.equals(a, b) : Math.abs(a - b) <= TOLERANCE;
  }

  private static String groupOf(IndicatorRow row) {
    boolean workload = IndicatorFields.of(row.indicator()).kind() == Kind.WORKLOAD;
    return String.join(",", row.indicator(), workload ? row.siteId() : "*", row.programme(), row.arm(),
        row.periodType(), row.periodStart().toString(), row.periodEnd().toString());
  }

  private static ExactRow exactRow(IndicatorRow row) {
    return new ExactRow(row.siteId(), row.numerator(), row.denominator(), row.value(), workers(row));
  }

  private static Integer workers(IndicatorRow row) {
    return IndicatorFields.of(row.indicator()).kind() == Kind.WORKLOAD ? WORKERS_IN_THE_EXAMPLE : null;
  }

  private static IndicatorRow withNumbers(IndicatorRow row, PublishedRow published) {
    return new IndicatorRow(row.indicator(), row.siteId(), row.programme(), row.arm(), row.periodType(),
        row.periodStart(), row.periodEnd(), published.numerator(), published.denominator(), published.value(),
        row.status(), published.suppressed(), row.revision());
  }

  private static IndicatorKey key(IndicatorRow row) {
    return IndicatorKey.newBuilder().setIndicator(row.indicator()).setSiteId(row.siteId())
        .setProgramme(row.programme()).setArm(row.arm()).setPeriodType(row.periodType())
        .setPeriodStart(row.periodStart()).setPeriodEnd(row.periodEnd()).build();
  }

  private static IndicatorValue value(IndicatorRow row) {
    return IndicatorValue.newBuilder().setNumerator(row.numerator()).setDenominator(row.denominator())
        .setValue(row.value()).setStatus(IndicatorStatus.valueOf(row.status())).setSuppressed(row.suppressed())
        .setRevision(row.revision()).setDefinitionVersion(1).setComputedAt(Instant.EPOCH)
        .setWorkers(workers(row)).build();
  }

  private static List<IndicatorRow> read(String name) throws IOException {
    try (Reader in = Files.newBufferedReader(SharedExamples.file(name))) {
      return IndicatorCsv.read(in);
    }
  }

  private static Map<String, IndicatorRow> byKey(List<IndicatorRow> rows) {
    Map<String, IndicatorRow> out = new TreeMap<>();
    rows.forEach(row -> out.put(row.key(), row));
    return out;
  }

  private static List<String> fieldNames(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }

  /** Every person_id, person_ids element and worker_id of the example's events. */
  private static Set<String> personAndWorkerIds() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> ids = new TreeSet<>();
    for (String line : Files.readAllLines(SharedExamples.file("worked_example.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode event = json.readTree(line);
      for (String field : List.of("person_id", "worker_id")) {
        if (event.hasNonNull(field)) {
          ids.add(event.get(field).asText());
        }
      }
      event.path("person_ids").forEach(id -> ids.add(id.asText()));
    }
    return ids;
  }
}
