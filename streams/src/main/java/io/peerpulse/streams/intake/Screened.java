package io.peerpulse.streams.intake;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.Rejection;
import io.peerpulse.streams.model.SequencedEvent;
import java.util.Objects;

/**
 * An event that passed a check ({@code rejection == null}) or was rejected by it. Lives only
 * between a checking processor and the branch that sends rejections to the dead-letter topic; never
 * serialized.
 */
public record Screened(SequencedEvent event, Rejection rejection) {

  public Screened {
    Objects.requireNonNull(event, "event");
  }

  public static Screened accepted(SequencedEvent event) {
    return new Screened(event, null);
  }

  public static Screened rejected(SequencedEvent event, Rejection rejection) {
    return new Screened(event, Objects.requireNonNull(rejection, "rejection"));
  }

  public boolean isAccepted() {
    return rejection == null;
  }

  public Event avro() {
    return event.event();
  }
}
