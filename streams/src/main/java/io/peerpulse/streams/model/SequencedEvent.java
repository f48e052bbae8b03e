package io.peerpulse.streams.model;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.EventDates;
import java.time.LocalDate;

/**
 * An effective (accepted, not duplicated, not voided) event with its arrival sequence.
 *
 * <p>The spec breaks a few ties by arrival order (two ENROLLED of one person on one date, several
 * ADMITTED for one stay, two WORKER_STATUS on one day). {@code seq} is that order: the event's
 * position in the events topic, {@code partition * 2^40 + offset}. The events topic is keyed by
 * site, so one site's events keep their arrival order; replaying a file through one partition
 * (the offline {@code compute}) gives file order.
 */
public record SequencedEvent(long seq, Event event) {

  public static long sequence(int partition, long offset) {
    return ((long) partition << 40) | offset;
  }

  /** The event's date: the local date written in {@code occurred_at}, no time-zone conversion. */
  public LocalDate date() {
    return EventDates.localDate(event);
  }
}
