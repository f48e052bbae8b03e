package io.peerpulse.app.query;

/**
 * Some partitions of the published store cannot be read right now: not owned by a running
 * instance (rebalancing, restoring, starting), an instance unreachable, or the partition count not
 * known. Transient by nature; the query is retried and then answered with 503.
 */
public final class PartitionsUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  public PartitionsUnavailableException(String message) {
    super(message);
  }

  public PartitionsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
