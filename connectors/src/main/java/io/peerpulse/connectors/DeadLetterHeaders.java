package io.peerpulse.connectors;

/**
 * Header names of dead-letter records (spec/events.md, "Bad input"), the same as the streams
 * application and the HTTP ingest write, so one consumer reads them all.
 *
 * <p>Duplicated on purpose: the names are defined in {@code io.peerpulse.streams.intake.DeadLetters}
 * and {@code io.peerpulse.app.ingest.IngestService}, and a Connect plugin may depend on neither
 * (it runs in a worker without the application). {@code DeadLetterHeadersTest} pins the values;
 * moving the names into {@code mapping} would remove the copy.
 */
public final class DeadLetterHeaders {

  /** Reason code, one of {@link io.peerpulse.mapping.Reason}. */
  public static final String REASON = "peerpulse.reason";
  /** The offending field; absent when no single field is to blame. */
  public static final String FIELD = "peerpulse.field";
  /** Message naming the field, the value and what was expected; never identifiers. */
  public static final String MESSAGE = "peerpulse.message";
  /** When it was rejected, an ISO-8601 instant. */
  public static final String REJECTED_AT = "peerpulse.rejected.at";
  /** Where the rejected row came from: here the register's file name. */
  public static final String SOURCE_NAME = "peerpulse.source.name";
  /** The row's 1-based line in that file (the header is line 1). */
  public static final String SOURCE_LINE = "peerpulse.source.line";

  private DeadLetterHeaders() {
  }
}
