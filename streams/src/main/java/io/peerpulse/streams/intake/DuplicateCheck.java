package io.peerpulse.streams.intake;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.EventEquivalence;
import io.peerpulse.mapping.EventType;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Whether a repeated event_id is a harmless duplicate or a conflict, and which field differs. */
final class DuplicateCheck {

  private DuplicateCheck() {}

  /**
   * @return empty when {@code repeat} has the same body as {@code first} (every field but
   *     {@code recorded_at} and {@code source}); else the name of the first field that differs
   */
  static Optional<String> conflictingField(Event first, Event repeat) {
    if (EventEquivalence.sameBody(first, repeat)) {
      return Optional.empty();
    }
    if (!Objects.equals(first.getSiteId(), repeat.getSiteId())) {
      return Optional.of("site_id");
    }
    if (!Objects.equals(first.getOccurredAt(), repeat.getOccurredAt())) {
      return Optional.of("occurred_at");
    }
    if (EventType.of(first) != EventType.of(repeat)) {
      return Optional.of("type");
    }
    SpecificRecord a = (SpecificRecord) first.getPayload();
    SpecificRecord b = (SpecificRecord) repeat.getPayload();
    for (Schema.Field field : a.getSchema().getFields()) {
      if (!Objects.equals(a.get(field.pos()), b.get(field.pos()))) {
        return Optional.of(field.name());
      }
    }
    return Optional.of("payload");
  }

  /** A message that names the field but, as identifiers may differ, never shows values. */
  static String message(String field) {
    return field + ": differs from the event accepted earlier with this event_id; a repeated event_id "
        + "must repeat every field except recorded_at and source (the first arrival stands)";
  }
}
