package io.peerpulse.mapping;

import static io.peerpulse.mapping.Fields.ACTIVE;
import static io.peerpulse.mapping.Fields.ARM;
import static io.peerpulse.mapping.Fields.CRISIS;
import static io.peerpulse.mapping.Fields.DISCHARGE_TYPE;
import static io.peerpulse.mapping.Fields.DURATION_MINUTES;
import static io.peerpulse.mapping.Fields.FTE;
import static io.peerpulse.mapping.Fields.INVOLUNTARY;
import static io.peerpulse.mapping.Fields.KIND;
import static io.peerpulse.mapping.Fields.MODE;
import static io.peerpulse.mapping.Fields.OUTCOME;
import static io.peerpulse.mapping.Fields.PAUSED_UNTIL;
import static io.peerpulse.mapping.Fields.PERSON_ID;
import static io.peerpulse.mapping.Fields.PERSON_IDS;
import static io.peerpulse.mapping.Fields.PLANNED_DAYS;
import static io.peerpulse.mapping.Fields.PROGRAMME;
import static io.peerpulse.mapping.Fields.REASON;
import static io.peerpulse.mapping.Fields.SETTING;
import static io.peerpulse.mapping.Fields.STAY_ID;
import static io.peerpulse.mapping.Fields.VOIDS_EVENT_ID;
import static io.peerpulse.mapping.Fields.WARD;
import static io.peerpulse.mapping.Fields.WORKER_ID;
import static io.peerpulse.mapping.Fields.WORKER_ROLE;

import io.peerpulse.event.Admitted;
import io.peerpulse.event.Contact;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.EventVoid;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.SitePause;
import io.peerpulse.event.Supervision;
import io.peerpulse.event.WorkerStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON {@code type} of an event and the Avro payload record it stands for. The JSON form has a
 * {@code type} field; the Avro form has the payload's union branch, so the two cannot disagree.
 */
public enum EventType {
  ENROLLED(Enrolled.class, PERSON_ID, PROGRAMME, ARM, SETTING, PLANNED_DAYS),
  EXITED(Exited.class, PERSON_ID, REASON),
  CONTACT(Contact.class, PERSON_IDS, WORKER_ID, WORKER_ROLE, MODE, DURATION_MINUTES, OUTCOME, CRISIS),
  ADMITTED(Admitted.class, PERSON_ID, STAY_ID, WARD, INVOLUNTARY),
  DISCHARGED(Discharged.class, PERSON_ID, STAY_ID, DISCHARGE_TYPE),
  RELAPSE(Relapse.class, PERSON_ID, KIND),
  WORKER_STATUS(WorkerStatus.class, WORKER_ID, WORKER_ROLE, FTE, ACTIVE),
  SITE_PAUSE(SitePause.class, PAUSED_UNTIL),
  SUPERVISION(Supervision.class, WORKER_ID, MODE, DURATION_MINUTES),
  VOID(EventVoid.class, VOIDS_EVENT_ID);

  private static final Map<String, EventType> BY_NAME = new HashMap<>();
  private static final Map<Class<?>, EventType> BY_PAYLOAD = new HashMap<>();

  static {
    for (EventType type : values()) {
      BY_NAME.put(type.name(), type);
      BY_PAYLOAD.put(type.payloadClass, type);
    }
  }

  private final Class<?> payloadClass;
  private final List<String> payloadFields;
  private final Set<String> payloadFieldSet;

  EventType(Class<?> payloadClass, String... payloadFields) {
    this.payloadClass = payloadClass;
    this.payloadFields = List.of(payloadFields);
    this.payloadFieldSet = Set.of(payloadFields);
  }

  /** The type of an event, from its payload's class. */
  public static EventType of(Event event) {
    Object payload = Objects.requireNonNull(event.getPayload(), "payload");
    EventType type = BY_PAYLOAD.get(payload.getClass());
    if (type == null) {
      throw new IllegalArgumentException("not an event payload: " + payload.getClass().getName());
    }
    return type;
  }

  /** The type with this exact JSON name ({@code "CONTACT"}), if there is one. */
  public static Optional<EventType> fromJsonName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The Avro record class of this type's payload. */
  public Class<?> payloadClass() {
    return payloadClass;
  }

  /** The payload's JSON field names, in schema order. */
  public List<String> payloadFields() {
    return payloadFields;
  }

  /** Whether this type's payload has a field of that JSON name. */
  boolean hasPayloadField(String name) {
    return payloadFieldSet.contains(name);
  }

  /** Like {@link #fromJsonName} without the Optional, for the per-event hot path. */
  static EventType lookup(String name) {
    return BY_NAME.get(name);
  }
}
