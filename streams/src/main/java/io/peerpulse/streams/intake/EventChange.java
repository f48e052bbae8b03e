package io.peerpulse.streams.intake;

import io.peerpulse.streams.model.SequencedEvent;
import java.util.Objects;

/**
 * What the deduplicate-and-void stage says about one event.
 *
 * @param event the event
 * @param firstArrival true exactly once per accepted event_id (voids and later-voided events
 *     included): it moves its site's horizon
 * @param effect whether the event starts counting, stops counting, or neither (a void, or an event
 *     that arrived after its void)
 */
public record EventChange(SequencedEvent event, boolean firstArrival, Effect effect) {

  public EventChange {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(effect, "effect");
  }

  public enum Effect {
    /** Counts from now on (upsert). */
    EFFECTIVE,
    /** Stops counting: it was voided. */
    RETRACTED,
    /** No change to what counts. */
    NONE,
    /**
     * A void whose target has not arrived within {@code orphan.void.days}: reported on the
     * dead-letter topic as ORPHAN_VOID by the deduplicate stage; never leaves it.
     */
    ORPHANED
  }
}
