package io.peerpulse.app.query;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the query API and how it reaches the other instances.
 *
 * @param retryFor how long a query keeps retrying while some partitions are unavailable before it
 *     is answered with 503
 * @param peerTimeout how long one request to another instance may take
 * @param connectTimeout how long connecting to another instance may take
 * @param retryAfter the {@code Retry-After} of a 503
 * @param coordinatorThreads queries answered at once; each waits for its peers on one of these threads,
 *     not on the HTTP server's, so two instances querying each other never wait for each other's threads
 * @param queuedQueries queries waiting for a coordinator thread at most; beyond, 503
 * @param peerScheme {@code http}, or {@code https} when the instances serve HTTPS (peers' certificates
 *     checked against the JVM's trust store)
 * @param peerAuthorization the {@code Authorization} header sent to the other instances
 *     ({@code Bearer <token>} of a principal with the evaluator role) when HTTP authentication is on;
 *     null when it is off. Never printed.
 */
public record QuerySettings(Duration retryFor, Duration peerTimeout, Duration connectTimeout, Duration retryAfter,
    int coordinatorThreads, int queuedQueries, String peerScheme, String peerAuthorization) {

  public static final QuerySettings DEFAULTS = new QuerySettings(Duration.ofSeconds(3), Duration.ofSeconds(20),
      Duration.ofSeconds(2), Duration.ofSeconds(5), 4, 64, "http", null);

  public QuerySettings {
    Objects.requireNonNull(retryFor, "retryFor");
    Objects.requireNonNull(peerTimeout, "peerTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (coordinatorThreads < 1 || queuedQueries < 0) {
      throw new IllegalArgumentException("coordinatorThreads: expected >= 1 and queuedQueries >= 0, got "
          + coordinatorThreads + " and " + queuedQueries);
    }
    if (!"http".equals(peerScheme) && !"https".equals(peerScheme)) {
      throw new IllegalArgumentException("peerScheme: expected http or https, got " + peerScheme);
    }
  }

  public QuerySettings withRetryFor(Duration value) {
    return new QuerySettings(value, peerTimeout, connectTimeout, retryAfter, coordinatorThreads, queuedQueries, peerScheme,
        peerAuthorization);
  }

  /** With the scheme and {@code Authorization} header ({@code null}: none) of requests to the other instances. */
  public QuerySettings withPeerAccess(String scheme, String authorization) {
    return new QuerySettings(retryFor, peerTimeout, connectTimeout, retryAfter, coordinatorThreads, queuedQueries, scheme,
        authorization);
  }

  /** {@code Retry-After} in whole seconds, at least 1. */
  long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  @Override
  public String toString() {
    return "QuerySettings[retryFor=" + retryFor + ", peerTimeout=" + peerTimeout + ", connectTimeout=" + connectTimeout
        + ", retryAfter=" + retryAfter + ", coordinatorThreads=" + coordinatorThreads + ", queuedQueries=" + queuedQueries
        + ", peerScheme=" + peerScheme + ", peerAuthorization=" + (peerAuthorization == null ? "none" : "(set)") + "]";
  }
}
