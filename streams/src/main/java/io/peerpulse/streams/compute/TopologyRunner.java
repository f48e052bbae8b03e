package io.peerpulse.streams.compute;

import io.peerpulse.event.Event;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.indicator.LateCorrection;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.streams.IndicatorTopology;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.Topics;
import io.peerpulse.streams.topology.SiteCellsStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs the indicator {@link IndicatorTopology} in-process with {@link TopologyTestDriver}: no
 * broker, the registry of a {@code mock://} scope, state in memory or in RocksDB files in a temporary
 * directory ({@link TopologySettings#inMemoryStores()}). One partition, so the arrival sequence is the piping order. Used by the
 * offline {@code compute} and by tests.
 *
 * <p>At-least-once unless told otherwise: TopologyTestDriver only simulates exactly-once, and its mock
 * producer drops what Kafka Streams' dead-letter queue sends while a record is deserialized (outside
 * the commit it then forgets), so undeserializable records would vanish instead of being
 * dead-lettered. On a broker they are part of the transaction.
 */
public final class TopologyRunner implements AutoCloseable {

  /** Dead letters kept as records; the rest are only counted, so memory stays bounded. */
  public static final int KEPT_DEAD_LETTERS = 1000;

  private final TopologySettings settings;
  private final Path stateDir;
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> rawEvents;
  private final KafkaAvroSerializer eventSerializer;
  private final TestOutputTopic<IndicatorKey, IndicatorValue> indicators;
  private final TestOutputTopic<IndicatorKey, IndicatorValue> publishedIndicators;
  private final TestOutputTopic<byte[], byte[]> deadLetterTopic;
  private final TestOutputTopic<IndicatorKey, LateCorrection> lateCorrectionTopic;
  private final List<KeyValue<IndicatorKey, LateCorrection>> lateCorrections = new ArrayList<>();
  private final Map<IndicatorKey, IndicatorValue> table = new HashMap<>();
  private final Map<IndicatorKey, IndicatorValue> publishedTable = new HashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<String, Long> deadLettersByReason = new TreeMap<>();
  private long lateCorrectionsSeen;

  /** One record of the dead-letter topic. */
  public record DeadLetter(byte[] key, byte[] value, Headers headers) {
    public String reason() {
      return DeadLetters.text(headers, DeadLetters.REASON);
    }

    public String header(String name) {
      return DeadLetters.text(headers, name);
    }
  }

  /**
   * @param settings topology settings; their {@code schema.registry.url} should be a
   *     {@code mock://} scope of the caller's
   * @param streamsConfig further Kafka Streams settings; may be empty
   */
  public TopologyRunner(TopologySettings settings, Map<String, ?> streamsConfig) {
    this.settings = settings;
    try {
      this.stateDir = Files.createTempDirectory("peerpulse-compute-");
    } catch (IOException e) {
      throw new UncheckedIOException("creating a state directory", e);
    }
    Map<String, Object> config = new HashMap<>(streamsConfig);
    config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "peerpulse-compute");
    config.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
    config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.putAll(settings.registryConfig());
    Properties props = StreamsAppConfig.streamsProperties(config);
    this.driver = new TopologyTestDriver(IndicatorTopology.build(settings), props, Instant.EPOCH);
    this.rawEvents = driver.createInputTopic(Topics.EVENTS, new StringSerializer(), new ByteArraySerializer());
    this.eventSerializer = new KafkaAvroSerializer();
    eventSerializer.configure(settings.registryConfig(), false);
    Topics topics = Topics.of(settings.registryConfig());
    Topic<IndicatorKey, IndicatorValue> out = topics.indicatorsInternal();
    this.indicators = driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer());
    Topic<IndicatorKey, IndicatorValue> published = topics.indicators();
    this.publishedIndicators = driver.createOutputTopic(published.name(), published.keySerde().deserializer(),
        published.valueSerde().deserializer());
    this.deadLetterTopic = driver.createOutputTopic(Topics.EVENTS_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Topic<IndicatorKey, LateCorrection> corrections = topics.lateCorrections();
    this.lateCorrectionTopic = driver.createOutputTopic(corrections.name(), corrections.keySerde().deserializer(),
        corrections.valueSerde().deserializer());
  }

  /** Pipes one event, keyed by its site, timestamped with its recorded_at, in the Avro wire format. */
  public void pipe(Event event) {
    pipeRaw(event.getSiteId(), eventSerializer.serialize(Topics.EVENTS, event), event.getRecordedAt());
  }

  /** Pipes raw bytes to the events topic (bad input for tests). */
  public void pipeRaw(String key, byte[] value, Instant timestamp) {
    rawEvents.pipeInput(key, value, timestamp);
  }

  /** Runs cell punctuations until no cell is dirty, then collects the output. */
  public void flush() {
    do {
      driver.advanceWallClockTime(settings.cellsFlushInterval());
    } while (hasDirtyCells());
    drain();
  }

  /** The indicator table so far: the latest value per key, without keys whose latest is a tombstone. */
  public Map<IndicatorKey, IndicatorValue> table() {
    drain();
    return table;
  }

  /** The published (suppressed) table so far, as {@link #table()} for the exact one. */
  public Map<IndicatorKey, IndicatorValue> publishedTable() {
    drain();
    return publishedTable;
  }

  /** The first {@value #KEPT_DEAD_LETTERS} dead letters (all are counted in {@link #deadLettersByReason}). */
  public List<DeadLetter> deadLetters() {
    drain();
    return deadLetters;
  }

  /**
   * The first {@value #KEPT_DEAD_LETTERS} late corrections (changes to FINAL values) in order; the
   * rest are only counted in {@link #lateCorrectionCount()}.
   */
  public List<KeyValue<IndicatorKey, LateCorrection>> lateCorrections() {
    drain();
    return lateCorrections;
  }

  /** How many late corrections were written so far. */
  public long lateCorrectionCount() {
    drain();
    return lateCorrectionsSeen;
  }

  /** Every dead letter so far, counted by reason code. */
  public Map<String, Long> deadLettersByReason() {
    drain();
    return deadLettersByReason;
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  private boolean hasDirtyCells() {
    KeyValueStore<String, Object> dirty = driver.getKeyValueStore(SiteCellsStage.DIRTY_CELL_STORE);
    try (KeyValueIterator<String, Object> it = dirty.all()) {
      return it.hasNext();
    }
  }

  private void drain() {
    drainTable(indicators, table);
    drainTable(publishedIndicators, publishedTable);
    while (!lateCorrectionTopic.isEmpty()) {
      TestRecord<IndicatorKey, LateCorrection> record = lateCorrectionTopic.readRecord();
      lateCorrectionsSeen++;
      if (lateCorrections.size() < KEPT_DEAD_LETTERS) {
        lateCorrections.add(KeyValue.pair(record.key(), record.value()));
      }
    }
    while (!deadLetterTopic.isEmpty()) {
      TestRecord<byte[], byte[]> record = deadLetterTopic.readRecord();
      DeadLetter letter = new DeadLetter(record.key(), record.value(), record.headers());
      deadLettersByReason.merge(String.valueOf(letter.reason()), 1L, Long::sum);
      if (deadLetters.size() < KEPT_DEAD_LETTERS) {
        deadLetters.add(letter);
      }
    }
  }

  private static void drainTable(TestOutputTopic<IndicatorKey, IndicatorValue> topic,
      Map<IndicatorKey, IndicatorValue> into) {
    while (!topic.isEmpty()) {
      TestRecord<IndicatorKey, IndicatorValue> record = topic.readRecord();
      if (record.value() == null) {
        into.remove(record.key());
      } else {
        into.put(record.key(), record.value());
      }
    }
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      eventSerializer.close();
      deleteQuietly(stateDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
