package io.peerpulse.mapping;

import io.peerpulse.event.Event;
import java.util.Objects;

/**
 * The outcome of parsing one input: either {@link Accepted} with the event or a {@link Rejection}.
 * Callers branch with {@code instanceof}: {@code if (result instanceof ParseResult.Accepted a) ...}.
 */
public sealed interface ParseResult permits ParseResult.Accepted, Rejection {

  /** A valid event. */
  record Accepted(Event event) implements ParseResult {
    public Accepted {
      Objects.requireNonNull(event, "event");
    }
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }
}
