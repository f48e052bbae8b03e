package io.peerpulse.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.peerpulse.app.SingleBroker;
import io.peerpulse.app.generate.EventGenerator;
import io.peerpulse.app.generate.GeneratedLine;
import io.peerpulse.app.generate.GeneratorSettings;
import io.peerpulse.app.generate.SiteProfile;
import io.peerpulse.app.ingest.IngestFormat;
import io.peerpulse.app.ingest.IngestService;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.IndicatorApplication;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.compute.IndicatorRow;
import io.peerpulse.streams.compute.OfflineCompute;
import io.peerpulse.streams.publish.PublishedStore;
import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query API of two streams instances of one application on a real broker, two partitions per
 * topic, each instance with its own HTTP server and {@code application.server}. A small generated
 * history is ingested; its expected published table is computed offline by the same topology
 * ({@link OfflineCompute}, no broker). Each instance must answer with exactly that table (JSON and
 * CSV) and exactly its filtered subsets; while an instance holding partitions is unreachable, or
 * after its streams stop and until the survivor has taken its partitions over, the answer is 503
 * with {@code Retry-After} or the complete table, never part of it.
 *
 * <p>Every column is compared exactly but {@code revision}: how often a FINAL cell changed depends
 * on how the sites' watermarks and their data interleave across partitions and flushes, which
 * differs between the offline run and two live instances (the rows at the final watermark differ
 * by one). Both instances must still serve the same revisions, byte for byte.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryApiIT {

  private static final int PARTITIONS = 2;
  private static final String APPLICATION_ID = "peerpulse-query-it";
  private static final QuerySettings SETTINGS = QuerySettings.DEFAULTS.withRetryFor(Duration.ofSeconds(1));
  private static final Duration CONVERGENCE = Duration.ofSeconds(180);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
  }

  @TempDir static Path dir;
  private static KafkaClusterTestKit cluster;
  private static RegistryServer registry;
  private static List<IndicatorRow> expected;
  /** The table as instance a served it once complete (revisions included); static from then on. */
  private static String served;
  private static Instance a;
  private static Instance b;

  @BeforeAll
  static void startAndIngestAHistory() throws Exception {
    Path jsonl = dir.resolve("history.jsonl");
    Files.write(jsonl, history());
    expected = OfflineCompute.compute(jsonl, EngineConfig.DEFAULTS).publishedRows();
    assertThat(expected).as("expected published rows").hasSizeGreaterThan(500);
    assertThat(expected).as("suppressed rows are published rows too").anyMatch(IndicatorRow::suppressed);

    cluster = SingleBroker.start();
    registry = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0).build());
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      TopicAdmin.ensure(admin, PARTITIONS, (short) 1);
    }
    a = new Instance("a");
    b = new Instance("b");
    a.app.start();
    b.app.start();
    assertThat(a.app.awaitRunning(Duration.ofSeconds(120))).as("instance a running").isTrue();
    assertThat(b.app.awaitRunning(Duration.ofSeconds(120))).as("instance b running").isTrue();
    try (IngestService ingest = IngestService.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        StreamsAppConfig.SCHEMA_REGISTRY_URL, registry.url().toString()), Optional.empty())) {
      IngestService.Counts counts = ingest.ingest(Files.newBufferedReader(jsonl), IngestFormat.JSON_LINES, "query-it", 1000,
          row -> { });
      assertThat(counts.rejected()).isZero();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Instance instance : new Instance[] {a, b}) {
      if (instance != null) {
        instance.close();
      }
    }
    if (registry != null) {
      registry.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void eachInstanceAnswersExactlyTheExpectedTableAndItsFilteredSubsets() throws Exception {
    String table = withoutRevisions(IndicatorCsv.toText(expected));
    await("instance a answers the expected table").atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(differences(table, withoutRevisions(csv(a, "")))).isEmpty());
    served = csv(a, "");
    for (Instance instance : List.of(a, b)) {
      assertThat(csv(instance, "")).as("CSV of instance %s", instance.name).isEqualTo(served);
      HttpResponse<String> json = get(instance, "/v1/indicators", "application/json");
      assertThat(json.statusCode()).isEqualTo(200);
      assertThat(json.body()).endsWith("],\"count\":" + expected.size() + "}");
      assertThat(IndicatorCsv.toText(rowsOf(json.body()))).as("JSON of instance %s", instance.name).isEqualTo(served);
    }
    Set<Integer> held = new java.util.TreeSet<>(ownedStorePartitions(a));
    held.addAll(ownedStorePartitions(b));
    assertThat(held).as("store partitions held by the two instances").containsExactly(0, 1);

    IndicatorRow sample = expected.stream().filter(r -> r.periodType().equals("MONTH") && !r.siteId().equals("*"))
        .findFirst().orElseThrow();
    LocalDate from = sample.periodStart();
    LocalDate to = from.plusMonths(1);
    List<IndicatorRow> subset = expected.stream()
        .filter(r -> r.indicator().equals(sample.indicator()) && r.siteId().equals(sample.siteId())
            && r.periodType().equals("MONTH") && !r.periodStart().isBefore(from) && !r.periodStart().isAfter(to))
        .toList();
    assertThat(subset).hasSizeBetween(1, expected.size() - 1);
    String query = "indicator=" + sample.indicator() + "&site=" + sample.siteId() + "&period_type=MONTH&from=" + from + "&to=" + to;
    for (Instance instance : List.of(a, b)) {
      assertThat(withoutRevisions(csv(instance, query))).as("filtered CSV of instance %s", instance.name)
          .isEqualTo(withoutRevisions(IndicatorCsv.toText(subset)));
    }
    List<IndicatorRow> totals = expected.stream().filter(r -> r.siteId().equals("*") && r.periodType().equals("WEEK")).toList();
    assertThat(totals).isNotEmpty();
    assertThat(withoutRevisions(csv(b, "site=%2A&period_type=WEEK"))).isEqualTo(withoutRevisions(IndicatorCsv.toText(totals)));
  }

  @Test
  @Order(2)
  void whileAnInstanceHoldingPartitionsIsUnreachableTheOtherAnswers503() throws Exception {
    Instance holder = ownedStorePartitions(a).isEmpty() ? b : a;
    Instance other = holder == a ? b : a;
    holder.stopHttp();
    try {
      HttpResponse<String> answer = get(other, "/v1/indicators", "text/csv");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(answer.body()).startsWith("{\"error\":\"the published indicators are not completely available")
          .contains(holder.applicationServer);
    } finally {
      holder.startHttp();
    }
    assertThat(csv(other, "")).as("complete again once it is reachable").isEqualTo(served);
  }

  @Test
  @Order(3)
  void whileOneInstanceStopsTheAnswerIsCompleteOr503UntilTheOtherHoldsEverything() throws Exception {
    String table = served;
    b.app.close(Duration.ofSeconds(30)); // stays in the group until its session times out, like a crash
    assertThat(b.app.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    List<Integer> statuses = new ArrayList<>();
    await("instance a holds every partition and answers alone").atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          HttpResponse<String> answer = get(a, "/v1/indicators", "text/csv");
          statuses.add(answer.statusCode());
          if (answer.statusCode() == 503) {
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
            return false;
          }
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
          assertThat(answer.body()).as("a 200 during the rebalance is the whole table").isEqualTo(table);
          return ownedStorePartitions(a).size() == PARTITIONS;
        });
    assertThat(new LinkedHashSet<>(statuses)).as("statuses seen").isSubsetOf(Set.of(200, 503));
    assertThat(get(b, "/v1/indicators", "text/csv").statusCode()).as("the stopped instance cannot answer").isEqualTo(503);
  }

  /** Six weeks of two sites, no late uploads or malformed lines. */
  private static List<String> history() {
    GeneratorSettings settings = new GeneratorSettings(7L, LocalDate.parse("2021-03-01"), LocalDate.parse("2021-04-11"),
        SiteProfile.upsides().subList(0, 2), 40, 0, 0, 0.01, 0.01);
    List<String> lines = new ArrayList<>();
    new EventGenerator(settings).lines().forEachRemaining((GeneratedLine line) -> lines.add(line.json()));
    return lines;
  }

  private static Set<Integer> ownedStorePartitions(Instance instance) {
    Set<Integer> owned = new java.util.TreeSet<>();
    for (StreamsMetadata metadata : instance.app.kafkaStreams().streamsMetadataForStore(PublishedStore.STORE)) {
      if (metadata.hostInfo().equals(ApplicationServer.hostInfo(instance.applicationServer))) {
        metadata.topicPartitions().stream().filter(p -> p.topic().equals(Topics.INDICATORS)).forEach(p -> owned.add(p.partition()));
      }
    }
    return owned;
  }

  /** The CSV without its last column, {@code revision}. */
  private static String withoutRevisions(String csv) {
    return csv.replaceAll("(?m),[^,\\n]*$", "");
  }

  /** The lines only in one of two CSV texts (the first few of each), or nothing when they are equal. */
  private static List<String> differences(String expectedCsv, String actualCsv) throws IOException {
    if (expectedCsv.equals(actualCsv)) {
      return List.of();
    }
    Path out = Path.of(System.getProperty("buildDirectory", "target"));
    Files.createDirectories(out);
    Files.writeString(out.resolve("query-it-expected.csv"), expectedCsv);
    Files.writeString(out.resolve("query-it-actual.csv"), actualCsv);
    Set<String> want = new LinkedHashSet<>(List.of(expectedCsv.split("\n")));
    Set<String> got = new LinkedHashSet<>(List.of(actualCsv.split("\n")));
    List<String> missing = want.stream().filter(line -> !got.contains(line)).toList();
    List<String> extra = got.stream().filter(line -> !want.contains(line)).toList();
    List<String> report = new ArrayList<>();
    report.add(missing.size() + " expected lines missing, " + extra.size() + " unexpected lines");
    missing.stream().limit(5).forEach(line -> report.add("missing " + line));
    extra.stream().limit(5).forEach(line -> report.add("unexpected " + line));
    return report;
  }

  /** The CSV answer, or a description of a non-200 answer (never equal to a table). */
  private static String csv(Instance instance, String query) throws Exception {
    HttpResponse<String> answer = get(instance, "/v1/indicators?format=csv" + (query.isEmpty() ? "" : "&" + query), null);
    return answer.statusCode() == 200 ? answer.body() : answer.statusCode() + " " + answer.body();
  }

  private static HttpResponse<String> get(Instance instance, String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + instance.applicationServer + path))
        .timeout(Duration.ofSeconds(60));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<IndicatorRow> rowsOf(String json) throws IOException {
    List<IndicatorRow> rows = IndicatorJson.readPartitions(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).rows();
    assertThat(IndicatorCsv.read(new StringReader(IndicatorCsv.toText(rows)))).hasSize(rows.size());
    return rows;
  }

  /** One instance: a streams application and its HTTP server with the query API. */
  private static final class Instance implements AutoCloseable {
    final String name;
    final IndicatorApplication app;
    final String applicationServer;
    private final int port;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private HttpServer server;
    private QueryHttp api;

    Instance(String name) throws IOException {
      this.name = name;
      this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
      this.port = server.getAddress().getPort();
      this.applicationServer = "localhost:" + port;
      Map<String, Object> config = new HashMap<>();
      config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
      config.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, registry.url().toString());
      config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
      config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
      config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + name).toString());
      config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
      config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
      config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
      config.put(StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS, "200");
      config.put(StreamsAppConfig.REPARTITION_PARTITIONS, Integer.toString(PARTITIONS));
      // The stopped instance stays in the group until its session expires, as a crashed one would.
      config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
      config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
      this.app = new IndicatorApplication(config);
      mount();
    }

    private void mount() {
      server.setExecutor(workers);
      api = QueryHttp.mount(server, app.kafkaStreams(), applicationServer,
          Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), SETTINGS);
      server.start();
    }

    void stopHttp() {
      if (api != null) {
        server.stop(0);
        api.close();
        api = null;
      }
    }

    void startHttp() throws IOException {
      server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
      mount();
    }

    @Override
    public void close() {
      stopHttp();
      workers.shutdownNow();
      app.close(Duration.ofSeconds(30));
    }
  }
}
