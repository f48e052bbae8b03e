package io.peerpulse.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerpulse.connectors.avro.AvroConverter;
import io.peerpulse.event.Event;
import io.peerpulse.mapping.DeadLetterHeaders;
import io.peerpulse.registry.client.MockSchemaRegistry;
import io.peerpulse.registry.serde.KafkaAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector in a real in-process Connect worker (distributed mode, exactly-once source
 * support enabled) on a real in-process broker, with the AvroConverter on a mock:// registry
 * shared with the test's deserializer. One cluster for the class (starting it is most of the
 * time); each test has its own connector, directory and topics.
 */
class RegisterSourceConnectorIT {

  private static final String SCOPE = "register-connector-it";

  private static EmbeddedConnectCluster connect;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    // one broker: the transaction log exactly-once needs must fit on it
    Properties broker = new Properties();
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    Map<String, String> worker = new HashMap<>();
    worker.put("exactly.once.source.support", "enabled");
    // a hung task is cancelled this soon after a stop request (default 5 s)
    worker.put("task.shutdown.graceful.timeout.ms", "500");
    connect = new EmbeddedConnectCluster.Builder().name("peerpulse-connect").numWorkers(1).numBrokers(1).brokerProps(broker)
        .workerProps(worker).build();
    connect.start();
  }

  @AfterEach
  void releaseGate() {
    BlockingGate.release(); // a cancelled zombie's thread, still held, may end now
  }

  @AfterAll
  static void stop() {
    connect.stop();
    MockSchemaRegistry.drop(SCOPE);
  }

  private Map<String, String> connectorConfig(String topic, String dlqTopic) {
    connect.kafka().createTopic(topic, 3);
    connect.kafka().createTopic(dlqTopic, 1);
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", RegisterSourceConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("exactly.once.support", "required");
    config.put(RegisterSourceConfig.INPUT_DIR, dir.toString());
    config.put(RegisterSourceConfig.POLL_INTERVAL_MS, "100");
    config.put(RegisterSourceConfig.TOPIC, topic);
    config.put(RegisterSourceConfig.DLQ_TOPIC, dlqTopic);
    config.put("key.converter", StringConverter.class.getName());
    config.put("value.converter", AvroConverter.class.getName());
    config.put("value.converter.schema.registry.url", "mock://" + SCOPE);
    return config;
  }

  @Test
  void aRegisterFlowsToTheEventsTopicBadRowsToTheDeadLetterTopicAndASecondUploadRepeatsTheSameIds() throws Exception {
    String topic = "upload.events";
    String dlq = "upload.dlq";
    connect.configureConnector("uploads", connectorConfig(topic, dlq));
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("uploads", 2, "connector did not start");

    Files.writeString(dir.resolve("feb.csv"), RegisterSourceTaskTest.REGISTER, StandardCharsets.UTF_8);
    await().atMost(Duration.ofSeconds(60)).until(() -> list("finished").size() == 1);

    List<Event> events = events(topic, 3);
    assertThat(events).extracting(Event::getSiteId).containsExactlyInAnyOrder("ulm", "ulm", "santiago");
    List<ConsumerRecord<byte[], byte[]>> dead = records(2, dlq);
    assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.SOURCE_LINE)).containsExactlyInAnyOrder("4", "6");
    assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REASON)).containsExactlyInAnyOrder("MISSING_FIELD", "BAD_TIMESTAMP");
    assertThat(dead).allSatisfy(r -> assertThat(header(r, DeadLetterHeaders.SOURCE_NAME)).isEqualTo("feb.csv"));

    Files.writeString(dir.resolve("feb.csv"), RegisterSourceTaskTest.REGISTER, StandardCharsets.UTF_8);
    await().atMost(Duration.ofSeconds(60)).until(() -> list("finished").size() == 2);
    List<Event> both = events(topic, 6);
    assertThat(both.stream().map(Event::getEventId).distinct()).as("the same three event ids twice").hasSize(3)
        .containsExactlyInAnyOrderElementsOf(events.stream().map(Event::getEventId).toList());
    assertThat(records(4, dlq)).hasSize(4);

    // a file that is no register at all (no header): to error, with one dead letter naming it and why
    Files.writeString(dir.resolve("headless.csv"), "ENROLLED,,ulm,2021-02-01,2021-02-01T09:00:00Z,p1,UPSIDES,CONTROL,COMMUNITY,\n",
        StandardCharsets.UTF_8);
    await().atMost(Duration.ofSeconds(60)).until(() -> list("error").stream().anyMatch(n -> n.endsWith("__headless.csv")));
    List<ConsumerRecord<byte[], byte[]>> refused = records(5, dlq).stream()
        .filter(r -> "headless.csv".equals(header(r, DeadLetterHeaders.SOURCE_NAME))).toList();
    assertThat(refused).singleElement().satisfies(r -> {
      assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo("SCHEMA_VIOLATION");
      assertThat(header(r, DeadLetterHeaders.MESSAGE)).contains("refused as a whole (BAD_HEADER)").doesNotContain("p1");
    });
    assertThat(list("error")).as("the register and its .error.txt").hasSize(2);
  }

  private static final int ROWS = 3_000;
  /** Every this many rows has a bad date and becomes a dead letter. */
  private static final int BAD_EVERY = 250;
  private static final int BLOCK_AFTER = 1_250;

  /**
   * A task killed mid-file: it hangs mid-register ({@link BlockingGate}) with a transaction open;
   * stopping the connector makes the worker give up on it after
   * {@code task.shutdown.graceful.timeout.ms} and cancel it (its producer closed, nothing more
   * committed), as when a worker dies. Resumed, a new task fences the old one and reads on after
   * the last committed line: every row is in the topics exactly once (read_committed).
   */
  @Test
  void aTaskKilledMidFileResumesWithNoRowMissingAndNoneRepeated() throws Exception {
    String topic = "killed.events";
    String dlq = "killed.dlq";
    Map<String, String> config = connectorConfig(topic, dlq);
    config.put("tasks.max", "1");
    config.put(RegisterSourceConfig.BATCH_SIZE, "100"); // one transaction per poll: many commits before the kill
    config.put("transforms", "gate");
    config.put("transforms.gate.type", BlockingGate.class.getName());
    config.put("transforms.gate.block.after", Integer.toString(BLOCK_AFTER));
    BlockingGate.arm();
    connect.configureConnector("killed", config);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("killed", 1, "connector did not start");

    Path part = dir.resolve("big.csv.part"); // written under another name, then renamed, as the README asks
    Files.writeString(part, bigRegister(), StandardCharsets.UTF_8);
    Files.move(part, dir.resolve("big.csv"), StandardCopyOption.ATOMIC_MOVE);
    assertThat(BlockingGate.awaitReached(60)).as("the task reached the gate mid-file").isTrue();

    connect.stopConnector("killed");
    connect.assertions().assertConnectorIsStopped("killed", "the hung task was not cancelled");
    List<ConnectorOffset> offsets = connect.connectorOffsets("killed").offsets();
    assertThat(offsets).hasSize(1);
    long committedLine = ((Number) offsets.get(0).offset().get(RegisterSourceTask.OFFSET_LINE)).longValue();
    assertThat(committedLine).as("committed mid-file, before the row the task hung at").isBetween(2L, (long) BLOCK_AFTER);
    assertThat(list("processing")).as("the register waits in processing").hasSize(1);
    assertThat(list("finished")).isEmpty();

    connect.resumeConnector("killed");
    await().atMost(Duration.ofSeconds(60)).until(() -> list("finished").size() == 1);

    List<String> expectedIds = IntStream.rangeClosed(1, ROWS).filter(i -> i % BAD_EVERY != 0).mapToObj(i -> id(i)).toList();
    Map<String, Long> eventIds = committedEvents(topic).stream()
        .collect(Collectors.groupingBy(Event::getEventId, Collectors.counting()));
    assertThat(eventIds.keySet()).containsExactlyInAnyOrderElementsOf(expectedIds);
    assertThat(eventIds.values()).as("each event once").containsOnly(1L);

    List<String> expectedLines = IntStream.rangeClosed(1, ROWS).filter(i -> i % BAD_EVERY == 0)
        .mapToObj(i -> Long.toString(i + 1L)).toList(); // row i is on line i + 1, after the header
    Map<String, Long> deadLines = committed(dlq).stream()
        .collect(Collectors.groupingBy(r -> header(r, DeadLetterHeaders.SOURCE_LINE), Collectors.counting()));
    assertThat(deadLines.keySet()).containsExactlyInAnyOrderElementsOf(expectedLines);
    assertThat(deadLines.values()).as("each dead letter once").containsOnly(1L);
  }

  private static String id(int row) {
    return String.format("big-%05d", row);
  }

  private static String bigRegister() {
    StringBuilder text = new StringBuilder(RegisterSourceTaskTest.HEADER);
    for (int row = 1; row <= ROWS; row++) {
      String date = row % BAD_EVERY == 0 ? "2021-13-01" : "2021-02-01";
      text.append("ENROLLED,").append(id(row)).append(",ulm,").append(date).append(",2021-02-01T09:00:00Z,p")
          .append(row).append(",UPSIDES,CONTROL,COMMUNITY,\n");
    }
    return text.toString();
  }

  private List<String> list(String sub) throws Exception {
    Path path = dir.resolve(sub);
    if (!Files.isDirectory(path)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** At least {@code count} records of {@code topic} (read_committed: records of an aborted transaction do not count). */
  private static List<ConsumerRecord<byte[], byte[]>> records(int count, String topic) {
    var records = connect.kafka().consume(count, 60_000, Map.of("isolation.level", "read_committed"), topic);
    return StreamSupport.stream(records.spliterator(), false).toList();
  }

  /** Everything committed to {@code topic} so far. */
  private static List<ConsumerRecord<byte[], byte[]>> committed(String topic) throws Exception {
    var records = connect.kafka().consumeAll(60_000, Map.of("isolation.level", "read_committed"), null, topic);
    return StreamSupport.stream(records.spliterator(), false).toList();
  }

  private static List<Event> events(String topic, int count) {
    return decode(records(count, topic));
  }

  private static List<Event> committedEvents(String topic) throws Exception {
    return decode(committed(topic));
  }

  private static List<Event> decode(List<ConsumerRecord<byte[], byte[]>> records) {
    try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
      deserializer.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", true), false);
      return records.stream().map(r -> (Event) deserializer.deserialize(r.topic(), r.value())).toList();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
