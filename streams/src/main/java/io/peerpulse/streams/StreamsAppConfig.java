package io.peerpulse.streams;

import io.peerpulse.streams.intake.IntakeDeserializationHandler;
import io.peerpulse.streams.publish.SuppressionRule;
import io.peerpulse.streams.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;

/**
 * The streams application's settings from one flat map (the CLI merges defaults, properties file,
 * {@code PEERPULSE_*} environment variables and flags into it): Kafka Streams keys pass through,
 * PeerPulse keys become {@link TopologySettings}, serde keys go to the Avro serdes.
 *
 * <table>
 *   <caption>PeerPulse keys and their defaults</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>application.id</td><td>peerpulse-indicators</td><td>Kafka Streams application id (prefix of internal topics)</td></tr>
 *   <tr><td>bootstrap.servers</td><td>localhost:9092</td><td>Kafka brokers</td></tr>
 *   <tr><td>schema.registry.url</td><td>http://localhost:8081</td><td>registry of the Avro topics</td></tr>
 *   <tr><td>processing.guarantee</td><td>exactly_once_v2</td><td>Kafka Streams guarantee</td></tr>
 *   <tr><td>lateness.days</td><td>35</td><td>site watermark = horizon - lateness</td></tr>
 *   <tr><td>min.dose</td><td>3</td><td>MIN_DOSE_3 threshold</td></tr>
 *   <tr><td>threshold.hours</td><td>20</td><td>PSW_OVER_THRESHOLD weekly hours per FTE</td></tr>
 *   <tr><td>future.horizon.days</td><td>1</td><td>FUTURE_EVENT: occurred_at date more than this after recorded_at's date</td></tr>
 *   <tr><td>orphan.void.days</td><td>90</td><td>a void whose target has not come this many days after it is reported as ORPHAN_VOID</td></tr>
 *   <tr><td>definition.version</td><td>1</td><td>written on every indicator value</td></tr>
 *   <tr><td>repartition.partitions</td><td>6</td><td>partitions of every named repartition topic</td></tr>
 *   <tr><td>cells.flush.interval.ms</td><td>1000</td><td>wall-clock interval of cell recomputation</td></tr>
 *   <tr><td>cells.flush.max.cells</td><td>5000</td><td>cells recomputed per punctuation and task at most</td></tr>
 *   <tr><td>suppression.rule</td><td>nhs</td><td>publication rule: nhs or none (docs/publication.md)</td></tr>
 *   <tr><td>suppression.min.count</td><td>7</td><td>counts 1..this are suppressed</td></tr>
 *   <tr><td>suppression.rounding.base</td><td>5</td><td>other counts rounded to a multiple of this</td></tr>
 *   <tr><td>suppression.min.workers</td><td>3</td><td>workload rows need this many distinct workers</td></tr>
 * </table>
 * Always set, whatever is given: {@code deserialization.exception.handler} (dead-letters bad bytes
 * on the events topic) and {@code errors.dead.letter.queue.topic.name} = peerpulse.events-dlq.v1
 * unless given.
 */
public final class StreamsAppConfig {

  public static final String LATENESS_DAYS = "lateness.days";
  public static final String MIN_DOSE = "min.dose";
  public static final String THRESHOLD_HOURS = "threshold.hours";
  public static final String DEFINITION_VERSION = "definition.version";
  public static final String FUTURE_HORIZON_DAYS = "future.horizon.days";
  public static final String ORPHAN_VOID_DAYS = "orphan.void.days";
  public static final String REPARTITION_PARTITIONS = "repartition.partitions";
  public static final String CELLS_FLUSH_INTERVAL_MS = "cells.flush.interval.ms";
  public static final String CELLS_FLUSH_MAX_CELLS = "cells.flush.max.cells";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  private static final Set<String> PEERPULSE_KEYS = Set.of(LATENESS_DAYS, MIN_DOSE, THRESHOLD_HOURS,
      DEFINITION_VERSION, FUTURE_HORIZON_DAYS, ORPHAN_VOID_DAYS, REPARTITION_PARTITIONS, CELLS_FLUSH_INTERVAL_MS, CELLS_FLUSH_MAX_CELLS,
      SuppressionRule.RULE, SuppressionRule.MIN_COUNT, SuppressionRule.ROUNDING_BASE, SuppressionRule.MIN_WORKERS);

  /** Prefixes and keys read by the Avro serdes and registry client (Confluent names). */
  private static final Set<String> SERDE_PREFIXES = Set.of("schema.registry.", "basic.auth.", "bearer.auth.",
      "auto.register.schemas", "use.latest.version", "latest.", "normalize.schemas", "key.subject.name.strategy",
      "value.subject.name.strategy", "avro.", "specific.avro.");

  private StreamsAppConfig() {}

