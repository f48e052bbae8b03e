package io.peerpulse.streams.topology;

import io.peerpulse.streams.model.Cause;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Carries the {@link Cause} of a row change in record headers from the processor that recomputes a
 * cell to the one that revises it (through the totals repartition too), so the domain's row values
 * stay free of lineage. Set by {@code apply-voids} (the event itself; for a retraction, the void),
 * kept by every re-keying and repartition on the way, read by {@code compute-site-cells}. Event ids
 * only: never a person or worker id.
 */
public final class CauseHeaders {

  static final String EVENT_ID = "peerpulse.cause.event-id";
  static final String EVENT_DATE = "peerpulse.cause.event-date";
  static final String RECORDED_AT = "peerpulse.cause.recorded-at";

  private CauseHeaders() {}

  /** Headers naming {@code cause}; empty headers for none. */
  public static Headers of(Cause cause) {
    RecordHeaders headers = new RecordHeaders();
    if (cause != null) {
      headers.add(EVENT_ID, bytes(cause.eventId()));
      headers.add(EVENT_DATE, bytes(cause.eventDate().toString()));
      headers.add(RECORDED_AT, bytes(cause.recordedAt().toString()));
    }
    return headers;
  }

  /** The cause in {@code headers}, or null when they name none. */
  public static Cause read(Headers headers) {
    String id = text(headers, EVENT_ID);
    String date = text(headers, EVENT_DATE);
    String recorded = text(headers, RECORDED_AT);
    if (id == null || date == null || recorded == null) {
      return null;
    }
    return new Cause(id, LocalDate.parse(date), Instant.parse(recorded));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Headers headers, String key) {
    Header header = headers == null ? null : headers.lastHeader(key);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
