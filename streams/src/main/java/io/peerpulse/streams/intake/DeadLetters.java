package io.peerpulse.streams.intake;

import io.peerpulse.mapping.DeadLetterHeaders;
import io.peerpulse.mapping.Reason;
import io.peerpulse.streams.model.SequencedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of every record on {@code peerpulse.events-dlq.v1} (spec/events.md, "Bad input"), whether
 * Kafka Streams' dead-letter queue wrote it (undeserializable bytes) or a stage did (a valid Avro
 * event that breaks a rule, a conflicting duplicate). The key and value are the original record's
 * (for a rejected event, the event re-encoded in the same wire format). The names are
 * {@link DeadLetterHeaders}'; values are UTF-8 text; messages name the field and never contain
 * identifiers.
 */
public final class DeadLetters {

  /** Reason code, one of {@link Reason}. */
  public static final String REASON = DeadLetterHeaders.REASON;
  /** The offending field; absent when no single field is to blame. */
  public static final String FIELD = DeadLetterHeaders.FIELD;
  /** Human-readable message naming the field, the value and what was expected. */
  public static final String MESSAGE = DeadLetterHeaders.MESSAGE;
  public static final String SOURCE_TOPIC = DeadLetterHeaders.SOURCE_TOPIC;
  public static final String SOURCE_PARTITION = DeadLetterHeaders.SOURCE_PARTITION;
  public static final String SOURCE_OFFSET = DeadLetterHeaders.SOURCE_OFFSET;
  /** When it was rejected, an ISO-8601 instant. */
  public static final String REJECTED_AT = DeadLetterHeaders.REJECTED_AT;

  private static final long OFFSET_MASK = (1L << 40) - 1;

  private DeadLetters() {}

  /** {@code original}'s headers followed by the dead-letter headers. */
  public static Headers headers(Headers original, Reason reason, String field, String message,
      String sourceTopic, int sourcePartition, long sourceOffset, long rejectedAtMs) {
    RecordHeaders headers = new RecordHeaders();
    if (original != null) {
      for (Header header : original) {
        headers.add(header);
      }
    }
    add(headers, REASON, reason.name());
    if (field != null) {
      add(headers, FIELD, field);
    }
    add(headers, MESSAGE, message);
    add(headers, SOURCE_TOPIC, sourceTopic);
    add(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
    add(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
    add(headers, REJECTED_AT, Instant.ofEpochMilli(rejectedAtMs).toString());
    return headers;
  }

  /** The events-topic partition an arrival sequence ({@link SequencedEvent#sequence}) came from. */
  public static int partitionOf(long seq) {
    return (int) (seq >>> 40);
  }

  /** The events-topic offset an arrival sequence came from. */
  public static long offsetOf(long seq) {
    return seq & OFFSET_MASK;
  }

  /** The last value of header {@code key} as text, or null. */
  public static String text(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }
}
