package io.peerpulse.mapping;

/**
 * Header names of every record on the dead-letter topic (spec/events.md, "Bad input"), whoever
 * wrote it: the streams application, the HTTP and command-line ingest, the register source
 * connector. One definition, so one consumer reads them all. Values are UTF-8 text; messages name
 * the field and never contain identifiers.
 */
public final class DeadLetterHeaders {

  /** Reason code, one of {@link Reason}. */
  public static final String REASON = "peerpulse.reason";
  /** The offending field; absent when no single field is to blame. */
  public static final String FIELD = "peerpulse.field";
  /** Human-readable message naming the field, the value and what was expected. */
  public static final String MESSAGE = "peerpulse.message";
  /** The topic the rejected record was read from (streams). */
  public static final String SOURCE_TOPIC = "peerpulse.source.topic";
  /** Its partition (streams). */
  public static final String SOURCE_PARTITION = "peerpulse.source.partition";
  /** Its offset (streams). */
  public static final String SOURCE_OFFSET = "peerpulse.source.offset";
  /** Where a rejected row came from outside Kafka: {@code http /v1/events}, a file name (ingest, connector). */
  public static final String SOURCE_NAME = "peerpulse.source.name";
  /** The row's 1-based line in that input (a register's header is line 1). */
  public static final String SOURCE_LINE = "peerpulse.source.line";
  /** When it was rejected, an ISO-8601 instant. */
  public static final String REJECTED_AT = "peerpulse.rejected.at";

  private DeadLetterHeaders() {}
}
