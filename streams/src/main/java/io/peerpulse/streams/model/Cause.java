package io.peerpulse.streams.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The event that changed an indicator cell, carried with the cell's inputs so that a change to a
 * FINAL value can name it on {@code peerpulse.late-corrections.v1}.
 *
 * @param eventId the event's id (for a void, the void's own id)
 * @param eventDate its site-local occurred_at date
 * @param recordedAt its recorded_at
 */
public record Cause(String eventId, LocalDate eventDate, Instant recordedAt) {

  public Cause {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventDate, "eventDate");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }

  /** The cause of an arrival: the event itself. */
  public static Cause of(SequencedEvent event) {
    return new Cause(event.event().getEventId(), event.date(), event.event().getRecordedAt());
  }

  /** The UTC date of recorded_at minus the occurred date: how late the source recorded it. */
  public int daysLate() {
    return (int) ChronoUnit.DAYS.between(eventDate, recordedAt.atOffset(ZoneOffset.UTC).toLocalDate());
  }
}
