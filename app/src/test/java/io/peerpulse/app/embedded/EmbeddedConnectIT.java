package io.peerpulse.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerpulse.app.SingleBroker;
import io.peerpulse.event.Event;
import io.peerpulse.mapping.DeadLetterHeaders;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.RegisterCsv;
import io.peerpulse.mapping.RegisterRow;
import io.peerpulse.registry.serde.KafkaAvroDeserializer;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.compute.IndicatorRow;
import io.peerpulse.streams.compute.OfflineCompute;
import io.peerpulse.streams.topics.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's Connect worker ({@link EmbeddedConnect}: standalone, our plugins from the class path,
 * the AvroConverter on a real registry over HTTP) on a real broker, end to end to the indicators:
 * the same register uploaded twice gives exactly the indicators of the register uploaded once,
 * computed from what is in the events topic by the application's own topology
 * ({@link OfflineCompute}); and a register with raw identifiers and no key goes to error/ with
 * one dead letter.
 */
class EmbeddedConnectIT {

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
  }

  private static final String HEADER = "type,event_id,site_id,occurred_at,recorded_at,person_id,programme,arm,setting,"
      + "planned_days,person_ids,worker_id,worker_role,mode,duration_minutes,outcome\n";
  private static final int PERSONS = 12;

  @TempDir static Path dir;
  private static KafkaClusterTestKit cluster;
  private static RegistryServer registry;
  private static EmbeddedConnect connect;

  @BeforeAll
  static void start() throws Exception {
    cluster = SingleBroker.start();
    registry = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0).build());
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      TopicAdmin.ensure(admin, 1, (short) 1);
    }
    connect = EmbeddedConnect.start(new EmbeddedConnect.Settings(cluster.bootstrapServers(), registry.url(),
        dir.resolve("registers"), dir.resolve("connect").resolve("offsets"), Map.of("poll.interval.ms", "100")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (connect != null) {
      connect.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Enrolments at two sites with one to four attended contacts each; no event ids: the connector derives them. */
  private static String register() {
    StringBuilder text = new StringBuilder(HEADER);
    for (int person = 1; person <= PERSONS; person++) {
      String site = person % 3 == 0 ? "santiago" : "ulm";
      String arm = person % 2 == 0 ? "CONTROL" : "INTERVENTION";
      LocalDate enrolled = LocalDate.parse("2021-02-01").plusDays(person);
      text.append("ENROLLED,,").append(site).append(',').append(enrolled).append(',').append(enrolled).append("T09:00:00Z,p")
          .append(person).append(",UPSIDES,").append(arm).append(",COMMUNITY,,,,,,,\n");
      for (int contact = 1; contact <= 1 + person % 4; contact++) {
        LocalDate day = enrolled.plusDays(7L * contact);
        text.append("CONTACT,,").append(site).append(',').append(day).append(',').append(day).append("T18:00:00Z,,,,,,p")
            .append(person).append(",w").append(person % 2).append(",PSW,IN_PERSON,45,ATTENDED\n");
      }
    }
    return text.toString();
  }

  @Test
  void theSameRegisterUploadedTwiceCountsOnceInTheIndicators() throws Exception {
    String register = register();
    List<String> rows = RegisterCsv.withoutKey().readAll(register).stream().map(RegisterRow::json).toList();
    assertThat(RegisterCsv.withoutKey().readAll(register)).as("a register without bad rows").allMatch(RegisterRow::isAccepted);
    Path once = dir.resolve("once.jsonl");
    Files.write(once, rows);
    List<IndicatorRow> expected = OfflineCompute.compute(once, EngineConfig.DEFAULTS).rows();
    assertThat(expected).as("the register changes the indicators").isNotEmpty()
        .anyMatch(row -> row.siteId().equals("ulm") && row.numerator() != null && row.numerator() > 0);

    upload("feb.csv", register);
    await().atMost(Duration.ofSeconds(60)).until(() -> files(connect.settings().finished()).size() == 1);
    upload("feb.csv", register);
    await().atMost(Duration.ofSeconds(60)).until(() -> files(connect.settings().finished()).size() == 2);

    List<Event> events = readEvents(2 * rows.size());
    assertThat(events).hasSize(2 * rows.size());
    assertThat(events.stream().map(Event::getEventId).distinct()).as("every row twice, under one id").hasSize(rows.size());
    Path topic = dir.resolve("topic.jsonl");
    Files.write(topic, events.stream().map(EventJson::toJson).toList());
    List<IndicatorRow> twice = OfflineCompute.compute(topic, EngineConfig.DEFAULTS).rows();

    assertThat(twice).isEqualTo(expected);
  }

  @Test
  void aRegisterWithRawIdentifiersGoesToErrorWithOneDeadLetterAsTheDemoHasNoPseudonymKey() throws Exception {
    upload("raw.csv", "type,event_id,site_id,occurred_at,recorded_at,person_raw_id,reason\n"
        + "EXITED,x1,ulm,2021-02-01,2021-02-01T09:00:00Z,MRN-0042-7731,COMPLETED\n");
    await().atMost(Duration.ofSeconds(60)).until(() -> files(connect.settings().error()).size() == 2);

    List<ConsumerRecord<byte[], byte[]>> dead = readAll("peerpulse.events-dlq.v1", 1);
    assertThat(dead).singleElement().satisfies(record -> {
      assertThat(header(record, DeadLetterHeaders.SOURCE_NAME)).isEqualTo("raw.csv");
      assertThat(header(record, DeadLetterHeaders.MESSAGE)).contains("RAW_IDENTIFIERS_WITHOUT_KEY");
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("MRN-0042");
    });
    assertThat(connect.summary()).contains("1 in error").contains("connector RUNNING");
  }

  /** Writes under another name and renames, as a user should (the connector claims files as soon as they match *.csv). */
  private static void upload(String name, String text) throws Exception {
    Path part = dir.resolve(name + ".part");
    Files.writeString(part, text, StandardCharsets.UTF_8);
    Files.move(part, connect.inputDir().resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<String> files(Path path) throws Exception {
    try (Stream<Path> files = Files.list(path)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static List<Event> readEvents(int count) {
    try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
      deserializer.configure(Map.of("schema.registry.url", registry.url().toString(), "specific.avro.reader", true), false);
      return readAll("peerpulse.events.v1", count).stream()
          .map(record -> (Event) deserializer.deserialize(record.topic(), record.value())).toList();
    }
  }

  /** The first {@code count} records of {@code topic}, waiting up to a minute for them. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int count) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "embedded-connect-it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
