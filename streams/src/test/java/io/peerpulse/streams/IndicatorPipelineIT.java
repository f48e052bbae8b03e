package io.peerpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerpulse.event.Event;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live pipeline on a real in-process 3-broker KRaft cluster, exactly-once, two instances of one
 * application: halfway through the input one instance is closed without cleanup while events keep
 * arriving; the survivor takes its tasks over. The internal indicator topic, read as a table
 * (read_committed, latest value per key, tombstones delete), must then equal the independent SQL
 * reference over the same events cell by cell (numerator, denominator, value within 1e-4, status;
 * not revision), for every indicator the engine defines ({@link Indicator}); and the dead-letter
 * topic must hold each rejected record exactly once.
 */
class IndicatorPipelineIT {

  /** Three sites on three different partitions of six ({@code murmur2(site) % 6} = 0, 2, 3). */
  private static final List<String> SITES = List.of("ulm", "santiago", "beer-sheva");
  private static final int PERSONS_PER_SITE = 8;
  private static final long SEED = 20_210_101L;
  private static final int PARTITIONS = 6;
  private static final short REPLICATION = 3;
  private static final String APPLICATION_ID = "peerpulse-indicators-it";
  private static final int GARBAGE_RECORDS = 3;
  private static final double TOLERANCE = 1e-4;
  private static final Duration CONVERGENCE = Duration.ofSeconds(150);

  private static final Logger LOG;

  static {
    // Brokers and clients log every config at INFO; keep theirs to warnings, ours and the phases at INFO.
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    LOG = LoggerFactory.getLogger(IndicatorPipelineIT.class);
  }

  private static KafkaClusterTestKit cluster;
  private static RegistryServer registry;

  @TempDir Path dir;

