package io.peerpulse.streams.intake;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.mapping.Reason;
import io.peerpulse.mapping.Rejection;
import java.util.Optional;

/**
 * The rules of the JSON mapping applied to an Avro event that a Kafka producer wrote directly
 * (it never passed through {@link EventJson#parse}): patterns, ranges, FUTURE_EVENT and the rest,
 * with the same reason codes and messages.
 *
 * <p>Until the mapping offers an event-level validator this round-trips the event through its
 * canonical JSON: correct by construction (one rule set) but slow, roughly a JSON write and parse
 * per event. Replace it with the mapping's validator when there is one.
 */
public final class EventValidator {

  private EventValidator() {}

  /** The first rule the event breaks, or empty when it is valid (FUTURE_EVENT after one day). */
  public static Optional<Rejection> check(Event event) {
    return check(event, EventJson.DEFAULT_FUTURE_HORIZON_DAYS);
  }

  /** The first rule the event breaks with the given {@code future.horizon.days}, or empty when it is valid. */
  public static Optional<Rejection> check(Event event, int futureHorizonDays) {
    if (event == null) {
      return Optional.of(new Rejection(Reason.SCHEMA_VIOLATION, null,
          "value: expected an Avro event, got a record without a value (tombstone)"));
    }
    String json;
    try {
      json = EventJson.toJson(event);
    } catch (RuntimeException e) {
      // An Avro record can hold what no JSON event can (e.g. a date outside ISO range): not an event.
      return Optional.of(new Rejection(Reason.SCHEMA_VIOLATION, null,
          "value: the Avro event cannot be written in the canonical form: " + e.getMessage()));
    }
    ParseResult result = EventJson.parse(json, futureHorizonDays);
    return result instanceof Rejection rejection ? Optional.of(rejection) : Optional.empty();
  }
}
