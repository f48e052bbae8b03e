package io.peerpulse.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.peerpulse.app.security.HttpCredentials;
import io.peerpulse.app.security.HttpSecurity;
import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.compute.IndicatorRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query API of two instances on real JDK HTTP servers, talking to each other over HTTP as in
 * production; only the Kafka Streams side (who holds which partition, the local store) is faked.
 * Partitions 0 and 1 are on instance A, partition 2 on instance B.
 */
class QueryHttpTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final QuerySettings FAST = QuerySettings.DEFAULTS.withRetryFor(Duration.ofMillis(300));

  /** Rows by partition: each partition holds two rows, of different indicators, sites and periods. */
  private static final Map<Integer, List<IndicatorRow>> TABLE = Map.of(
      0, List.of(row("REACH_30", "ulm", "MONTH", "2021-02-01", "2021-02-28", 15.0, 30.0, 50.0),
          row("ACTIVE_ENROLMENTS", "*", "DAY", "2021-01-05", "2021-01-05", 20.0, null, 20.0)),
      1, List.of(row("REACH_30", "santiago", "MONTH", "2021-01-01", "2021-01-31", 10.0, 15.0, 200.0 / 3),
          row("MIN_DOSE_3", "ulm", "WEEK", "2021-01-04", "2021-01-10", null, null, null)),
      2, List.of(row("REACH_30", "ulm", "MONTH", "2021-01-01", "2021-01-31", 20.0, 25.0, 80.0),
          row("BED_DAYS", "santiago", "ROLLING_28D", "2021-01-01", "2021-01-28", 12.5, 28.0, 13.5915)));

  private final FakeDirectory directory = new FakeDirectory();
  private Instance a;
  private Instance b;

  @BeforeEach
  void start() throws IOException {
    a = new Instance();
    b = new Instance();
    a.local.partitions.putAll(Map.of(0, TABLE.get(0), 1, TABLE.get(1)));
    b.local.partitions.put(2, TABLE.get(2));
    directory.set(new Ownership(3, Map.of(a.self, Set.of(0, 1), b.self, Set.of(2))));
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
  }

  @Test
  void eachInstanceAnswersTheWholeTableSortedLikeTheCsv() throws Exception {
    List<IndicatorRow> expected = sorted(all());
    for (Instance instance : List.of(a, b)) {
      HttpResponse<String> json = get(instance, "/v1/indicators");
      assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
      assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
      assertThat(rowsOf(json.body())).isEqualTo(IndicatorCsv.toText(expected));
      assertThat(json.body()).endsWith(",\"count\":6}").contains("\"value\":66.6667");

      HttpResponse<String> csv = get(instance, "/v1/indicators", "Accept", "text/csv");
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.body()).isEqualTo(IndicatorCsv.toText(expected));
      assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
      assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"peerpulse-indicators.csv\"");
      assertThat(get(instance, "/v1/indicators?format=csv").body()).isEqualTo(csv.body());
    }
  }

  @Test
  void filtersSelectRowsOnEveryInstancesPartitions() throws Exception {
    String query = "/v1/indicators?indicator=REACH_30&period_type=MONTH&from=2021-01-01&to=2021-01-31&format=csv";
    List<IndicatorRow> expected = sorted(all().stream()
        .filter(r -> r.indicator().equals("REACH_30") && r.periodStart().equals(LocalDate.parse("2021-01-01"))).toList());
    assertThat(expected).extracting(IndicatorRow::siteId).containsExactly("santiago", "ulm"); // one from A, one from B
    assertThat(get(a, query).body()).isEqualTo(IndicatorCsv.toText(expected));
    assertThat(get(b, query).body()).isEqualTo(IndicatorCsv.toText(expected));
    assertThat(get(b, "/v1/indicators?site=%2A&format=csv").body())
        .isEqualTo(IndicatorCsv.toText(List.of(TABLE.get(0).get(1))));
  }

  @Test
  void theAcceptHeaderChoosesTheFormatByWeightThenOrder() {
    assertThat(QueryHttp.format(null, null)).isEqualTo(QueryHttp.Format.JSON);
    assertThat(QueryHttp.format(null, List.of("text/html,application/xhtml+xml,*/*;q=0.8"))).isEqualTo(QueryHttp.Format.JSON);
    assertThat(QueryHttp.format(null, List.of("text/csv"))).isEqualTo(QueryHttp.Format.CSV);
    assertThat(QueryHttp.format(null, List.of("application/json, text/csv"))).isEqualTo(QueryHttp.Format.JSON);
    assertThat(QueryHttp.format(null, List.of("application/json;q=0.5, text/csv"))).isEqualTo(QueryHttp.Format.CSV);
    assertThat(QueryHttp.format(null, List.of("text/csv;q=0"))).isEqualTo(QueryHttp.Format.JSON);
    assertThat(QueryHttp.format("json", List.of("text/csv"))).as("format= overrides Accept").isEqualTo(QueryHttp.Format.JSON);
  }

  @Test
  void badParametersAre400sNamingTheParameter() throws Exception {
    assertBadRequest("/v1/indicators?period_type=YEAR", "period_type", "period_type: expected a period type");
    assertBadRequest("/v1/indicators?site=ulm&limit=10", "limit", "limit: unknown parameter; expected indicator, site");
    assertBadRequest("/v1/indicators?from=2021-02-01&to=2021-01-01", "from", "from: expected a date on or before to");
    assertBadRequest("/v1/indicators?site=a&site=b", "site", "site: given more than once");
    assertBadRequest("/v1/indicators?format=xml", "format", "format: expected json or csv, got \"xml\"");
    assertBadRequest("/v1/internal/indicators?site=ulm", "partitions", "partitions: required");
    assertBadRequest("/v1/internal/indicators?partitions=0,x", "partitions", "partitions: expected partition numbers");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertThat(get(a, "/v1/indicators/REACH_30").statusCode()).isEqualTo(404);
    HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(a.uri("/v1/indicators"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void aPartitionWithoutOwnerIsA503WithRetryAfterNotPartOfTheTable() throws Exception {
    directory.set(new Ownership(3, Map.of(a.self, Set.of(0, 1)))); // partition 2 between owners (rebalancing)
    assertUnavailable(get(a, "/v1/indicators"), "store partition(s) [2] of 3 have no running owner");
    assertUnavailable(get(b, "/v1/indicators?format=csv"), "store partition(s) [2] of 3 have no running owner");
  }

  @Test
  void anInstanceThatCannotReadItsPartitionMakesEveryAnswerA503() throws Exception {
    b.local.unavailable.add(2); // owned by B in the metadata, but migrated or restoring there
    assertUnavailable(get(a, "/v1/indicators"), "partition 2 is not readable");
    assertUnavailable(get(b, "/v1/indicators"), "partition 2 is not readable");
    HttpResponse<String> internal = get(b, "/v1/internal/indicators?partitions=2");
    assertThat(internal.statusCode()).isEqualTo(503);
  }

  @Test
  void anUnreachableInstanceIsA503() throws Exception {
    b.close();
    assertUnavailable(get(a, "/v1/indicators"), "instance localhost:" + b.self.port() + " (application.server) is unreachable");
  }

  @Test
  void aQueryRetriedThroughAShortRebalanceAnswersEverything() throws Exception {
    // An instance with a retry budget far above the two backoffs (100 + 200 ms) it needs here.
    try (Instance patient = new Instance(QuerySettings.DEFAULTS.withRetryFor(Duration.ofSeconds(20)))) {
      patient.local.partitions.putAll(a.local.partitions);
      directory.set(new Ownership(3, Map.of(patient.self, Set.of(0, 1), b.self, Set.of(2))));
      directory.failNext(2); // the first two attempts see partition 2 without owner
      HttpResponse<String> answer = get(patient, "/v1/indicators?format=csv");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo(IndicatorCsv.toText(sorted(all())));
      assertThat(directory.calls.get()).isEqualTo(3);
    }
  }

  @Test
  void withAuthenticationOnInstancesAskEachOtherWithTheirOwnEvaluatorToken() throws Exception {
    HttpCredentials credentials = HttpCredentials.parse(List.of(
        "analyst evaluator " + HttpCredentials.hashOf("analyst-secret"),
        "peers evaluator " + HttpCredentials.hashOf("peer-secret"),
        "feeder service " + HttpCredentials.hashOf("feeder-secret")), "test");
    HttpSecurity security = HttpSecurity.of(HttpSecurity.Mode.BEARER, credentials);
    QuerySettings peered = FAST.withPeerAccess("http", "Bearer peer-secret");
    try (Instance securedA = new Instance(peered, security); Instance securedB = new Instance(peered, security)) {
      securedA.local.partitions.putAll(a.local.partitions);
      securedB.local.partitions.putAll(b.local.partitions);
      directory.set(new Ownership(3, Map.of(securedA.self, Set.of(0, 1), securedB.self, Set.of(2))));

      HttpResponse<String> answer = get(securedA, "/v1/indicators?format=csv", "Authorization", "Bearer analyst-secret");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo(IndicatorCsv.toText(sorted(all())));
      assertThat(get(securedA, "/v1/indicators").statusCode()).isEqualTo(401);
      assertThat(get(securedA, "/v1/indicators", "Authorization", "Bearer feeder-secret").statusCode()).isEqualTo(403);
      assertThat(get(securedB, "/v1/internal/indicators?partitions=2").statusCode()).as("no way around the check").isEqualTo(401);
    }
    QuerySettings withoutPeerToken = FAST;
    try (Instance securedA = new Instance(withoutPeerToken, security); Instance securedB = new Instance(withoutPeerToken, security)) {
      securedA.local.partitions.putAll(a.local.partitions);
      directory.set(new Ownership(3, Map.of(securedA.self, Set.of(0, 1), securedB.self, Set.of(2))));
      assertUnavailable(get(securedA, "/v1/indicators", "Authorization", "Bearer analyst-secret"), "answered 401");
    }
  }

  private void assertBadRequest(String path, String parameter, String messageStart) throws Exception {
    HttpResponse<String> answer = get(a, path);
    assertThat(answer.statusCode()).as(path).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(answer.body()).as(path).startsWith("{\"error\":\"" + messageStart.replace("\"", "\\\""))
        .endsWith("\"parameter\":\"" + parameter + "\"}");
  }

  private static void assertUnavailable(HttpResponse<String> answer, String reason) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(answer.body()).startsWith("{\"error\":\"the published indicators are not completely available right now")
        .contains(reason).doesNotContain("rows");
  }

  private static HttpResponse<String> get(Instance instance, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The rows of a public JSON answer, as CSV text (the JSON numbers are the CSV's, so this is exact). */
  private static String rowsOf(String json) throws IOException {
    // The public rows have the peer answer's shape, so the peer reader parses them ("count" is skipped).
    List<IndicatorRow> rows = IndicatorJson.readPartitions(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).rows();
    String text = IndicatorCsv.toText(rows);
    assertThat(IndicatorCsv.read(new StringReader(text))).hasSize(rows.size());
    return text;
  }

  private static List<IndicatorRow> all() {
    List<IndicatorRow> rows = new ArrayList<>();
    TABLE.values().forEach(rows::addAll);
    return rows;
  }

  private static List<IndicatorRow> sorted(List<IndicatorRow> rows) {
    List<IndicatorRow> copy = new ArrayList<>(rows);
    copy.sort(IndicatorRow.CSV_ORDER);
    return copy;
  }

  private static IndicatorRow row(String indicator, String site, String periodType, String start, String end,
      Double numerator, Double denominator, Double value) {
    return new IndicatorRow(indicator, site, site.equals("*") ? "*" : "UPSIDES", site.equals("*") ? "*" : "INTERVENTION",
        periodType, LocalDate.parse(start), LocalDate.parse(end), numerator, denominator, value,
        numerator == null ? "PROVISIONAL" : "FINAL", numerator == null, 0);
  }

  /** One instance: an HTTP server with the query API over a fake local store. */
  private final class Instance implements AutoCloseable {
    final FakeStore local = new FakeStore();
    final HttpServer server;
    final HostInfo self;
    final QueryHttp api;
    private boolean closed;

    Instance() throws IOException {
      this(FAST);
    }

    Instance(QuerySettings settings) throws IOException {
      this(settings, HttpSecurity.NONE);
    }

    Instance(QuerySettings settings, HttpSecurity security) throws IOException {
      server = security.createServer(new InetSocketAddress("localhost", 0), 0);
      self = new HostInfo("localhost", server.getAddress().getPort());
      HttpPeerClient peers = new HttpPeerClient(settings);
      api = QueryHttp.mount(server, new IndicatorQueryService(directory, local, peers, self, settings), settings, List.of(peers));
      server.start();
    }

    URI uri(String path) {
      return URI.create("http://localhost:" + self.port() + path);
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        server.stop(0);
        api.close();
      }
    }
  }

  private static final class FakeStore implements LocalPartitions {
    final Map<Integer, List<IndicatorRow>> partitions = new ConcurrentHashMap<>();
    final Set<Integer> unavailable = ConcurrentHashMap.newKeySet();

    @Override
    public List<IndicatorRow> read(int partition, IndicatorFilter filter) throws PartitionsUnavailableException {
      List<IndicatorRow> rows = partitions.get(partition);
      if (rows == null || unavailable.contains(partition)) {
        throw new PartitionsUnavailableException("partition " + partition + " is not readable here");
      }
      return rows.stream().filter(filter::matches).toList();
    }
  }

  private static final class FakeDirectory implements PartitionDirectory {
    private final AtomicReference<Ownership> ownership = new AtomicReference<>();
    private final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();

    void set(Ownership value) {
      ownership.set(value);
    }

    void failNext(int count) {
      failures.set(count);
    }

    @Override
    public Ownership current() {
      calls.incrementAndGet();
      Ownership now = ownership.get();
      if (failures.getAndDecrement() > 0) {
        Map<HostInfo, Set<Integer>> without = new java.util.HashMap<>(now.partitionsByHost());
        without.replaceAll((host, partitions) -> partitions.contains(2) ? Set.of() : partitions);
        return new Ownership(now.partitionCount(), without);
      }
      return now;
    }
  }
}
