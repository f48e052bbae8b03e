package io.peerpulse.app.embedded;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.mapping.Rejection;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JSON event lines to Kafka through the one validation of the mapping
 * ({@link EventJson#parse}): an accepted event goes Avro-encoded (Confluent wire format, our
 * registry) to {@value Topics#EVENTS} keyed by its site and timestamped with its
 * {@code recorded_at}; a rejected line goes as it was to {@value Topics#EVENTS_DLQ} with the
 * reason headers of {@link DeadLetters}. Idempotent producer, {@code acks=all}. Not thread-safe.
 */
public final class EventFeed implements AutoCloseable {

  /** {@link DeadLetters#SOURCE_TOPIC} of lines rejected here: they never reached a topic. */
  static final String SOURCE = "peerpulse-demo";
  private static final int MAX_LOGGED_FAILURES = 5;
  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

  private final KafkaProducer<String, byte[]> producer;
  private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public EventFeed(String bootstrapServers, String registryUrl) {
    serializer.configure(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.CLIENT_ID_CONFIG, "peerpulse-demo-feed"),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** Validates one line and sends it to the events or the dead-letter topic; returns whether it was accepted. */
  public boolean send(String line) {
    ParseResult result = EventJson.parse(line);
    if (result instanceof ParseResult.Accepted accepted) {
      Event event = accepted.event();
      producer.send(new ProducerRecord<>(Topics.EVENTS, null, timestamp(event), event.getSiteId(),
          serializer.serialize(Topics.EVENTS, event)), this::onCompletion);
      this.accepted.incrementAndGet();
      return true;
    }
    Rejection rejection = (Rejection) result;
    producer.send(new ProducerRecord<>(Topics.EVENTS_DLQ, null, null, null, line.getBytes(StandardCharsets.UTF_8),
        DeadLetters.headers(new RecordHeaders(), rejection.reason(), rejection.field(), rejection.message(), SOURCE,
            -1, -1, Instant.now().toEpochMilli())), this::onCompletion);
    rejected.incrementAndGet();
    return false;
  }

  /**
   * The record timestamp: the event's {@code recorded_at}, or now for an event recorded in the
   * future (the demo's accelerated clock), which brokers reject beyond
   * {@code message.timestamp.after.max.ms} (an hour by default). The engine reads event time from
   * the event, not from the record.
   */
  private static long timestamp(Event event) {
    return Math.min(event.getRecordedAt().toEpochMilli(), System.currentTimeMillis());
  }

  private void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null && failed.incrementAndGet() <= MAX_LOGGED_FAILURES) {
      // The exception names the topic and the error, never the event's content.
      LOG.warn("A record could not be written ({} so far): {}", failed.get(), exception.toString());
    }
  }

  /** Records the broker did not take (see the log). */
  public long failed() {
    return failed.get();
  }

  /** Waits until everything sent so far is acknowledged. */
  public void flush() {
    producer.flush();
  }

  public long accepted() {
    return accepted.get();
  }

  public long rejected() {
    return rejected.get();
  }

  @Override
  public void close() {
    // Bounded: on shutdown the broker may already be going, and unsent records are not worth a hang.
    producer.close(Duration.ofSeconds(5));
    serializer.close();
  }
}
