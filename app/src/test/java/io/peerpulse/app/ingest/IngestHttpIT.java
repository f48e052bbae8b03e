package io.peerpulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.peerpulse.event.Contact;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.app.PeerPulse;
import io.peerpulse.app.SingleBroker;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.Pseudonymiser;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.Topics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest API over real HTTP on a real single-node KRaft broker and our registry server: good
 * and bad JSON events and a CSV register with raw hospital numbers are posted; the events topic
 * then holds exactly the accepted events (Avro, read back with our deserializer, pseudonyms in
 * place of the raw numbers) and the dead-letter topic exactly the rejected rows with their reasons.
 */
class IngestHttpIT {

  private static final String KEY = "peerpulse-test-key-not-a-secret-0001";
  /** HMAC-SHA-256 vectors under KEY, computed with openssl and Python (PseudonymiserTest in mapping). */
  private static final String MRN_0042_7731 = "H2QSInrzypul4T29-ubcHb";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
  }

  private static KafkaClusterTestKit cluster;
  private static RegistryServer registry;
  private static IngestService service;
  private static HttpServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    cluster = SingleBroker.start();
    try (Admin admin = cluster.admin()) {
      TopicAdmin.ensure(admin, 3, (short) 1);
    }
    registry = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0).build());
    service = IngestService.create(Map.of("bootstrap.servers", cluster.bootstrapServers(),
        "schema.registry.url", registry.url().toString()), Optional.of(Pseudonymiser.ofKey(KEY, "test")));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    IngestHttp.mount(server, service);
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.stop(0);
    }
    if (service != null) {
      service.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void postedEventsAndRegistersReachTheEventsTopicAndTheRejectedRowsTheDeadLetterTopic() throws Exception {
    String good = """
        {"event_id":"ulm-e-0001","type":"ENROLLED","site_id":"ulm","occurred_at":"2021-02-01","recorded_at":"2021-02-01T09:00:00Z","person_id":"p7Hq2","programme":"UPSIDES","arm":"INTERVENTION","setting":"OUTPATIENT"}""";
    String badArm = good.replace("ulm-e-0001", "ulm-e-0002").replace("INTERVENTION", "BOTH");
    String future = good.replace("ulm-e-0001", "ulm-e-0003").replace("\"2021-02-01\"", "\"2021-03-01\"");
    HttpResponse<String> events = post("/v1/events", "application/x-ndjson", good + "\n" + badArm + "\n" + future + "\n");

    assertThat(events.statusCode()).isEqualTo(422);
    JsonNode answer = JSON.readTree(events.body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(1);
    assertThat(answer.get("results").get(1).get("reason").asText()).isEqualTo("BAD_VALUE");
    assertThat(answer.get("results").get(2).get("reason").asText()).isEqualTo("FUTURE_EVENT");

    String register = """
        type,site_id,occurred_at,recorded_at,person_raw_id,person_raw_ids,worker_id,worker_role,programme,arm,setting,mode,duration_minutes,outcome
        ENROLLED,hamburg,2021-03-01,2021-04-02T08:00:00Z,MRN-0042-7731,,,,UPSIDES,CONTROL,COMMUNITY,,,
        CONTACT,hamburg,2021-03-08,2021-04-02T08:00:00Z,,MRN-0042-7731,w7,PSW,,,,PHONE,25,ATTENDED
        CONTACT,hamburg,2021-03-09,2021-04-02T08:00:00Z,,MRN-0042-7731,w7,PSW,,,,PHONE,25.5,ATTENDED
        """;
    HttpResponse<String> registers = post("/v1/registers", "text/csv; charset=utf-8", register);

    assertThat(registers.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(registers.body()).get("results").get(2).get("line").asInt()).isEqualTo(4);
    assertThat(post("/v1/registers", "text/csv", register.replace("25.5", "25")).statusCode())
        .as("the corrected register again").isEqualTo(200);

    List<Event> written = new ArrayList<>();
    try (KafkaConsumer<String, Event> consumer = consumer(Topics.of(Map.of("schema.registry.url", registry.url().toString()))
        .events())) {
      await("the accepted events on the events topic").atMost(WAIT).untilAsserted(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> written.add(record.value()));
        assertThat(written).hasSize(6);
      });
    }
    assertThat(written.stream().filter(e -> e.getSiteId().equals("ulm")).map(Event::getEventId)).containsExactly("ulm-e-0001");
    List<Event> hamburg = written.stream().filter(e -> e.getSiteId().equals("hamburg")).toList();
    assertThat(((Enrolled) hamburg.get(0).getPayload()).getPersonId()).isEqualTo(MRN_0042_7731);
    assertThat(((Contact) hamburg.get(1).getPayload()).getPersonIds()).containsExactly(MRN_0042_7731);
    // one key, one partition: hamburg's events are in the order sent
    List<String> ids = hamburg.stream().map(Event::getEventId).toList();
    assertThat(ids).hasSize(5);
    assertThat(ids.subList(2, 4)).as("the same rows sent again have the same derived ids").isEqualTo(ids.subList(0, 2));
    assertThat(ids.get(4)).as("the corrected row is another event").isNotIn(ids.subList(0, 4)).startsWith("reg-");

    List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(new Topic<>(Topics.EVENTS_DLQ,
        org.apache.kafka.common.serialization.Serdes.ByteArray(), org.apache.kafka.common.serialization.Serdes.ByteArray()))) {
      await("the rejected rows on the dead-letter topic").atMost(WAIT).untilAsserted(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
        assertThat(dead).hasSize(3);
      });
    }
    assertThat(dead).extracting(r -> DeadLetters.text(r.headers(), DeadLetters.REASON))
        .containsExactlyInAnyOrder("BAD_VALUE", "FUTURE_EVENT", "BAD_VALUE"); // no key: spread over partitions
    assertThat(dead).extracting(r -> DeadLetters.text(r.headers(), IngestService.SOURCE_NAME) + ":"
        + DeadLetters.text(r.headers(), IngestService.SOURCE_LINE) + ":" + DeadLetters.text(r.headers(), DeadLetters.FIELD))
        .containsExactlyInAnyOrder("http /v1/events:2:arm", "http /v1/events:3:occurred_at", "http /v1/registers:4:duration_minutes");
    for (ConsumerRecord<byte[], byte[]> record : dead) {
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("p7Hq2", "MRN-0042", MRN_0042_7731);
    }
  }

  @Test
  void aBrokerThatCannotBeReachedIs503WithRetryAfter() throws Exception {
    try (IngestService unreachable = IngestService.create(Map.of("bootstrap.servers", "127.0.0.1:1",
        "schema.registry.url", registry.url().toString(), "max.block.ms", "1500"), Optional.empty())) {
      HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      IngestHttp.mount(other, unreachable);
      other.start();
      try {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + other.getAddress().getPort() + "/v1/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("""
                {"event_id":"v1","type":"VOID","site_id":"ulm","occurred_at":"2021-03-02","recorded_at":"2021-03-02T08:00:00Z","voids_event_id":"x"}"""))
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
      } finally {
        other.stop(0);
      }
    }
  }

  @Test
  void generateSendsItsLinesThroughTheIngestValidation(@TempDir Path dir) throws Exception {
    String[] flags = {"--sites", "1", "--persons-per-site", "6", "--years", "1", "--seed", "11",
        "--malformed-fraction", "0.05", "--quiet"};
    Path file = dir.resolve("events.jsonl");
    assertThat(PeerPulse.commandLine().execute(concat(flags, "--output", file.toString()))).isZero();
    List<String> lines = Files.readAllLines(file);
    long valid = lines.stream().filter(line -> EventJson.parse(line).isAccepted()).count();
    assertThat(valid).isBetween(1L, lines.size() - 1L);
    long eventsBefore = endOffset(Topics.EVENTS);
    long deadBefore = endOffset(Topics.EVENTS_DLQ);

    int exit = PeerPulse.commandLine().execute(concat(flags, "--bootstrap-servers", cluster.bootstrapServers(),
        "--schema-registry-url", registry.url().toString()));

    assertThat(exit).isZero();
    assertThat(endOffset(Topics.EVENTS) - eventsBefore).as("events sent").isEqualTo(valid);
    assertThat(endOffset(Topics.EVENTS_DLQ) - deadBefore).as("malformed rows dead-lettered").isEqualTo(lines.size() - valid);
  }

  private static String[] concat(String[] flags, String... more) {
    List<String> all = new ArrayList<>(List.of("generate"));
    all.addAll(List.of(flags));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** The sum of the end offsets of a topic's partitions. */
  private static long endOffset(String topic) throws Exception {
    try (Admin admin = cluster.admin()) {
      int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }
  }

  private static <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic) {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
        .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
