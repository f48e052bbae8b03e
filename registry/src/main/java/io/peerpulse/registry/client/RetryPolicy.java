package io.peerpulse.registry.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Confluent's retry schedule: up to {@code max.retries} more rounds after the first, waiting an
 * exponentially growing ceiling ({@code retries.wait.ms} * 2^round, capped at
 * {@code retries.max.wait.ms}) with full jitter, so many clients restarted together do not hit a
 * recovering registry in lock-step.
 */
public record RetryPolicy(int maxRetries, Duration initialWait, Duration maxWait) {

  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  public static final int MAX_RETRIES_DEFAULT = 3;
  public static final int RETRIES_WAIT_MS_DEFAULT = 1000;
  public static final int RETRIES_MAX_WAIT_MS_DEFAULT = 20000;

  /** Statuses worth another try: timeouts, throttling and server-side failures. */
  public static boolean isRetriable(int status) {
    return status == 408 || status == 429
        || status == 500 || status == 502 || status == 503 || status == 504;
  }

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException(MAX_RETRIES + " must be >= 0, was " + maxRetries);
    }
  }

  public static RetryPolicy from(ConfigReader config) {
    return new RetryPolicy(
        config.integer(MAX_RETRIES, MAX_RETRIES_DEFAULT),
        Duration.ofMillis(config.integer(RETRIES_WAIT_MS, RETRIES_WAIT_MS_DEFAULT)),
        Duration.ofMillis(config.integer(RETRIES_MAX_WAIT_MS, RETRIES_MAX_WAIT_MS_DEFAULT)));
  }

  /** Wait before round {@code round + 1}; zero when waiting is configured off. */
  public Duration delayAfter(int round) {
    long ceiling = Math.min(initialWait.toMillis() << Math.min(round, 30), maxWait.toMillis());
    if (ceiling <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling) + 1);
  }
}
