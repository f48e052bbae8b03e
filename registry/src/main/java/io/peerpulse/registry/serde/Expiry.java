package io.peerpulse.registry.serde;

import java.time.Duration;

/**
 * When a cached decision that depends on a subject's latest version must be made again
 * ({@code latest.cache.ttl.sec}); {@link #NEVER} for everything else, which is immutable.
 */
record Expiry(boolean expires, long deadlineNanos) {

  static final Expiry NEVER = new Expiry(false, 0);

  /** {@code ttl} from now, or never when {@code ttl} is null. */
  static Expiry after(Duration ttl) {
    return ttl == null ? NEVER : new Expiry(true, System.nanoTime() + ttl.toNanos());
  }

  /** Checked per record, so the clock is read only when an expiry is set. */
  boolean passed() {
    return expires && System.nanoTime() - deadlineNanos > 0;
  }
}
