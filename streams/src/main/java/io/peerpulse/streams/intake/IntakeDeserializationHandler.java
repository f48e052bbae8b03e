package io.peerpulse.streams.intake;

import io.peerpulse.mapping.Reason;
import io.peerpulse.registry.serde.UnknownSchemaIdException;
import io.peerpulse.streams.metrics.PipelineMetrics;
import io.peerpulse.streams.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' dead-letter queue (KIP-1034) for bytes on the events topic that are not an event:
 * the original key and value go to {@code errors.dead.letter.queue.topic.name} with the reason
 * headers of {@link DeadLetters} ({@code UNKNOWN_SCHEMA_ID} when the registry does not know the
 * schema id, {@code SCHEMA_VIOLATION} for a bad magic byte, a cut header or bytes that are not Avro
 * of the schema) and processing continues.
 *
 * <p>Records of any other topic (the internal repartition topics) fail the application instead:
 * there an undeserializable record is a bug or a botched upgrade, and skipping it would silently
 * change indicator values.
 */
public final class IntakeDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeDeserializationHandler.class);

  private String deadLetterTopic = Topics.EVENTS_DLQ;
  private final Set<String> inputTopics = Set.of(Topics.EVENTS);
  private PipelineMetrics metrics = PipelineMetrics.NOOP;

  @Override
  public void configure(Map<String, ?> configs) {
    metrics = PipelineMetrics.from(configs);
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic != null && !topic.toString().isBlank()) {
      deadLetterTopic = topic.toString();
    }
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (!inputTopics.contains(record.topic())) {
      LOG.error("Cannot deserialize a record of internal topic {} partition {} offset {}: stopping",
          record.topic(), record.partition(), record.offset(), exception);
      return Response.fail();
    }
    Reason reason = reasonOf(exception);
    LOG.warn("Dead-lettering undeserializable record of {} partition {} offset {}: {}",
        record.topic(), record.partition(), record.offset(), reason);
    ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(deadLetterTopic, null, record.timestamp(),
        record.key(), record.value(),
        DeadLetters.headers(record.headers(), reason, "value", messageOf(reason, exception),
            record.topic(), record.partition(), record.offset(), System.currentTimeMillis()));
    metrics.eventRejected(PipelineMetrics.Source.STREAMS, reason);
    return Response.resume(List.of(deadLetter));
  }

  static Reason reasonOf(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof UnknownSchemaIdException) {
        return Reason.UNKNOWN_SCHEMA_ID;
      }
    }
    return Reason.SCHEMA_VIOLATION;
  }

  private static String messageOf(Reason reason, Exception exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof UnknownSchemaIdException unknown) {
        return "value: schema id " + unknown.schemaId() + " is not known to the schema registry";
      }
    }
    return "value: expected an Avro event in the Confluent wire format (magic byte 0, 4-byte schema id, "
        + "Avro binary of the schema), got bytes that are not: " + exception.getMessage();
  }
}
