package io.peerpulse.app.query;

import java.time.Duration;

/**
 * A query that could not be answered completely within its retry budget: answered with 503 and
 * {@code Retry-After}, never with part of the table.
 */
public final class QueryUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public QueryUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the client should wait before asking again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