  @BeforeAll
  static void startClusterAndRegistry() throws Exception {
    cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(3).setNumControllerNodes(1).build())
        .setConfigProp("auto.create.topics.enable", "false")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("offsets.topic.replication.factor", "3")
        .setConfigProp("offsets.topic.num.partitions", "3")
        .setConfigProp("transaction.state.log.replication.factor", "3")
        .setConfigProp("transaction.state.log.min.isr", "2")
        .setConfigProp("transaction.state.log.num.partitions", "3")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    registry = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0).build());
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void twoInstancesOneClosedHalfwayGiveExactlyTheReferenceTable() throws Exception {
    List<String> history = PipelineHistory.generate(SEED, SITES, PERSONS_PER_SITE);
    Path jsonl = dir.resolve("events.jsonl");
    Files.write(jsonl, history);
    Map<String, ReferenceRow> expected = referenceTable(jsonl);
    Map<String, Integer> features = PipelineHistory.features(history);
    assertThat(features).as("what the history exercises").containsOnlyKeys("voids before their target",
        "voids after their target", "identical re-sends", "conflicting re-sends", "late events", "group contacts",
        "stay events at another site");
    long conflicts = features.get("conflicting re-sends");
    LOG.info("{} events, {}; {} reference rows", history.size(), features, expected.size());

    try (Admin admin = cluster.admin()) {
      assertThat(TopicAdmin.ensure(admin, PARTITIONS, REPLICATION).created())
          .containsExactlyInAnyOrder(Topics.EVENTS, Topics.EVENTS_DLQ, Topics.INDICATORS_INTERNAL, Topics.INDICATORS,
              Topics.LATE_CORRECTIONS);
      assertThat(TopicAdmin.ensure(admin, PARTITIONS, REPLICATION).created()).as("a second run creates nothing").isEmpty();
      ConfigResource internal = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INDICATORS_INTERNAL);
      Config internalConfig = admin.describeConfigs(List.of(internal)).all().get().get(internal);
      assertThat(internalConfig.get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(internalConfig.get("min.insync.replicas").value()).isEqualTo("2");

      try (IndicatorApplication first = application("first");
          IndicatorApplication second = application("second");
          KafkaProducer<String, byte[]> producer = producer();
          IndicatorTable table = new IndicatorTable()) {
        first.start();
        second.start();
        assertThat(first.awaitRunning(Duration.ofSeconds(90))).as("first instance running").isTrue();
        assertThat(second.awaitRunning(Duration.ofSeconds(90))).as("second instance running").isTrue();
        LOG.info("Both instances running");

        int half = history.size() / 2;
        send(producer, history.subList(0, half));
        await("the second instance commits processed input").atMost(Duration.ofSeconds(60))
            .until(() -> committedOffsets(second.kafkaStreams()) > 0);
        LOG.info("First half sent and partly processed; closing the second instance");
        second.close(Duration.ZERO); // no cleanUp(): its state directory stays as a crash leaves it
        send(producer, history.subList(half, history.size()));
        sendGarbage(producer);
        LOG.info("Second half sent");

        await("the indicator table equals the reference").atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> {
              assertThat(differences(expected, table.read())).as("cells differing from the reference").isEmpty();
              assertThat(unprocessedRecords(admin)).as("input records not yet processed").isZero();
            });

        LOG.info("The indicator table equals the reference");
        assertThat(second.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(first.state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(first.threadsReplaced()).isZero();
        Map<String, Long> deadLetters = new java.util.HashMap<>(deadLettersByReason());
        // A void still waiting for its target orphan.void.days after it in a task's stream time is
        // reported (and still held); how many depends on how arrivals interleave across partitions.
        long orphans = deadLetters.getOrDefault("ORPHAN_VOID", 0L);
        deadLetters.remove("ORPHAN_VOID");
        assertThat(orphans).as("orphan-void reports, at most one per void")
            .isLessThanOrEqualTo(history.stream().filter(line -> line.contains("\"VOID\"")).count());
        assertThat(deadLetters).as("each rejected record dead-lettered exactly once")
            .isEqualTo(Map.of("SCHEMA_VIOLATION", (long) GARBAGE_RECORDS, "DUPLICATE_CONFLICT", conflicts));
      }
    }
  }

  private IndicatorApplication application(String name) {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    config.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, registry.url().toString());
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + name).toString());
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(REPLICATION));
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    // Each exactly-once commit waits until every record it produced is on three replicas; on two
    // loaded cores committing every 100 ms (the EOS default) took longer than the processing, and
    // converging took about three times as long as with 1 s. A record crosses several
    // sub-topologies, visible to the next only after a commit, so latency stays a few seconds.
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
    config.put(StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS, "1000");
    config.put(StreamsAppConfig.REPARTITION_PARTITIONS, Integer.toString(PARTITIONS));
    // The closed instance stays in the group, as a crashed one would, until its session expires.
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
    assertThat(StreamsAppConfig.streamsProperties(config).getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .as("the default guarantee").isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    return new IndicatorApplication(config);
  }

  /** The reference's rows of every indicator the engine defines, by key. */
  private static Map<String, ReferenceRow> referenceTable(Path jsonl) {
    Set<String> engineIndicators = Arrays.stream(Indicator.values()).map(Enum::name).collect(Collectors.toSet());
    Map<String, ReferenceRow> rows = new TreeMap<>();
    for (ReferenceRow row : ReferenceIndicators.compute(jsonl, ReferenceConfig.defaults())) {
      if (engineIndicators.contains(row.indicator())) {
        rows.put(row.key(), row);
      }
    }
    assertThat(rows).as("reference rows").hasSizeGreaterThan(1000);
    assertThat(rows.values().stream().map(ReferenceRow::status).distinct()).containsExactlyInAnyOrder("FINAL", "PROVISIONAL");
    return rows;
  }

  private KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends events as Avro with our serializer, keyed by site, timestamped with recorded_at, in order. */
  private static void send(KafkaProducer<String, byte[]> producer, List<String> lines) {
    try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
      serializer.configure(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, registry.url().toString()), false);
      for (String line : lines) {
        ParseResult parsed = EventJson.parse(line);
        assertThat(parsed.isAccepted()).as("generated event %s", line).isTrue();
        Event event = ((ParseResult.Accepted) parsed).event();
        producer.send(new ProducerRecord<>(Topics.EVENTS, null, event.getRecordedAt().toEpochMilli(),
            event.getSiteId(), serializer.serialize(Topics.EVENTS, event)));
      }
    }
    producer.flush();
  }

  /** Bytes that are not an event in the Confluent wire format (no magic byte). */
  private static void sendGarbage(KafkaProducer<String, byte[]> producer) {
    for (int i = 0; i < GARBAGE_RECORDS; i++) {
      producer.send(new ProducerRecord<>(Topics.EVENTS, null, Instant.parse("2021-03-01T00:00:00Z").toEpochMilli(),
          SITES.get(i % SITES.size()), ("not an event " + i).getBytes(StandardCharsets.UTF_8)));
    }
    producer.flush();
  }

  /** Offsets the instance has committed on its active tasks' input partitions, summed. */
  private static long committedOffsets(KafkaStreams streams) {
    long sum = 0;
    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
      for (TaskMetadata task : thread.activeTasks()) {
        sum += task.committedOffsets().values().stream().mapToLong(Long::longValue).filter(o -> o > 0).sum();
      }
    }
    return sum;
  }

  /**
   * Data records (read_committed) at or after the group's committed offsets on every partition it
   * reads: the events topic, the repartition topics and any other topic it has committed offsets
   * on (the publication stage reads the internal indicator topic). Zero means every input was
   * processed and committed.
   */
  private static long unprocessedRecords(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Set<String> topics = new TreeSet<>(List.of(Topics.EVENTS));
    committed.keySet().forEach(partition -> topics.add(partition.topic()));
    admin.listTopics().names().get().stream()
        .filter(name -> name.startsWith(APPLICATION_ID + "-") && name.endsWith("-repartition"))
        .forEach(topics::add);
    for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
      description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
    }
    var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    long unprocessed = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> pending = new ArrayList<>();
      for (var end : ends.entrySet()) {
        OffsetAndMetadata offset = committed.get(end.getKey());
        long from = offset == null ? 0 : offset.offset();
        if (from < end.getValue().offset()) {
          pending.add(end.getKey());
        }
      }
      if (pending.isEmpty()) {
        return 0;
      }
      consumer.assign(pending);
      for (TopicPartition partition : pending) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, offset.offset());
        }
      }
      while (pending.stream().anyMatch(p -> consumer.position(p) < ends.get(p).offset())) {
        unprocessed += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    return unprocessed;
  }

  private static Map<String, Long> deadLettersByReason() {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Long> byReason = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS_DLQ).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          byReason.merge(String.valueOf(DeadLetters.text(record.headers(), DeadLetters.REASON)), 1L, Long::sum);
        }
      }
    }
    return byReason;
  }

  /** The cells where the streamed table and the reference differ (the first 20 and a count); empty when they agree. */
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
        differences.add(key + ": reference " + (want == null ? "none" : want.numerator() + "/" + want.denominator() + "="
            + want.value() + " " + want.status()) + ", streams " + (got == null ? "none" : got.getNumerator() + "/"
            + got.getDenominator() + "=" + got.getValue() + " " + got.getStatus()));
      }
    }
    if (differences.size() > 20) {
      List<String> first = new ArrayList<>(differences.subList(0, 20));
      first.add("... " + differences.size() + " cells differ in all");
      return first;
    }
    return differences;
  }

  private static boolean close(Double a, Double b) {
    return a == null ? b == null : b != null && Math.abs(a - b) <= TOLERANCE;
  }

  /** The internal indicator topic read as a table, read_committed, kept up to date across calls. */
  private static final class IndicatorTable implements AutoCloseable {
    private final KafkaConsumer<IndicatorKey, IndicatorValue> consumer;
    private final Map<String, IndicatorValue> rows = new TreeMap<>();

    IndicatorTable() {
      Topic<IndicatorKey, IndicatorValue> topic =
          Topics.of(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, registry.url().toString())).indicatorsInternal();
      Map<String, Object> props = Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
          ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
      consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** Reads what has been committed since the last call and returns the whole table. */
    Map<String, IndicatorValue> read() {
      Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<IndicatorKey, IndicatorValue> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            rows.remove(key(record.key()));
          } else {
            rows.put(key(record.key()), record.value());
          }
        }
      }
      return rows;
    }

    private static String key(IndicatorKey key) {
      return String.join(",", key.getIndicator(), key.getSiteId(), key.getProgramme(), key.getArm(), key.getPeriodType(),
          key.getPeriodStart().toString(), key.getPeriodEnd().toString());
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
