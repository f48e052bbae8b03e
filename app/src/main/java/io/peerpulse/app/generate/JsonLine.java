package io.peerpulse.app.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * Builds one canonical JSON event (the exact text {@code EventJson.toJson} writes: envelope in
 * table order, payload in schema order, defaults written out) in a reused buffer. Written by hand
 * rather than through the Avro objects and Jackson because it runs for every one of up to 10^8
 * events; {@code GeneratorTest} checks that {@code toJson(parse(line))} gives the line back.
 * Values are generator-made (ids, enum names, numbers), so nothing needs escaping.
 */
final class JsonLine {

  private final StringBuilder text = new StringBuilder(384);

  /**
   * Starts an event. {@code occurredDate} is the site-local date {@code yyyy-MM-dd};
   * {@code minuteOfDay} &lt; 0 writes the date only, else a local time with {@code offset}.
   */
  JsonLine start(String eventId, String type, String siteId, String occurredDate, int minuteOfDay, String offset,
      long recordedEpochSecond, String source) {
    text.setLength(0);
    text.append("{\"event_id\":\"").append(eventId)
        .append("\",\"type\":\"").append(type)
        .append("\",\"site_id\":\"").append(siteId)
        .append("\",\"occurred_at\":\"").append(occurredDate);
    if (minuteOfDay >= 0) {
      text.append('T');
      two(minuteOfDay / 60);
      text.append(':');
      two(minuteOfDay % 60);
      text.append(":00").append(offset);
    }
    text.append("\",\"recorded_at\":\"");
    instant(recordedEpochSecond);
    text.append('"');
    if (source != null) {
      text.append(",\"source\":\"").append(source).append('"');
    }
    return this;
  }

  JsonLine string(String name, String value) {
    text.append(",\"").append(name).append("\":\"").append(value).append('"');
    return this;
  }

  JsonLine number(String name, long value) {
    text.append(",\"").append(name).append("\":").append(value);
    return this;
  }

  /** Like Jackson's double output for the few FTE values used (0.5, 1.0, ...). */
  JsonLine decimal(String name, double value) {
    text.append(",\"").append(name).append("\":").append(value);
    return this;
  }

  JsonLine bool(String name, boolean value) {
    text.append(",\"").append(name).append("\":").append(value);
    return this;
  }

  JsonLine strings(String name, List<String> values) {
    text.append(",\"").append(name).append("\":[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append('"').append(values.get(i)).append('"');
    }
    text.append(']');
    return this;
  }

  String end() {
    return text.append('}').toString();
  }

  /** {@code Instant.toString()} for whole seconds, without the formatter's cost. */
  private void instant(long epochSecond) {
    long day = Math.floorDiv(epochSecond, 86_400L);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    date(text, LocalDate.ofEpochDay(day));
    text.append('T');
    two(secondOfDay / 3600);
    text.append(':');
    two(secondOfDay / 60 % 60);
    text.append(':');
    two(secondOfDay % 60);
    text.append('Z');
  }

  private void two(int value) {
    text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** ISO {@code yyyy-MM-dd} for years 1000-9999. */
  static void date(StringBuilder out, LocalDate date) {
    out.append(date.getYear()).append('-');
    int month = date.getMonthValue();
    out.append((char) ('0' + month / 10)).append((char) ('0' + month % 10)).append('-');
    int day = date.getDayOfMonth();
    out.append((char) ('0' + day / 10)).append((char) ('0' + day % 10));
  }
}
