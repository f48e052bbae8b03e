package io.peerpulse.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.peerpulse.app.PeerPulse;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.Rejection;
import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The embedded runtime on a temporary data directory (one runtime for the class; the restart test
 * replaces it): events fed through {@link EventFeed} and the ingest API give on the internal
 * indicator topic exactly what the SQL reference gives for the same events; a restart on the same directory keeps the
 * cluster, the schema ids and the streams state; taken ports are reported before anything starts;
 * {@code peerpulse topics} creates and checks against the embedded broker.
 */
class EmbeddedRuntimeIT {

  private static final Path EXAMPLES = Path.of(System.getProperty("peerpulse.shared.dir", "../../shared"), "examples");
  private static final double TOLERANCE = 1e-4;
  private static final Duration CONVERGENCE = Duration.ofSeconds(120);
  private static final String MALFORMED = "{\"event_id\": \"ulm-bad-1\", \"type\": \"CONTACT\", ";

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
  }

  @TempDir static Path dir;
  private static EmbeddedRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = EmbeddedRuntime.start(settings());
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  /** Any free ports, so the test runs beside a demo on the default ports. */
  private static EmbeddedRuntime.Settings settings() {
    return EmbeddedRuntime.Settings.defaults(dir.resolve("data")).withPorts(0, 0, 0)
        .withStreamsConfig(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100", StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS, "200"));
  }

  @Test
  void indicatorsEqualTheReferenceAndStateAndSchemasSurviveARestart() throws Exception {
    List<String> lines = Files.readAllLines(EXAMPLES.resolve("worked_example.jsonl")).stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(7);
    List<String> before = lines.subList(0, 4);

    feed(before, true);
    awaitReference(before);
    assertThat(deadLetters()).as("the malformed line, dead-lettered once with its reason")
        .containsExactly(MALFORMED + " -> " + ((Rejection) EventJson.parse(MALFORMED)).reason());

    String clusterId = runtime.clusterId();
    Map<String, Integer> schemaIds = schemaIds();
    assertThat(schemaIds).as("subjects registered by the feed and the streams").containsKey(Topics.EVENTS + "-value")
        .containsKey(Topics.INDICATORS_INTERNAL + "-value");

    runtime.close();
    runtime = EmbeddedRuntime.start(settings());

    assertThat(runtime.clusterId()).as("the same cluster after a restart").isEqualTo(clusterId);
    assertThat(schemaIds()).as("the same subjects with the same schema ids").isEqualTo(schemaIds);
    // The rest of the history, through the ingest API this time, only adds up to the reference if
    // the state of the first part survived.
    // One bad event rides along: it is answered with its reason and dead-lettered, the rest count.
    String badArm = lines.get(0).replaceFirst("\"event_id\":\\s*\"", "\"event_id\":\"bad-")
        .replaceFirst("\"arm\":\\s*\"[A-Z]+\"", "\"arm\":\"BOTH\"");
    List<String> rest = new java.util.ArrayList<>(lines.subList(4, lines.size()));
    rest.add(badArm);
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(runtime.httpUrl().resolve("/v1/events"))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", rest))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(422);
    assertThat(posted.body()).contains("\"accepted\":" + (rest.size() - 1)).contains("\"reason\":\"BAD_VALUE\"");
    awaitReference(lines);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deadLetters()).hasSize(2));
    // The query API is mounted on the runtime's server and answers from the published store.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      HttpResponse<String> published = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(runtime.httpUrl().resolve("/v1/indicators?format=csv")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
      assertThat(published.body()).startsWith(IndicatorCsv.HEADER + "\n").contains("\nREACH_30,");
    });
  }

  @Test
  void aTakenPortIsReportedBeforeAnythingStarts() throws Exception {
    Path other = dir.resolve("other");
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedRuntime.start(EmbeddedRuntime.Settings.defaults(other).withPorts(0, port, 0)))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("port " + port + " (schema registry) is already in use; choose another with --registry-port <port>");

      StringWriter err = new StringWriter();
      CommandLine demo = PeerPulse.commandLine().setErr(new PrintWriter(err));
      int exit = demo.execute("demo", "--data-dir", other.toString(), "--kafka-port", "0", "--registry-port", "0",
          "--http-port", Integer.toString(port));
      assertThat(exit).isEqualTo(1);
      assertThat(err.toString()).isEqualTo("demo: port " + port + " (HTTP API) is already in use; choose another with"
          + " --http-port <port>" + System.lineSeparator());
    }
    assertThat(other).as("nothing was created").doesNotExist();
  }

  @Test
  void topicsCommandChecksAndCreatesIdempotentlyOnTheEmbeddedBroker() {
    String servers = runtime.bootstrapServers();
    Run check = topics("--bootstrap-servers", servers, "--partitions", "1", "--check");
    assertThat(check.exit).as(check.out + check.err).isZero();
    for (TopicAdmin.TopicSpec spec : TopicAdmin.specs()) {
      assertThat(check.out).containsPattern("(?m)^" + Pattern.quote(spec.name()) + " +1 +1 +" + spec.cleanupPolicy() + " .* ok$");
    }

    Run create = topics("--bootstrap-servers", servers, "--partitions", "1");
    assertThat(create.exit).as(create.out + create.err).isZero();
    assertThat(create.out).doesNotContain("created").doesNotContain("MISMATCH");

    Run mismatch = topics("--bootstrap-servers", servers, "--partitions", "2", "--replication-factor", "1", "--check");
    assertThat(mismatch.exit).isEqualTo(1);
    assertThat(mismatch.out).contains(Topics.EVENTS).contains("1 (expected 2)").contains("MISMATCH");
    assertThat(mismatch.err).contains("are not as the application needs them");
  }

  private record Run(int exit, String out, String err) {}

  private static Run topics(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "topics";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = PeerPulse.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  private static void feed(List<String> lines, boolean withMalformed) {
    // withMalformed: also one line that is not JSON, which must reach the dead-letter topic.
    try (EventFeed feed = new EventFeed(runtime.bootstrapServers(), runtime.registryUrl().toString())) {
      lines.forEach(line -> assertThat(feed.send(line)).as("accepted: %s", line).isTrue());
      if (withMalformed) {
        assertThat(feed.send(MALFORMED)).isFalse();
      }
      feed.flush();
      assertThat(feed.failed()).isZero();
    }
  }

  private static void awaitReference(List<String> lines) throws Exception {
    Path file = Files.write(Files.createTempFile(dir, "events", ".jsonl"), lines);
    Map<String, ReferenceRow> expected = reference(file);
    assertThat(expected).as("reference rows").isNotEmpty();
    await("the internal indicator topic equals the reference").atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(differences(expected, internalTable())).isEmpty());
  }

  /** The reference's rows of every indicator the engine defines, by key. */
  private static Map<String, ReferenceRow> reference(Path jsonl) {
    Set<String> engine = Arrays.stream(Indicator.values()).map(Enum::name).collect(Collectors.toSet());
    Map<String, ReferenceRow> rows = new TreeMap<>();
    for (ReferenceRow row : ReferenceIndicators.compute(jsonl, ReferenceConfig.defaults())) {
      if (engine.contains(row.indicator())) {
        rows.put(row.key(), row);
      }
    }
    return rows;
  }

  /** The internal indicator topic as a table: committed records, latest value per key, tombstones delete. */
  private static Map<String, IndicatorValue> internalTable() {
    Topic<IndicatorKey, IndicatorValue> topic =
        Topics.of(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, runtime.registryUrl().toString())).indicatorsInternal();
    Map<String, IndicatorValue> rows = new TreeMap<>();
    for (ConsumerRecord<IndicatorKey, IndicatorValue> record : readAll(topic.name(), topic.keySerde().deserializer(),
        topic.valueSerde().deserializer())) {
      IndicatorKey key = record.key();
      String id = String.join(",", key.getIndicator(), key.getSiteId(), key.getProgramme(), key.getArm(),
          key.getPeriodType(), key.getPeriodStart().toString(), key.getPeriodEnd().toString());
      if (record.value() == null) {
        rows.remove(id);
      } else {
        rows.put(id, record.value());
      }
    }
    return rows;
  }

  /** Each dead letter as "value -> reason". */
  private static List<String> deadLetters() {
    List<String> letters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.EVENTS_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      letters.add(new String(record.value(), StandardCharsets.UTF_8) + " -> " + DeadLetters.text(record.headers(), DeadLetters.REASON));
    }
    return letters;
  }

  private static <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> keys, Deserializer<V> values) {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** Every subject's latest schema id, from the registry's REST API. */
  private static Map<String, Integer> schemaIds() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI base = runtime.registryUrl();
    String subjects = get(http, base.resolve("/subjects"));
    Map<String, Integer> ids = new TreeMap<>();
    Matcher subject = Pattern.compile("\"([^\"]+)\"").matcher(subjects);
    while (subject.find()) {
      String name = subject.group(1);
      String latest = get(http, base.resolve("/subjects/" + name + "/versions/latest"));
      Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(latest);
      assertThat(id.find()).as("id in %s", latest).isTrue();
      ids.put(name, Integer.parseInt(id.group(1)));
    }
    return ids;
  }

  private static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    return response.body();
  }

  /** The cells where the table and the reference differ (numerator, denominator, value within 1e-4, status). */
  private static List<String> differences(Map<String, ReferenceRow> expected, Map<String, IndicatorValue> actual) {
    List<String> differences = new ArrayList<>();
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      ReferenceRow want = expected.get(key);
      IndicatorValue got = actual.get(key);
      if (want == null || got == null || !close(want.numerator(), got.getNumerator())
          || !close(want.denominator(), got.getDenominator()) || !close(want.value(), got.getValue())
          || !want.status().equals(got.getStatus().name())) {
        differences.add(key + ": reference " + (want == null ? "none" : want.numerator() + "/" + want.denominator() + " "
            + want.status()) + ", streams " + (got == null ? "none" : got.getNumerator() + "/" + got.getDenominator() + " "
            + got.getStatus()));
      }
    }
    return differences.size() > 20 ? differences.subList(0, 20) : differences;
  }

  private static boolean close(Double a, Double b) {
    return a == null ? b == null : b != null && Math.abs(a - b) <= TOLERANCE;
  }
}
