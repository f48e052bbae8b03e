package io.peerpulse.streams.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** An inclusive range of dates, {@code first <= last}. */
public record DateRange(LocalDate first, LocalDate last) {

  public DateRange {
    if (first == null || last == null) {
      throw new IllegalArgumentException("date range needs both ends, got " + first + ".." + last);
    }
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("date range ends before it starts: " + first + ".." + last);
    }
  }

  public static DateRange of(LocalDate day) {
    return new DateRange(day, day);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(first) && !day.isAfter(last);
  }

  public boolean overlaps(DateRange other) {
    return !other.last.isBefore(first) && !other.first.isAfter(last);
  }

  /** The days in both ranges, empty when they do not overlap. */
  public Optional<DateRange> intersect(DateRange other) {
    LocalDate from = first.isAfter(other.first) ? first : other.first;
    LocalDate to = last.isBefore(other.last) ? last : other.last;
    return to.isBefore(from) ? Optional.empty() : Optional.of(new DateRange(from, to));
  }

  /** The days of this range on or before {@code day}, empty when it starts after it. */
  public Optional<DateRange> upTo(LocalDate day) {
    if (day.isBefore(first)) {
      return Optional.empty();
    }
    return Optional.of(day.isBefore(last) ? new DateRange(first, day) : this);
  }

  public long days() {
    return ChronoUnit.DAYS.between(first, last) + 1;
  }
}
