package io.peerpulse.mapping;

import io.peerpulse.event.Event;
import java.time.LocalDate;

/**
 * The site-local date of an event: the date written in {@code occurred_at}, with no time-zone
 * conversion ({@code 2021-03-04T23:30:00-05:00} is 4 March). Every indicator counts by this date.
 */
public final class EventDates {

  private EventDates() {}

  public static LocalDate localDate(Event event) {
    return localDate(event.getOccurredAt());
  }

  /**
   * @throws IllegalArgumentException if the text is not a valid occurred_at value (an event that
   *     passed {@link EventJson#parse} always has one)
   */
  public static LocalDate localDate(String occurredAt) {
    long day = IsoTime.localDay(occurredAt);
    if (day == IsoTime.INVALID) {
      throw new IllegalArgumentException("occurred_at: expected an ISO date or a date-time with offset, got \""
          + Messages.cut(occurredAt) + "\"");
    }
    return LocalDate.ofEpochDay(day);
  }
}
