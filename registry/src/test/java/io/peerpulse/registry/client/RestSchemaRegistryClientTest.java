package io.peerpulse.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.registry.client.FakeRegistry.Reply;
import io.peerpulse.registry.client.FakeRegistry.Seen;
import io.peerpulse.registry.core.CompatibilityLevel;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP behaviour of the REST client against a scripted server: Confluent's media types,
 * caching, failover, retries, authorization and error decoding.
 */
class RestSchemaRegistryClientTest {

  private static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
  private static final String SCHEMA_JSON = "\"" + SCHEMA.replace("\"", "\\\"") + "\"";

  private FakeRegistry fake;
  private RestSchemaRegistryClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  /** Answers like a registry holding SCHEMA as id 7, version 1 of every subject. */
  private static Reply registry(Seen request) {
    if (request.path().endsWith("/versions") && request.method().equals("GET")) {
      return Reply.ok("[1]");
    }
    if (request.path().endsWith("/versions") && request.method().equals("POST")) {
      return Reply.ok("{\"id\":7}");
    }
    if (request.path().startsWith("/schemas/ids/7") || request.path().endsWith("/ids/7")) {
      return Reply.ok("{\"schema\":" + SCHEMA_JSON + "}");
    }
    if (request.path().contains("/subjects/") && request.method().equals("POST")) {
      return Reply.ok("{\"subject\":\"s\",\"version\":1,\"id\":7,\"schema\":" + SCHEMA_JSON
          + "}");
    }
    return Reply.error(404, 40403, "Schema not found");
  }

  private RestSchemaRegistryClient client(String urls, Object... keyValues) {
    Map<String, Object> configs = new HashMap<>();
    configs.put("schema.registry.url", urls);
    configs.put("retries.wait.ms", 1);
    configs.put("retries.max.wait.ms", 5);
    for (int i = 0; i < keyValues.length; i += 2) {
      configs.put((String) keyValues[i], keyValues[i + 1]);
    }
    client = new RestSchemaRegistryClient(configs);
    return client;
  }

