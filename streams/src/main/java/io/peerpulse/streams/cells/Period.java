package io.peerpulse.streams.cells;

import io.peerpulse.streams.model.DateRange;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * One period of one type; {@code start} and {@code end} inclusive. The constructor rejects a
 * start and end that do not make a period of the type, so a malformed key fails where it is made.
 */
public record Period(PeriodType type, LocalDate start, LocalDate end) {

  /** Days in a ROLLING_28D period. */
  public static final int ROLLING_DAYS = 28;

  public Period {
    if (type == null || start == null || end == null) {
      throw new IllegalArgumentException("period: type, start and end are required, got " + type + " " + start + ".." + end);
    }
    if (!start.equals(startOf(type, end))) {
      throw new IllegalArgumentException("period: " + start + ".." + end + " is not a " + type + " period");
    }
  }

  public static Period day(LocalDate day) {
    return new Period(PeriodType.DAY, day, day);
  }

  /** The ISO week (Monday to Sunday) containing {@code day}. */
  public static Period week(LocalDate day) {
    LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return new Period(PeriodType.WEEK, monday, monday.plusDays(6));
  }

  /** The calendar month containing {@code day}. */
  public static Period month(LocalDate day) {
    return new Period(PeriodType.MONTH, day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
  }

  /** The 28 days ending on {@code end}. */
  public static Period rolling28(LocalDate end) {
    return new Period(PeriodType.ROLLING_28D, end.minusDays(ROLLING_DAYS - 1), end);
  }

  /**
   * The period of this type that ends on {@code day} for ROLLING_28D, or that contains {@code day}
   * for the calendar types.
   */
  public static Period of(PeriodType type, LocalDate day) {
    return switch (type) {
      case DAY -> day(day);
      case WEEK -> week(day);
      case MONTH -> month(day);
      case ROLLING_28D -> rolling28(day);
    };
  }

  /** Every period of every type that shares at least one day with {@code days}. */
  public static List<Period> overlapping(DateRange days) {
    List<Period> periods = new ArrayList<>();
    for (LocalDate d = days.first(); !d.isAfter(days.last()); d = d.plusDays(1)) {
      periods.add(day(d));
    }
    for (Period w = week(days.first()); !w.start().isAfter(days.last()); w = week(w.end().plusDays(1))) {
      periods.add(w);
    }
    for (Period m = month(days.first()); !m.start().isAfter(days.last()); m = month(m.end().plusDays(1))) {
      periods.add(m);
    }
    // A rolling period ending on E covers E-27..E, so it overlaps the range for E in first..last+27.
    LocalDate lastEnd = days.last().plusDays(ROLLING_DAYS - 1);
    for (LocalDate e = days.first(); !e.isAfter(lastEnd); e = e.plusDays(1)) {
      periods.add(rolling28(e));
    }
    return periods;
  }

  public DateRange range() {
    return new DateRange(start, end);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }

  private static LocalDate startOf(PeriodType type, LocalDate end) {
    return switch (type) {
      case DAY -> end;
      case WEEK -> end.getDayOfWeek() == DayOfWeek.SUNDAY ? end.minusDays(6) : null;
      case MONTH -> end.equals(end.with(TemporalAdjusters.lastDayOfMonth())) ? end.withDayOfMonth(1) : null;
      case ROLLING_28D -> end.minusDays(ROLLING_DAYS - 1);
    };
  }
}
