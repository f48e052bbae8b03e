package io.peerpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.Topics;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code peerpulse reset} on a real single-node KRaft broker: a stopped application's committed
 * offset on the events topic, two internal topics and its local state directory. A dry run and an
 * unconfirmed run change nothing; a confirmed one moves the offset to the earliest (Kafka's
 * StreamsResetter), deletes exactly the application's internal topics and the local state.
 */
class ResetCommandIT {

  private static final String APP = "peerpulse-reset-test";
  private static final String CHANGELOG = APP + "-event-store-changelog";
  private static final String REPARTITION = APP + "-by-person-repartition";
  /** Another application's internal topic: never touched. */
  private static final String OTHER = "peerpulse-other-event-store-changelog";
  private static final TopicPartition EVENTS_0 = new TopicPartition(Topics.EVENTS, 0);

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
  }

  private static KafkaClusterTestKit cluster;
  @TempDir Path stateDir;

  @BeforeAll
  static void start() throws Exception {
    cluster = SingleBroker.start();
    try (Admin admin = cluster.admin()) {
      TopicAdmin.ensure(admin, 1, (short) 1);
    }
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        cluster.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(Topics.EVENTS, new byte[] {(byte) i})).get();
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The state of a stopped application: offset 5 committed, internal topics and local state present. */
  @BeforeEach
  void application() throws Exception {
    try (Admin admin = cluster.admin()) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = List.of(CHANGELOG, REPARTITION, OTHER).stream().filter(name -> !existing.contains(name))
          .map(name -> new NewTopic(name, 1, (short) 1)).toList();
      admin.createTopics(missing).all().get();
      admin.alterConsumerGroupOffsets(APP, Map.of(EVENTS_0, new OffsetAndMetadata(5))).all().get();
    }
    Files.createDirectories(stateDir.resolve(APP).resolve("0_0"));
    Files.writeString(stateDir.resolve(APP).resolve("0_0").resolve(".checkpoint"), "0\n");
  }

  @Test
  void dryRunListsWhatWouldBeResetAndChangesNothing() throws Exception {
    Result dry = reset("", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out())
        .contains("application " + APP + " on " + cluster.bootstrapServers() + " (dry run: nothing is changed)")
        .contains("internal topics to delete (2): " + REPARTITION + ", " + CHANGELOG)
        .contains("local state to delete (every task's stores): " + stateDir.resolve(APP))
        .contains("reset: dry run done");
    assertThat(dry.out()).doesNotContain(OTHER);
    assertUntouched();
  }

  @Test
  void withoutConfirmationNothingChanges() throws Exception {
    Result refused = reset("no\n");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("not confirmed; nothing was changed");
    assertUntouched();
  }

  @Test
  void confirmedResetMovesOffsetsDeletesInternalTopicsAndLocalState() throws Exception {
    Result done = reset(APP + "\n");
    assertThat(done.code()).as(done.out() + done.err()).isZero();
    assertThat(done.out()).contains("reset: done");
    try (Admin admin = cluster.admin()) {
      assertThat(admin.listTopics().names().get()).doesNotContain(CHANGELOG, REPARTITION).contains(OTHER, Topics.EVENTS);
      assertThat(admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get().get(EVENTS_0).offset()).isZero();
    }
    // KafkaStreams#cleanUp deletes every task's state; the application directory itself may stay
    // (Kafka Streams keeps its process id file there).
    assertThat(stateDir.resolve(APP).resolve("0_0")).doesNotExist();
  }

  private void assertUntouched() throws Exception {
    try (Admin admin = cluster.admin()) {
      assertThat(admin.listTopics().names().get()).contains(CHANGELOG, REPARTITION, OTHER);
      assertThat(admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get().get(EVENTS_0).offset()).isEqualTo(5);
    }
    assertThat(stateDir.resolve(APP).resolve("0_0").resolve(".checkpoint")).exists();
  }

  private record Result(int code, String out, String err) {}

  private Result reset(String typed, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ResetCommand(Map.of(), () -> new BufferedReader(new StringReader(typed))));
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--application-id", APP,
        "--bootstrap-servers", cluster.bootstrapServers(), "--state-dir", stateDir.toString()), java.util.Arrays.stream(more))
        .toArray(String[]::new);
    int code = command.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
