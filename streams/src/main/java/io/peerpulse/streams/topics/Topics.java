package io.peerpulse.streams.topics;

import io.peerpulse.event.Event;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.indicator.LateCorrection;
import io.peerpulse.registry.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The public topics the streams application reads and writes (spec/interfaces.md, "Topics"), with
 * their serdes. Avro serdes speak the Confluent wire format through our registry client, configured
 * with Confluent's keys ({@code schema.registry.url}, {@code mock://scope} in tests and offline).
 * Internal repartition and changelog topics are Streams-managed and named by the stages.
 */
public final class Topics {

  public static final String EVENTS = "peerpulse.events.v1";
  public static final String EVENTS_DLQ = "peerpulse.events-dlq.v1";
  public static final String INDICATORS_INTERNAL = "peerpulse.indicators-internal.v1";
  public static final String INDICATORS = "peerpulse.indicators.v1";
  public static final String LATE_CORRECTIONS = "peerpulse.late-corrections.v1";

  private final Topic<String, Event> events;
  private final Topic<byte[], byte[]> eventsDlq;
  private final Topic<String, Event> eventsDlqAvro;
  private final Topic<IndicatorKey, IndicatorValue> indicatorsInternal;
  private final Topic<IndicatorKey, IndicatorValue> indicators;
  private final Topic<IndicatorKey, LateCorrection> lateCorrections;

  private Topics(Map<String, ?> registryConfig) {
    Serde<Event> eventSerde = avro(Event.class, registryConfig, false);
    this.events = new Topic<>(EVENTS, Serdes.String(), eventSerde);
    this.eventsDlq = new Topic<>(EVENTS_DLQ, Serdes.ByteArray(), Serdes.ByteArray());
    this.eventsDlqAvro = new Topic<>(EVENTS_DLQ, Serdes.String(), asOn(EVENTS, eventSerde));
    this.indicatorsInternal = new Topic<>(INDICATORS_INTERNAL,
        avro(IndicatorKey.class, registryConfig, true), avro(IndicatorValue.class, registryConfig, false));
    this.indicators = new Topic<>(INDICATORS,
        avro(IndicatorKey.class, registryConfig, true), avro(IndicatorValue.class, registryConfig, false));
    this.lateCorrections = new Topic<>(LATE_CORRECTIONS,
        avro(IndicatorKey.class, registryConfig, true), avro(LateCorrection.class, registryConfig, false));
  }

  /**
   * @param registryConfig the serde settings: at least {@code schema.registry.url}; also
   *     {@code auto.register.schemas} and the other Confluent serde keys
   */
  public static Topics of(Map<String, ?> registryConfig) {
    return new Topics(registryConfig);
  }

  /** Events from services, ingest and connectors: key site_id, value Avro {@link Event}. */
  public Topic<String, Event> events() {
    return events;
  }

  /**
   * The dead-letter topic as it is read: original key and value bytes, reasons in headers
   * ({@link io.peerpulse.streams.intake.DeadLetters}).
   */
  public Topic<byte[], byte[]> eventsDlq() {
    return eventsDlq;
  }

  /**
   * The dead-letter topic as the topology writes rejected Avro events: the event re-encoded in the
   * Confluent wire format exactly as on the events topic (its subject, so no new subject is
   * registered for the dead-letter topic and the bytes read back like an events-topic record). The
   * Avro binary equals what the producer wrote; the schema id is the application's.
   */
  public Topic<String, Event> eventsDlqForEvents() {
    return eventsDlqAvro;
  }

  /** Exact indicator values, restricted: key {@link IndicatorKey}, value {@link IndicatorValue}. */
  public Topic<IndicatorKey, IndicatorValue> indicatorsInternal() {
    return indicatorsInternal;
  }

  /**
   * Published values for evaluators, suppressed (docs/publication.md), compacted: key
   * {@link IndicatorKey}, value {@link IndicatorValue} without worker counts.
   */
  public Topic<IndicatorKey, IndicatorValue> indicators() {
    return indicators;
  }

  /**
   * Each change to an exact value after its cell became FINAL (restricted, like the internal topic:
   * exact values): key {@link IndicatorKey}, value {@link LateCorrection}. Kept, not compacted.
   */
  public Topic<IndicatorKey, LateCorrection> lateCorrections() {
    return lateCorrections;
  }

  /** A serde that (de)serializes as if on {@code topic}, whatever topic it is used for. */
  private static <T> Serde<T> asOn(String topic, Serde<T> serde) {
    return Serdes.serdeFrom(
        (ignored, value) -> serde.serializer().serialize(topic, value),
        (ignored, bytes) -> serde.deserializer().deserialize(topic, bytes));
  }

  private static <T extends SpecificRecord> Serde<T> avro(Class<T> type, Map<String, ?> config, boolean isKey) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(config, isKey);
    return serde;
  }
}
