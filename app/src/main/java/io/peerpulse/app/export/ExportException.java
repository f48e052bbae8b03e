package io.peerpulse.app.export;

/** An export that cannot be done (Kafka unreachable, topic missing, a record that cannot be decoded); the message says what to fix. */
public final class ExportException extends Exception {

  private static final long serialVersionUID = 1L;

  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
