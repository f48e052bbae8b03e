package io.peerpulse.mapping;

import io.peerpulse.event.Event;
import java.util.Objects;

/** Comparison of two events that share an {@code event_id}. */
public final class EventEquivalence {

  private EventEquivalence() {}

  /**
   * Whether two events have the same body: every field equal except {@code recorded_at} and
   * {@code source} (indicators.md: a duplicate conflicts when any other field differs). Fields are
   * compared as sent: {@code occurred_at} {@code 2021-03-04} differs from {@code 2021-03-04T00:00Z},
   * and {@code person_ids} in another order differ.
   */
  public static boolean sameBody(Event a, Event b) {
    return Objects.equals(a.getEventId(), b.getEventId())
        && Objects.equals(a.getSiteId(), b.getSiteId())
        && Objects.equals(a.getOccurredAt(), b.getOccurredAt())
        && Objects.equals(a.getPayload(), b.getPayload());
  }
}
