package io.peerpulse.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.peerpulse.app.ingest.IngestHttp;
import io.peerpulse.app.ingest.IngestService;
import io.peerpulse.app.ops.Health;
import io.peerpulse.app.ops.Observability;
import io.peerpulse.app.ops.OpsHttp;
import io.peerpulse.mapping.RegisterCsv;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest and operations contexts behind {@link HttpAccess} on a real JDK server: who gets 200,
 * 401 and 403 in bearer mode over HTTPS, in Basic mode, and with authentication off; what the
 * access log says.
 */
class HttpAccessTest {

  private static final String INGEST_TOKEN = "q8Vb2Nw5Rt1Yx7Lk4Hj0Gf3Ds6Ap9Zm=";
  private static final String BOARD_TOKEN = "Zc4Xv7Bn0Mq3Wl6Ek9Rt2Yu5Io8Pa1Sd=";
  private static final String OPS_TOKEN = "Hk5Jg2Fd8Sa1Lp4Ok7Ij0Uh3Yg6Tf9Rd=";
  private static final String EVENT = """
      {"event_id":"ulm-sec-1","type":"ENROLLED","site_id":"ulm","occurred_at":"2021-02-01","recorded_at":"2021-02-01T09:00:00Z","person_id":"pAccess1","programme":"UPSIDES","arm":"INTERVENTION","setting":"OUTPATIENT"}""";

  @TempDir static Path dir;
  private static Path keystore;
  private static Path tokens;

