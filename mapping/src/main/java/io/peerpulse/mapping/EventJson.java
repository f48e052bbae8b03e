package io.peerpulse.mapping;

import io.peerpulse.event.Event;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one mapping between the canonical JSON form of events (spec/events.md) and the Avro
 * {@link Event}: used by the HTTP ingest, the CLI, the CSV connector and tests alike. Thread-safe.
 */
public final class EventJson {

  /** indicators.md: the local occurred_at date may be at most one day after recorded_at's UTC date. */
  public static final int DEFAULT_FUTURE_HORIZON_DAYS = 1;

  private EventJson() {}

  private static void requireHorizon(int days) {
    if (days < 0) {
      throw new IllegalArgumentException("future.horizon.days: expected an integer >= 0, got " + days);
    }
  }

  /**
   * Parses and validates one JSON object (one line of a {@code .jsonl} file).
   *
   * @return {@link ParseResult.Accepted} with the event, or the first {@link Rejection} in check
   *     order: envelope fields in table order, FUTURE_EVENT, unknown fields, payload fields in
   *     schema order
   */
  public static ParseResult parse(String jsonText) {
    return parse(jsonText, DEFAULT_FUTURE_HORIZON_DAYS);
  }

  /**
   * As {@link #parse(String)}, with the FUTURE_EVENT horizon configured ({@code future.horizon.days}):
   * an event is rejected when its local {@code occurred_at} date is more than this many days after
   * the UTC date of {@code recorded_at}.
   *
   * @throws IllegalArgumentException when {@code futureHorizonDays} is negative
   */
  public static ParseResult parse(String jsonText, int futureHorizonDays) {
    Objects.requireNonNull(jsonText, "jsonText");
    requireHorizon(futureHorizonDays);
    Map<String, JsonValue> members;
    try {
      members = JsonObjectReader.read(jsonText);
    } catch (JsonObjectReader.MalformedJson e) {
      return e.rejection();
    }
    EventReader reader = new EventReader(members, futureHorizonDays);
    Event event = reader.read();
    return event != null ? new ParseResult.Accepted(event) : reader.problems().get(0);
  }

  /** Every problem of one JSON object in check order (one for text that is not a JSON object); empty when valid. */
  public static List<Rejection> validateAll(String jsonText) {
    Objects.requireNonNull(jsonText, "jsonText");
    try {
      EventReader reader = new EventReader(JsonObjectReader.read(jsonText), DEFAULT_FUTURE_HORIZON_DAYS);
      reader.read();
      return List.copyOf(reader.problems());
    } catch (JsonObjectReader.MalformedJson e) {
      return List.of(e.rejection());
    }
  }

  /**
   * The canonical JSON form, on one line: snake_case names, {@code type} from the payload,
   * {@code occurred_at} as given, {@code recorded_at} as an instant in UTC ({@code ...Z}), defaults
   * written out, {@code source} omitted when absent. {@code parse(toJson(e))} gives back {@code e}
   * for every valid event.
   */
  public static String toJson(Event event) {
    return EventWriter.write(Objects.requireNonNull(event, "event"));
  }

  /**
   * The text for a dead-letter record: identifier values ({@code person_id}, {@code person_ids},
   * {@code worker_id}, also misspelt as {@code personId} etc., at any depth) replaced by
   * {@code "***"}. Text that is not one JSON object or array is cut at the last token understood
   * before the problem (so nothing is shown of text that is not JSON at all), because an identifier
   * cannot be found in text that cannot be parsed. At most about 16 KiB are kept.
   */
  public static String redactedText(String text) {
    return Redactor.redact(Objects.requireNonNull(text, "text"));
  }
}
