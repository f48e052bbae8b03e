package io.peerpulse.app.ingest;

/**
 * Kafka or the schema registry did not take the rows in time. Some rows may have been written;
 * sending the whole input again is safe because every event has an {@code event_id} (registers
 * derive one from the content) and a repeated event counts once. The HTTP API answers 503 with
 * {@code Retry-After}.
 */
public final class IngestUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IngestUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
