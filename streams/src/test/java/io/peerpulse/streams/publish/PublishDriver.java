package io.peerpulse.streams.publish;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.registry.serde.SpecificAvroSerde;
import io.peerpulse.streams.topics.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * {@link PublishStage} alone under {@link TopologyTestDriver}: exact rows in on the internal topic,
 * published records out, with the Avro serdes of a {@code mock://publish-test} registry.
 */
final class PublishDriver implements AutoCloseable {

  static final String REGISTRY_URL = "mock://publish-test";
  static final String INTERNAL = "peerpulse.indicators-internal.v1";
  static final String PUBLISHED = "peerpulse.indicators.v1";

  private final Path stateDir;
  private final TopologyTestDriver driver;
  private final TestInputTopic<IndicatorKey, IndicatorValue> exact;
  private final TestOutputTopic<IndicatorKey, IndicatorValue> published;
  private final Map<IndicatorKey, IndicatorValue> table = new HashMap<>();
  private long time = 1_000;

  PublishDriver(SuppressionRule rule) {
    try {
      stateDir = Files.createTempDirectory("peerpulse-publish-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Topic<IndicatorKey, IndicatorValue> internalTopic = topic(INTERNAL);
    Topic<IndicatorKey, IndicatorValue> publishedTopic = topic(PUBLISHED);
    driver = new TopologyTestDriver(topology(rule), properties(stateDir), Instant.EPOCH);
    exact = driver.createInputTopic(INTERNAL, internalTopic.keySerde().serializer(),
        internalTopic.valueSerde().serializer());
    published = driver.createOutputTopic(PUBLISHED, publishedTopic.keySerde().deserializer(),
        publishedTopic.valueSerde().deserializer());
  }

  /** The stage in a builder with the naming checks of the application. */
  static Topology topology(SuppressionRule rule) {
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties(Path.of("unused")))));
    PublishStage.build(builder, topic(INTERNAL), topic(PUBLISHED), rule, 2);
    return builder.build();
  }

  static Topic<IndicatorKey, IndicatorValue> topic(String name) {
    return new Topic<>(name, avro(IndicatorKey.class, true), avro(IndicatorValue.class, false));
  }

  /** Writes one exact row (null: the row stopped existing). */
  void pipe(IndicatorKey key, IndicatorValue value) {
    exact.pipeInput(key, value, time++);
  }

  /** The published records written since the last call, in order; the table follows them. */
  List<KeyValue<IndicatorKey, IndicatorValue>> drain() {
    List<KeyValue<IndicatorKey, IndicatorValue>> records = new ArrayList<>();
    for (KeyValue<IndicatorKey, IndicatorValue> record : published.readKeyValuesToList()) {
      records.add(record);
      if (record.value == null) {
        table.remove(record.key);
      } else {
        table.put(record.key, record.value);
      }
    }
    return records;
  }

  /** The published topic as a compacted table, after {@link #drain()}. */
  Map<IndicatorKey, IndicatorValue> table() {
    drain();
    return table;
  }

  @Override
  public void close() {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static IndicatorKey key(String indicator, String site, String programme, String arm, String periodType,
      String start, String end) {
    return IndicatorKey.newBuilder().setIndicator(indicator).setSiteId(site).setProgramme(programme).setArm(arm)
        .setPeriodType(periodType).setPeriodStart(LocalDate.parse(start)).setPeriodEnd(LocalDate.parse(end)).build();
  }

  /** A MONTH 2021-02 key of programme UPSIDES, arm INTERVENTION. */
  static IndicatorKey monthKey(String indicator, String site) {
    return key(indicator, site, "UPSIDES", "INTERVENTION", "MONTH", "2021-02-01", "2021-02-28");
  }

  static IndicatorValue exactValue(Double numerator, Double denominator, Double value, IndicatorStatus status,
      int revision, Integer workers) {
    return IndicatorValue.newBuilder()
        .setNumerator(numerator)
        .setDenominator(denominator)
        .setValue(value)
        .setStatus(status)
        .setSuppressed(false)
        .setRevision(revision)
        .setDefinitionVersion(1)
        .setComputedAt(Instant.parse("2021-04-10T00:00:00Z"))
        .setWatermark(LocalDate.parse("2021-03-06"))
        .setWorkers(workers)
        .build();
  }

  /** A PROVISIONAL REACH_30-style exact value: percent of two counts. */
  static IndicatorValue percent(double numerator, double denominator) {
    return exactValue(numerator, denominator, denominator == 0 ? null : 100 * numerator / denominator,
        IndicatorStatus.PROVISIONAL, 0, null);
  }

  private static Properties properties(Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "publish-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    return props;
  }

  private static <T extends SpecificRecord> Serde<T> avro(Class<T> type, boolean isKey) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(Map.of("schema.registry.url", REGISTRY_URL), isKey);
    return serde;
  }
}
