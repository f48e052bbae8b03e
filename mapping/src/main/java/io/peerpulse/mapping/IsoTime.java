package io.peerpulse.mapping;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Strict parsers for the three time formats of events, written by hand because they run for every
 * event and must not throw on bad input (java.time's parsers do both slowly). Accepted forms:
 * <ul>
 *   <li>date: {@code yyyy-MM-dd}</li>
 *   <li>date-time with offset: {@code yyyy-MM-ddTHH:mm[:ss[.f{1,9}]]} then {@code Z} or
 *       {@code ±HH:MM} (at most 18:00); {@code T} and {@code Z} upper case</li>
 * </ul>
 * Every result is a primitive, with {@link #INVALID} for text that does not match.
 */
final class IsoTime {

  static final long INVALID = Long.MIN_VALUE;

  private static final int DATE_LENGTH = 10;
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  private IsoTime() {}

  /** The epoch day of a plain date {@code yyyy-MM-dd}. */
  static long date(String text) {
    return text.length() == DATE_LENGTH ? dateAt(text) : INVALID;
  }

  /** The epoch day of the local date written in an occurred_at value: a date or a date-time with offset. */
  static long localDay(String text) {
    long day = text.length() >= DATE_LENGTH ? dateAt(text) : INVALID;
    if (day == INVALID || text.length() == DATE_LENGTH) {
      return day;
    }
    return utcMillisOfDay(text) == INVALID ? INVALID : day;
  }

  /** The epoch millisecond of a date-time with offset; digits beyond the millisecond are dropped. */
  static long instantMillis(String text) {
    long day = text.length() > DATE_LENGTH ? dateAt(text) : INVALID;
    if (day == INVALID) {
      return INVALID;
    }
    long millisOfDay = utcMillisOfDay(text);
    return millisOfDay == INVALID ? INVALID : day * 86_400_000L + millisOfDay;
  }

  private static long dateAt(String text) {
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || day > Month.of(month).length(Year.isLeap(year))) {
      return INVALID;
    }
    return LocalDate.of(year, month, day).toEpochDay();
  }

  /** Milliseconds from the local midnight, minus the offset (so possibly negative or above a day). */
  private static long utcMillisOfDay(String text) {
    int length = text.length();
    if (length < 17 || text.charAt(10) != 'T' || text.charAt(13) != ':') {
      return INVALID;
    }
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return INVALID;
    }
    int second = 0;
    int millis = 0;
    int at = 16;
    if (text.charAt(at) == ':') {
      second = at + 3 <= length ? digits(text, at + 1, 2) : -1;
      if (second < 0 || second > 59) {
        return INVALID;
      }
      at += 3;
      if (at < length && text.charAt(at) == '.') {
        int end = fractionEnd(text, at + 1);
        if (end < 0) {
          return INVALID;
        }
        millis = fractionMillis(text, at + 1, end);
        at = end;
      }
    }
    int offsetSeconds = offsetSeconds(text, at);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return INVALID;
    }
    return ((hour * 3600L + minute * 60L + second) - offsetSeconds) * 1000L + millis;
  }

  /** The end of 1-9 fraction digits starting at {@code from}, or -1. */
  private static int fractionEnd(String text, int from) {
    int end = from;
    while (end < text.length() && isDigit(text.charAt(end))) {
      end++;
    }
    int count = end - from;
    return count >= 1 && count <= 9 ? end : -1;
  }

  private static int fractionMillis(String text, int from, int end) {
    int millis = 0;
    for (int i = 0; i < 3; i++) {
      millis = millis * 10 + (from + i < end ? text.charAt(from + i) - '0' : 0);
    }
    return millis;
  }

  /** Seconds east of UTC for {@code Z} or {@code ±HH:MM} ending the text at {@code at}. */
  private static int offsetSeconds(String text, int at) {
    int length = text.length();
    if (at == length - 1 && text.charAt(at) == 'Z') {
      return 0;
    }
    if (at + 6 != length || text.charAt(at + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    char sign = text.charAt(at);
    int hours = digits(text, at + 1, 2);
    int minutes = digits(text, at + 4, 2);
    int seconds = hours * 3600 + minutes * 60;
    if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || minutes > 59 || seconds > MAX_OFFSET_SECONDS) {
      return Integer.MIN_VALUE;
    }
    return sign == '+' ? seconds : -seconds;
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int count) {
    if (from + count > text.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
