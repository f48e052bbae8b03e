package io.peerpulse.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerpulse.mapping.DeadLetterHeaders;
import io.peerpulse.connectors.avro.AvroConverter;
import io.peerpulse.event.Event;
import io.peerpulse.registry.client.MockSchemaRegistry;
import io.peerpulse.registry.serde.KafkaAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector in a real in-process Connect worker (distributed mode, exactly-once source
 * support enabled) on a real in-process broker, with the AvroConverter on a mock:// registry
 * shared with the test's deserializer.
 */
class RegisterSourceConnectorIT {

  private static final String SCOPE = "register-connector-it";
  private static final String CONNECTOR = "registers";

  @TempDir Path dir;
  private EmbeddedConnectCluster connect;

  @BeforeEach
  void start() {
    // one broker: the transaction log exactly-once needs must fit on it
    java.util.Properties broker = new java.util.Properties();
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    connect = new EmbeddedConnectCluster.Builder().name("peerpulse-connect").numWorkers(1).numBrokers(1).brokerProps(broker)
        .workerProps(new HashMap<>(Map.of("exactly.once.source.support", "enabled")))
        .build();
    connect.start();
  }

  @AfterEach
  void stop() {
    connect.stop();
    MockSchemaRegistry.drop(SCOPE);
  }

  private Map<String, String> connectorConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", RegisterSourceConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("exactly.once.support", "required");
    config.put(RegisterSourceConfig.INPUT_DIR, dir.toString());
    config.put(RegisterSourceConfig.POLL_INTERVAL_MS, "100");
    config.put("key.converter", StringConverter.class.getName());
    config.put("value.converter", AvroConverter.class.getName());
    config.put("value.converter.schema.registry.url", "mock://" + SCOPE);
    return config;
  }

  @Test
  void aRegisterFlowsToTheEventsTopicBadRowsToTheDeadLetterTopicAndASecondUploadRepeatsTheSameIds() throws Exception {
    connect.kafka().createTopic(RegisterSourceConfig.DEFAULT_TOPIC, 3);
    connect.kafka().createTopic(RegisterSourceConfig.DEFAULT_DLQ_TOPIC, 1);
    connect.configureConnector(CONNECTOR, connectorConfig());
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "connector did not start");

    Files.writeString(dir.resolve("feb.csv"), RegisterSourceTaskTest.REGISTER, StandardCharsets.UTF_8);
    await().atMost(Duration.ofSeconds(60)).until(() -> finished().size() == 1);

    List<Event> events = events(3);
    assertThat(events).extracting(Event::getSiteId).containsExactlyInAnyOrder("ulm", "ulm", "santiago");
    List<ConsumerRecord<byte[], byte[]>> dead = records(2, RegisterSourceConfig.DEFAULT_DLQ_TOPIC);
    assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.SOURCE_LINE)).containsExactlyInAnyOrder("4", "6");
    assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REASON)).containsExactlyInAnyOrder("MISSING_FIELD", "BAD_TIMESTAMP");
    assertThat(dead).allSatisfy(r -> assertThat(header(r, DeadLetterHeaders.SOURCE_NAME)).isEqualTo("feb.csv"));

    Files.writeString(dir.resolve("feb.csv"), RegisterSourceTaskTest.REGISTER, StandardCharsets.UTF_8);
    await().atMost(Duration.ofSeconds(60)).until(() -> finished().size() == 2);
    List<Event> both = events(6);
    assertThat(both.stream().map(Event::getEventId).distinct()).as("the same three event ids twice").hasSize(3)
        .containsExactlyInAnyOrderElementsOf(events.stream().map(Event::getEventId).toList());
    assertThat(records(4, RegisterSourceConfig.DEFAULT_DLQ_TOPIC)).hasSize(4);
  }

  private List<String> finished() throws Exception {
    Path finished = dir.resolve("finished");
    if (!Files.isDirectory(finished)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(finished)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> records(int count, String topic) {
    // read_committed: records of an aborted transaction must not count
    var records = connect.kafka().consume(count, 60_000, Map.of("isolation.level", "read_committed"), topic);
    return StreamSupport.stream(records.spliterator(), false).toList();
  }

  private List<Event> events(int count) {
    try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
      deserializer.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", true), false);
      return records(count, RegisterSourceConfig.DEFAULT_TOPIC).stream()
          .map(r -> (Event) deserializer.deserialize(r.topic(), r.value())).toList();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