  private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
      new ByteArraySerializer());
  private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();
  private final Observability metrics = new Observability();
  private HttpServer server;

  @BeforeAll
  static void files() throws Exception {
    keystore = SelfSignedKeystore.create(dir.resolve("http.p12"));
    tokens = Files.writeString(dir.resolve("tokens"), String.join("\n",
        "ingest-ulm service " + HttpCredentials.hashOf(INGEST_TOKEN),
        "board evaluator " + HttpCredentials.hashOf(BOARD_TOKEN),
        "ops operator " + HttpCredentials.hashOf(OPS_TOKEN)));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    metrics.close();
    serializer.close();
  }

  /** Ingest, operations and an operator-only context with an id below its path, on a server made by {@code security}. */
  private URI start(HttpSecurity security) throws IOException {
    server = security.createServer(new InetSocketAddress("127.0.0.1", 0), 0);
    serializer.configure(Map.of("schema.registry.url", "mock://http-access-" + UUID.randomUUID()), false);
    IngestHttp.mount(server, new IngestService(producer, serializer, RegisterCsv.of(Optional.empty()), Clock.systemUTC()));
    OpsHttp.mount(server, metrics, () -> new Health.StreamsStatus(State.RUNNING, 0));
    HttpAccess.protect(server.createContext("/v1/explain", exchange -> {
      try (exchange) {
        byte[] body = HttpAccess.principalOf(exchange).map(AccessPrincipal::name).orElse("-").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }));
    server.start();
    return URI.create(security.scheme() + "://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void bearerOverHttpsLetsEachRoleUseOnlyItsContexts() throws Exception {
    URI base = start(HttpSecurity.from(Map.of(HttpSecurity.AUTH, "bearer", HttpSecurity.TOKENS_FILE, tokens.toString(),
        HttpSecurity.TLS_KEYSTORE, keystore.toString(), HttpSecurity.TLS_KEYSTORE_PASSWORD, SelfSignedKeystore.PASSWORD)));
    HttpClient client = HttpClient.newBuilder().sslContext(SelfSignedKeystore.trusting(keystore)).build();

    assertThat(send(client, get(base, "/health/live")).statusCode()).as("probes stay open").isEqualTo(200);
    assertThat(send(client, get(base, "/health/ready")).statusCode()).isEqualTo(200);

    HttpResponse<String> anonymous = send(client, postEvent(base).build());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"peerpulse\"");
    assertThat(anonymous.body()).isEqualTo(
        "{\"error\":\"UNAUTHORIZED\",\"message\":\"credentials required: send Authorization: Bearer <token>\"}");

    HttpResponse<String> wrong = send(client, postEvent(base).header("Authorization", "Bearer " + INGEST_TOKEN + "x").build());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"peerpulse\", error=\"invalid_token\"");

    HttpResponse<String> evaluator = send(client, postEvent(base).header("Authorization", "Bearer " + BOARD_TOKEN).build());
    assertThat(evaluator.statusCode()).isEqualTo(403);
    assertThat(evaluator.body()).isEqualTo("{\"error\":\"FORBIDDEN\",\"message\":\"principal board (role evaluator) may not use"
        + " /v1/events: needs role service or operator\"}");
    assertThat(producer.history()).as("nothing written for refused requests").isEmpty();

    HttpResponse<String> service = send(client, postEvent(base).header("Authorization", "Bearer " + INGEST_TOKEN).build());
    assertThat(service.statusCode()).as(service.body()).isEqualTo(200);
    assertThat(producer.history()).hasSize(1);

    assertThat(send(client, get(base, "/metrics", INGEST_TOKEN)).statusCode()).isEqualTo(403);
    assertThat(send(client, get(base, "/metrics", BOARD_TOKEN)).statusCode()).isEqualTo(403);
    HttpResponse<String> scrape = send(client, get(base, "/metrics", OPS_TOKEN));
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    HttpResponse<String> explain = send(client, get(base, "/v1/explain", OPS_TOKEN));
    assertThat(explain.body()).as("the handler sees the principal").isEqualTo("ops");
  }

  @Test
  void plainHttpToTheHttpsPortFails() throws Exception {
    URI base = start(HttpSecurity.from(Map.of(HttpSecurity.TLS_KEYSTORE, keystore.toString(),
        HttpSecurity.TLS_KEYSTORE_PASSWORD, SelfSignedKeystore.PASSWORD)));
    URI plain = URI.create(base.toString().replace("https:", "http:"));
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(get(plain, "/health/live"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    HttpClient trusting = HttpClient.newBuilder().sslContext(SelfSignedKeystore.trusting(keystore)).build();
    assertThat(send(trusting, get(base, "/metrics")).statusCode()).as("TLS alone asks nobody").isEqualTo(200);
  }

  @Test
  void basicAsksBrowsersForCredentials() throws Exception {
    URI base = start(HttpSecurity.from(Map.of(HttpSecurity.AUTH, "basic", HttpSecurity.TOKENS_FILE, tokens.toString())));
    HttpClient client = HttpClient.newHttpClient();

    HttpResponse<String> anonymous = send(client, get(base, "/metrics"));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"peerpulse\", charset=\"UTF-8\"");
    assertThat(send(client, HttpRequest.newBuilder(base.resolve("/metrics")).header("Authorization", basic("ops", BOARD_TOKEN))
        .build()).statusCode()).as("another principal's secret").isEqualTo(401);
    assertThat(send(client, HttpRequest.newBuilder(base.resolve("/metrics")).header("Authorization", "Bearer " + OPS_TOKEN)
        .build()).statusCode()).as("the other scheme").isEqualTo(401);
    assertThat(send(client, HttpRequest.newBuilder(base.resolve("/metrics")).header("Authorization", basic("ops", OPS_TOKEN))
        .build()).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutAuthenticationEverythingIsOpenAsInTheDemo() throws Exception {
    URI base = start(HttpSecurity.NONE);
    HttpClient client = HttpClient.newHttpClient();
    assertThat(send(client, postEvent(base).build()).statusCode()).isEqualTo(200);
    assertThat(send(client, get(base, "/metrics")).statusCode()).isEqualTo(200);
    assertThat(send(client, get(base, "/v1/explain")).body()).isEqualTo("-");
  }

  @Test
  void theAccessLogHasPrincipalMethodContextPathAndStatusOnly() throws Exception {
    URI base = start(HttpSecurity.from(Map.of(HttpSecurity.AUTH, "bearer", HttpSecurity.TOKENS_FILE, tokens.toString())));
    HttpClient client = HttpClient.newHttpClient();
    String log;
    try (CapturedStderr captured = new CapturedStderr()) {
      send(client, HttpRequest.newBuilder(base.resolve("/v1/explain/pSecret42?site=ulm&person=pSecret43"))
          .header("Authorization", "Bearer " + OPS_TOKEN).build());
      send(client, postEvent(base).header("Authorization", "Bearer " + BOARD_TOKEN).build());
      send(client, postEvent(base).build());
      send(client, get(base, "/health/live"));
      log = captured.text();
    }
    assertThat(log.lines().filter(line -> line.contains("] access - ")))
        .as("one line per request to a protected context, none for the probes").hasSize(3);
    assertThat(log)
        .containsPattern("principal=ops method=GET path=/v1/explain/\\* status=200 ms=\\d+")
        .containsPattern("principal=board method=POST path=/v1/events status=403 ms=\\d+")
        .containsPattern("principal=- method=POST path=/v1/events status=401 ms=\\d+")
        .doesNotContain("pSecret42", "pSecret43", "site=ulm", "pAccess1", OPS_TOKEN, BOARD_TOKEN);
  }

  private static HttpRequest get(URI base, String path) {
    return HttpRequest.newBuilder(base.resolve(path)).GET().build();
  }

  private static HttpRequest get(URI base, String path, String token) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
  }

  private static HttpRequest.Builder postEvent(URI base) {
    return HttpRequest.newBuilder(base.resolve("/v1/events")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(EVENT));
  }

  private static String basic(String user, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