  public static Map<String, Object> defaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, "peerpulse-indicators");
    defaults.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    defaults.put(SCHEMA_REGISTRY_URL, "http://localhost:8081");
    defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // No global stores here; enabling it only silences Kafka 4.x's start-up warning (the default from 5.0).
    defaults.put("processing.exception.handler.global.enabled", "true");
    defaults.put(LATENESS_DAYS, Integer.toString(EngineConfig.DEFAULTS.latenessDays()));
    defaults.put(MIN_DOSE, Integer.toString(EngineConfig.DEFAULTS.minDose()));
    defaults.put(THRESHOLD_HOURS, Double.toString(EngineConfig.DEFAULTS.thresholdHours()));
    defaults.put(DEFINITION_VERSION, Integer.toString(EngineConfig.DEFAULTS.definitionVersion()));
    defaults.put(FUTURE_HORIZON_DAYS, Integer.toString(EngineConfig.DEFAULTS.futureHorizonDays()));
    defaults.put(ORPHAN_VOID_DAYS, Integer.toString(EngineConfig.DEFAULTS.orphanVoidDays()));
    defaults.put(REPARTITION_PARTITIONS, Integer.toString(TopologySettings.DEFAULT_REPARTITION_PARTITIONS));
    defaults.put(CELLS_FLUSH_INTERVAL_MS, Long.toString(TopologySettings.DEFAULT_CELLS_FLUSH_INTERVAL.toMillis()));
    defaults.put(CELLS_FLUSH_MAX_CELLS, Integer.toString(TopologySettings.DEFAULT_CELLS_FLUSH_MAX_CELLS));
    return defaults;
  }

  /** The publication rule of {@code given} ({@code suppression.*} keys) over its defaults. */
  public static SuppressionRule suppressionRule(Map<String, ?> given) {
    return SuppressionRule.fromConfig(merged(given));
  }

  /** The topology settings of {@code given} over the defaults. */
  public static TopologySettings topologySettings(Map<String, ?> given) {
    Map<String, Object> all = merged(given);
    EngineConfig engine = new EngineConfig(
        intValue(all, LATENESS_DAYS), intValue(all, MIN_DOSE), doubleValue(all, THRESHOLD_HOURS),
        intValue(all, DEFINITION_VERSION), intValue(all, FUTURE_HORIZON_DAYS), intValue(all, ORPHAN_VOID_DAYS));
    return new TopologySettings(engine, serdeConfig(all), intValue(all, REPARTITION_PARTITIONS),
        Duration.ofMillis(longValue(all, CELLS_FLUSH_INTERVAL_MS)), intValue(all, CELLS_FLUSH_MAX_CELLS), true);
  }

  /** Kafka Streams properties of {@code given} over the defaults, PeerPulse-only keys left out. */
  public static Properties streamsProperties(Map<String, ?> given) {
    Properties props = new Properties();
    for (Map.Entry<String, Object> entry : merged(given).entrySet()) {
      if (!PEERPULSE_KEYS.contains(entry.getKey())) {
        props.put(entry.getKey(), entry.getValue());
      }
    }
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, IntakeDeserializationHandler.class.getName());
    props.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.EVENTS_DLQ);
    // A record without a valid timestamp keeps the partition time instead of stopping the application.
    props.putIfAbsent(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, UsePartitionTimeOnInvalidTimestamp.class.getName());
    return props;
  }

  /** The keys the Avro serdes and registry client read. */
  static Map<String, Object> serdeConfig(Map<String, Object> all) {
    Map<String, Object> serde = new HashMap<>();
    for (Map.Entry<String, Object> entry : all.entrySet()) {
      for (String prefix : SERDE_PREFIXES) {
        if (entry.getKey().startsWith(prefix)) {
          serde.put(entry.getKey(), entry.getValue());
        }
      }
    }
    return serde;
  }

  private static Map<String, Object> merged(Map<String, ?> given) {
    Map<String, Object> all = defaults();
    given.forEach((key, value) -> {
      if (value != null) {
        all.put(key, value);
      }
    });
    return all;
  }

  private static int intValue(Map<String, Object> all, String key) {
    return (int) parse(all, key, "an integer", Integer::parseInt);
  }

  private static long longValue(Map<String, Object> all, String key) {
    return parse(all, key, "an integer", Long::parseLong);
  }

  private static double doubleValue(Map<String, Object> all, String key) {
    return parse(all, key, "a number", Double::parseDouble);
  }

  private static <T> T parse(Map<String, Object> all, String key, String expected, java.util.function.Function<String, T> parser) {
    String text = String.valueOf(all.get(key)).trim();
    try {
      return parser.apply(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": expected " + expected + ", got \"" + text + "\"", e);
    }
  }
}