  @Test
  void speaksConfluentsMediaTypesAndBody() {
    fake = new FakeRegistry(RestSchemaRegistryClientTest::registry);
    assertThat(client(fake.url()).register("s", SCHEMA, false)).isEqualTo(7);
    Seen request = fake.seen().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/subjects/s/versions");
    assertThat(request.accept()).isEqualTo("application/vnd.schemaregistry.v1+json,"
        + " application/vnd.schemaregistry+json, application/json");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.body()).isEqualTo("{\"schema\":" + SCHEMA_JSON + "}");
  }

  @Test
  void cachesWhatCannotChange() {
    fake = new FakeRegistry(RestSchemaRegistryClientTest::registry);
    RestSchemaRegistryClient client = client(fake.url());
    Schema parsed = new Schema.Parser().parse(SCHEMA);

    assertThat(client.register("s", parsed)).isEqualTo(7);
    assertThat(client.register("s", parsed)).isEqualTo(7);
    assertThat(fake.count()).as("second register is served from the cache").isEqualTo(1);

    assertThat(client.getSchemaById(7)).isSameAs(parsed);
    assertThat(fake.count()).as("an id just registered needs no fetch").isEqualTo(1);

    assertThat(client.lookup("s", SCHEMA, false).version()).isEqualTo(1);
    assertThat(client.getVersion("s", parsed)).isEqualTo(1);
    assertThat(fake.count()).as("one lookup for both calls").isEqualTo(2);

    assertThat(client.register("other", parsed)).isEqualTo(7);
    assertThat(fake.count()).as("caches are per subject").isEqualTo(3);
  }

  @Test
  void fetchesAnIdOnceAndParsesItOnce() {
    fake = new FakeRegistry(RestSchemaRegistryClientTest::registry);
    RestSchemaRegistryClient client = client(fake.url());
    Schema first = client.getSchemaById(7);
    assertThat(client.getSchemaById(7)).isSameAs(first);
    assertThat(client.getSchemaStringById(7)).isEqualTo(SCHEMA);
    assertThat(fake.seen()).extracting(Seen::path).containsExactly("/schemas/ids/7");
  }

  @Test
  void neverCachesTheLatestVersion() {
    AtomicInteger version = new AtomicInteger();
    fake = new FakeRegistry(request -> Reply.ok("{\"subject\":\"s\",\"version\":"
        + version.incrementAndGet() + ",\"id\":7,\"schema\":" + SCHEMA_JSON + "}"));
    RestSchemaRegistryClient client = client(fake.url());
    assertThat(client.getLatestVersion("s").version()).isEqualTo(1);
    assertThat(client.getLatestVersion("s").version()).isEqualTo(2);
    assertThat(fake.seen()).extracting(Seen::path)
        .containsOnly("/subjects/s/versions/latest");
  }

  @Test
  void failsOverToTheNextUrlWhenOneIsDown() {
    fake = new FakeRegistry(RestSchemaRegistryClientTest::registry);
    // a long backoff proves failover does not wait: the test would take 10 minutes otherwise
    RestSchemaRegistryClient client = client(FakeRegistry.deadUrl() + "," + fake.url(),
        "retries.wait.ms", 600_000, "retries.max.wait.ms", 600_000);
    assertThat(client.getSchemaStringById(7)).isEqualTo(SCHEMA);
    assertThat(client.register("s", SCHEMA, false)).isEqualTo(7);
    assertThat(fake.count()).isEqualTo(2);
  }

  @Test
  void retriesA503ThenSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    fake = new FakeRegistry(request -> calls.incrementAndGet() <= 2
        ? Reply.error(503, 50003, "Error while forwarding the request to the leader")
        : registry(request));
    assertThat(client(fake.url()).getSchemaStringById(7)).isEqualTo(SCHEMA);
    assertThat(fake.count()).isEqualTo(3);
  }

  @Test
  void givesUpAfterMaxRetries() {
    fake = new FakeRegistry(request -> Reply.error(503, 50003, "busy"));
    assertThatThrownBy(() -> client(fake.url(), "max.retries", 2).getSchemaStringById(7))
        .isInstanceOfSatisfying(RestClientException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.errorCode()).isEqualTo(50003);
        });
    assertThat(fake.count()).isEqualTo(3);
  }

  @Test
  void neverRetriesA404() {
    fake = new FakeRegistry(request -> Reply.error(404, 40403, "Schema 9 not found"));
    assertThatThrownBy(() -> client(fake.url()).getSchemaStringById(9))
        .isInstanceOfSatisfying(RestClientException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(40403);
          assertThat(e.detail()).isEqualTo("Schema 9 not found");
        })
        .hasMessage("Schema 9 not found; error code: 40403");
    assertThat(fake.count()).isEqualTo(1);
  }

  @Test
  void unreachableRegistrySurfacesAsIoFailure() {
    String dead = FakeRegistry.deadUrl();
    assertThatThrownBy(() -> client(dead, "max.retries", 1).getAllSubjects())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("unreachable")
        .hasMessageContaining(dead);
  }

  @Test
  void basicAuthFromUserInfoConfig() {
    fake = new FakeRegistry(RestSchemaRegistryClientTest::registry);
    client(fake.url(), "basic.auth.credentials.source", "USER_INFO",
        "schema.registry.basic.auth.user.info", "alice:s3cret").getSchemaStringById(7);
    assertThat(fake.seen().get(0).authorization()).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void basicAuthFromTheUrlIsTheDefaultSource() {
    fake = new FakeRegistry(RestSchemaRegistryClientTest::registry);
    String url = fake.url().replace("http://", "http://bob:pw@");
    RestSchemaRegistryClient client = client(url);
    client.getSchemaStringById(7);
    assertThat(fake.seen().get(0).authorization()).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8)));
    assertThat(client.location()).doesNotContain("pw");
  }

  @Test
  void noAuthorizationUnlessConfigured() {
    fake = new FakeRegistry(RestSchemaRegistryClientTest::registry);
    client(fake.url()).getSchemaStringById(7);
    assertThat(fake.seen().get(0).authorization()).isNull();
  }

  @Test
  void userInfoSourceWithoutUserInfoIsAConfigError() {
    assertThatThrownBy(() -> client("http://127.0.0.1:1", "basic.auth.credentials.source",
        "USER_INFO"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic.auth.credentials.source");
  }

  @Test
  void keepsTheBaseUrlsPathPrefix() {
    fake = new FakeRegistry(RestSchemaRegistryClientTest::registry);
    assertThat(client(fake.url() + "/apis/ccompat/v7/").getAllVersions("a b/c"))
        .containsExactly(1);
    assertThat(fake.seen().get(0).path()).isEqualTo("/apis/ccompat/v7/subjects/a%20b%2Fc/versions");
  }

  @Test
  void sendsConfiguredRequestHeaders() {
    fake = new FakeRegistry(RestSchemaRegistryClientTest::registry);
    client(fake.url(), "request.header.X-Custom", "yes").getSchemaStringById(7);
    assertThat(fake.seen().get(0).custom()).isEqualTo("yes");
  }

  @Test
  void errorBodiesThatAreNotJsonGetConfluentsParseErrorCode() {
    fake = new FakeRegistry(request -> new Reply(502, "<html>Bad gateway</html>"));
    assertThatThrownBy(() -> client(fake.url(), "max.retries", 0).getAllSubjects())
        .isInstanceOfSatisfying(RestClientException.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.errorCode()).isEqualTo(RestClientException.JSON_PARSE_ERROR_CODE);
          assertThat(e.detail()).contains("<html>Bad gateway</html>");
        });
  }

  @Test
  void configAndModeRequests() {
    fake = new FakeRegistry(request -> switch (request.method() + " " + request.path()) {
      case "GET /config" -> Reply.ok("{\"compatibilityLevel\":\"BACKWARD\"}");
      case "GET /config/s" -> Reply.ok("{\"compatibilityLevel\":\"FULL\"}");
      case "PUT /config/s" -> Reply.ok(request.body());
      case "GET /mode" -> Reply.ok("{\"mode\":\"READWRITE\"}");
      case "POST /compatibility/subjects/s/versions/latest" ->
          Reply.ok("{\"is_compatible\":false,\"messages\":[\"reason\"]}");
      default -> Reply.error(404, 40401, "Subject not found");
    });
    RestSchemaRegistryClient client = client(fake.url());
    assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.getCompatibility("s")).isEqualTo(CompatibilityLevel.FULL);
    assertThat(client.updateCompatibility("s", CompatibilityLevel.FORWARD_TRANSITIVE))
        .isEqualTo(CompatibilityLevel.FORWARD_TRANSITIVE);
    assertThat(client.getMode()).isEqualTo("READWRITE");
    assertThat(client.testCompatibility("s", "latest", SCHEMA, true))
        .isEqualTo(new CompatibilityCheck(false, java.util.List.of("reason")));
    assertThat(fake.seen()).extracting(s -> s.method() + " " + s.path() + "?" + s.query())
        .containsExactly("GET /config?null", "GET /config/s?defaultToGlobal=true",
            "PUT /config/s?null", "GET /mode?null",
            "POST /compatibility/subjects/s/versions/latest?verbose=true");
    assertThat(fake.seen().get(2).body()).isEqualTo("{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
  }

  @Test
  void factoryChoosesMockOrRest() {
    try (SchemaRegistryClient mock = SchemaRegistryClientFactory.create(
        Map.of("schema.registry.url", "mock://factory"));
        SchemaRegistryClient rest = SchemaRegistryClientFactory.create(
            Map.of("schema.registry.url", "http://127.0.0.1:1"))) {
      assertThat(mock).isInstanceOf(LocalSchemaRegistryClient.class);
      assertThat(mock.location()).isEqualTo("mock://factory");
      assertThat(rest).isInstanceOf(RestSchemaRegistryClient.class);
    } finally {
      MockSchemaRegistry.drop("factory");
    }
    assertThatThrownBy(() -> SchemaRegistryClientFactory.create(
        Map.of("schema.registry.url", "mock://a,http://b:1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot mix");
    assertThatThrownBy(() -> SchemaRegistryClientFactory.create(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
  }

  @Test
  void mockScopesAreSharedByNameAndDropped() {
    try {
      int id = MockSchemaRegistry.clientForScope("shared").register("s", SCHEMA, false);
      assertThat(MockSchemaRegistry.clientForScope("shared").getSchemaStringById(id))
          .isEqualTo(new Schema.Parser().parse(SCHEMA).toString());
      assertThat(MockSchemaRegistry.clientForScope("elsewhere").getAllSubjects()).isEmpty();
      MockSchemaRegistry.drop("shared");
      assertThat(MockSchemaRegistry.clientForScope("shared").getAllSubjects()).isEmpty();
    } finally {
      MockSchemaRegistry.drop("shared");
      MockSchemaRegistry.drop("elsewhere");
    }
  }
}
