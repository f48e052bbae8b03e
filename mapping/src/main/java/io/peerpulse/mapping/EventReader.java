package io.peerpulse.mapping;

import static io.peerpulse.mapping.Fields.ACTIVE;
import static io.peerpulse.mapping.Fields.ARM;
import static io.peerpulse.mapping.Fields.CRISIS;
import static io.peerpulse.mapping.Fields.DISCHARGE_TYPE;
import static io.peerpulse.mapping.Fields.DURATION_MINUTES;
import static io.peerpulse.mapping.Fields.EVENT_ID;
import static io.peerpulse.mapping.Fields.FTE;
import static io.peerpulse.mapping.Fields.INVOLUNTARY;
import static io.peerpulse.mapping.Fields.KIND;
import static io.peerpulse.mapping.Fields.MODE;
import static io.peerpulse.mapping.Fields.OCCURRED_AT;
import static io.peerpulse.mapping.Fields.OUTCOME;
import static io.peerpulse.mapping.Fields.PAUSED_UNTIL;
import static io.peerpulse.mapping.Fields.PERSON_ID;
import static io.peerpulse.mapping.Fields.PERSON_IDS;
import static io.peerpulse.mapping.Fields.PLANNED_DAYS;
import static io.peerpulse.mapping.Fields.PROGRAMME;
import static io.peerpulse.mapping.Fields.REASON;
import static io.peerpulse.mapping.Fields.RECORDED_AT;
import static io.peerpulse.mapping.Fields.SETTING;
import static io.peerpulse.mapping.Fields.SITE_ID;
import static io.peerpulse.mapping.Fields.SOURCE;
import static io.peerpulse.mapping.Fields.STAY_ID;
import static io.peerpulse.mapping.Fields.TYPE;
import static io.peerpulse.mapping.Fields.VOIDS_EVENT_ID;
import static io.peerpulse.mapping.Fields.WARD;
import static io.peerpulse.mapping.Fields.WORKER_ID;
import static io.peerpulse.mapping.Fields.WORKER_ROLE;

import io.peerpulse.event.Admitted;
import io.peerpulse.event.Arm;
import io.peerpulse.event.Contact;
import io.peerpulse.event.ContactMode;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.event.DischargeType;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.EventVoid;
import io.peerpulse.event.ExitReason;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.RelapseKind;
import io.peerpulse.event.Setting;
import io.peerpulse.event.SitePause;
import io.peerpulse.event.Supervision;
import io.peerpulse.event.SupervisionMode;
import io.peerpulse.event.Ward;
import io.peerpulse.event.WorkerRole;
import io.peerpulse.event.WorkerStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the members of one JSON object against spec/events.md and builds the Avro event. Checks run
 * in a fixed order (envelope in table order, the FUTURE_EVENT check, unknown fields in document
 * order, then payload fields in schema order) and every problem is collected, so the first one is
 * deterministic and {@code validateAll} costs nothing extra. One instance per input; not thread-safe.
 */
final class EventReader {

  static final int MAX_EVENT_ID = 128;
  static final int MAX_STAY_ID = 128;
  static final int MAX_PERSONS = 50;
  static final int MAX_CONTACT_MINUTES = 720;
  static final int MAX_SUPERVISION_MINUTES = 480;
  static final BigDecimal MAX_FTE = new BigDecimal("1.5");
  /** The schema's default, so the JSON and Avro forms cannot drift apart. */
  static final int DEFAULT_PLANNED_DAYS =
      ((Number) Enrolled.getClassSchema().getField(PLANNED_DAYS).defaultVal()).intValue();

  private static final Symbols<Arm> ARMS = Symbols.of(Arm.values());
  private static final Symbols<Setting> SETTINGS = Symbols.of(Setting.values());
  private static final Symbols<ExitReason> EXIT_REASONS = Symbols.of(ExitReason.values());
  private static final Symbols<WorkerRole> WORKER_ROLES = Symbols.of(WorkerRole.values());
  private static final Symbols<ContactMode> CONTACT_MODES = Symbols.of(ContactMode.values());
  private static final Symbols<ContactOutcome> OUTCOMES = Symbols.of(ContactOutcome.values());
  private static final Symbols<Ward> WARDS = Symbols.of(Ward.values());
  private static final Symbols<DischargeType> DISCHARGE_TYPES = Symbols.of(DischargeType.values());
  private static final Symbols<RelapseKind> RELAPSE_KINDS = Symbols.of(RelapseKind.values());
  private static final Symbols<SupervisionMode> SUPERVISION_MODES = Symbols.of(SupervisionMode.values());
  private static final String TYPES =
      "one of " + Stream.of(EventType.values()).map(Enum::name).collect(Collectors.joining(", "));
  private static final String OCCURRED_AT_FORMAT =
      "an ISO date (2021-03-04) or a date-time with offset (2021-03-04T10:15:00+01:00)";
  private static final String RECORDED_AT_FORMAT =
      "an ISO date-time with Z or an offset (2021-03-05T08:00:00Z)";

  private final Map<String, JsonValue> members;
  private final int futureHorizonDays;
  private List<Rejection> problems;
  private EventType type;
  private long occurredDay = IsoTime.INVALID;
  private long recordedMillis = IsoTime.INVALID;

  EventReader(Map<String, JsonValue> members, int futureHorizonDays) {
    this.members = members;
    this.futureHorizonDays = futureHorizonDays;
  }

  /** The event, or null when there are {@link #problems()}. */
  Event read() {
    String eventId = eventId(EVENT_ID);
    type = type();
    String siteId = siteId();
    String occurredAt = occurredAt();
    Instant recordedAt = recordedAt();
    String source = source();
    checkNotFuture();
    if (type == null) {
      return null;
    }
    rejectUnknownFields();
    Object payload = payload();
    return problems == null ? new Event(eventId, siteId, occurredAt, recordedAt, source, payload) : null;
  }

  /** Every problem found, in check order; empty when the event is valid. */
  List<Rejection> problems() {
    return problems == null ? List.of() : problems;
  }

  // Arguments are evaluated left to right (JLS 15.7.4), so payload fields are checked in schema order.
  private Object payload() {
    return switch (type) {
      case ENROLLED -> new Enrolled(pseudonym(PERSON_ID), programme(), symbol(ARM, ARMS),
          symbol(SETTING, SETTINGS), integer(PLANNED_DAYS, 1, Integer.MAX_VALUE, DEFAULT_PLANNED_DAYS));
      case EXITED -> new Exited(pseudonym(PERSON_ID), symbol(REASON, EXIT_REASONS));
      case CONTACT -> new Contact(personIds(), pseudonym(WORKER_ID), symbol(WORKER_ROLE, WORKER_ROLES),
          symbol(MODE, CONTACT_MODES), integer(DURATION_MINUTES, 0, MAX_CONTACT_MINUTES, null),
          symbol(OUTCOME, OUTCOMES), bool(CRISIS, Boolean.FALSE));
      case ADMITTED -> new Admitted(pseudonym(PERSON_ID), stayId(), symbol(WARD, WARDS), bool(INVOLUNTARY, Boolean.FALSE));
      case DISCHARGED -> new Discharged(pseudonym(PERSON_ID), stayId(), symbol(DISCHARGE_TYPE, DISCHARGE_TYPES));
      case RELAPSE -> new Relapse(pseudonym(PERSON_ID), symbol(KIND, RELAPSE_KINDS));
      case WORKER_STATUS -> new WorkerStatus(pseudonym(WORKER_ID), symbol(WORKER_ROLE, WORKER_ROLES), fte(), bool(ACTIVE, null));
      case SITE_PAUSE -> new SitePause(pausedUntil());
      case SUPERVISION -> new Supervision(pseudonym(WORKER_ID), symbol(MODE, SUPERVISION_MODES),
          integer(DURATION_MINUTES, 0, MAX_SUPERVISION_MINUTES, null));
      case VOID -> new EventVoid(eventId(VOIDS_EVENT_ID));
    };
  }

  // ---- envelope

  private String eventId(String field) {
    JsonValue value = required(field);
    if (value == null) {
      return null;
    }
    if (!value.isString() || !Syntax.hasLength(value.text(), MAX_EVENT_ID)) {
      badValue(field, "a string of 1-" + MAX_EVENT_ID + " characters", value);
      return null;
    }
    return value.text();
  }

  private EventType type() {
    JsonValue value = required(TYPE);
    if (value == null) {
      return null;
    }
    EventType found = value.isString() ? EventType.lookup(value.text()) : null;
    if (found == null) {
      reject(Reason.UNKNOWN_TYPE, TYPE, TYPE + ": expected " + TYPES + ", got " + Messages.show(value));
    }
    return found;
  }

  private String siteId() {
    JsonValue value = required(SITE_ID);
    if (value == null) {
      return null;
    }
    if (!value.isString() || !Syntax.isSiteId(value.text())) {
      badValue(SITE_ID, Syntax.SITE_ID_RULE, value);
      return null;
    }
    return value.text();
  }

  private String occurredAt() {
    JsonValue value = required(OCCURRED_AT);
    if (value == null) {
      return null;
    }
    occurredDay = value.isString() ? IsoTime.localDay(value.text()) : IsoTime.INVALID;
    if (occurredDay == IsoTime.INVALID) {
      badTimestamp(OCCURRED_AT, OCCURRED_AT_FORMAT, value);
      return null;
    }
    return value.text();
  }

  private Instant recordedAt() {
    JsonValue value = required(RECORDED_AT);
    if (value == null) {
      return null;
    }
    recordedMillis = value.isString() ? IsoTime.instantMillis(value.text()) : IsoTime.INVALID;
    if (recordedMillis == IsoTime.INVALID) {
      badTimestamp(RECORDED_AT, RECORDED_AT_FORMAT, value);
      return null;
    }
    return Instant.ofEpochMilli(recordedMillis);
  }

  private String source() {
    JsonValue value = optional(SOURCE);
    if (value != null && !value.isString()) {
      badValue(SOURCE, "a string", value);
      return null;
    }
    return value == null ? null : value.text();
  }

  /** indicators.md: the local occurred_at date may be at most {@code future.horizon.days} (1) after recorded_at's UTC date. */
  private void checkNotFuture() {
    if (occurredDay == IsoTime.INVALID || recordedMillis == IsoTime.INVALID) {
      return;
    }
    long recordedDay = Math.floorDiv(recordedMillis, 86_400_000L);
    if (occurredDay > recordedDay + futureHorizonDays) {
      reject(Reason.FUTURE_EVENT, OCCURRED_AT, OCCURRED_AT + ": local date " + LocalDate.ofEpochDay(occurredDay)
          + " is more than " + (futureHorizonDays == 1 ? "one day" : futureHorizonDays + " days")
          + " after the UTC date of recorded_at, " + LocalDate.ofEpochDay(recordedDay));
    }
  }

  private void rejectUnknownFields() {
    for (String name : members.keySet()) {
      if (!Fields.ENVELOPE_SET.contains(name) && !type.hasPayloadField(name)) {
        String shown = Messages.fieldName(name);
        reject(Reason.UNKNOWN_FIELD, shown, shown + ": unknown field for " + type + " events; expected only "
            + String.join(", ", Fields.ENVELOPE) + ", " + String.join(", ", type.payloadFields()));
      }
    }
  }

  // ---- payload fields

  private String pseudonym(String field) {
    JsonValue value = required(field);
    if (value == null) {
      return null;
    }
    if (!value.isString() || !Syntax.isPseudonym(value.text())) {
      badIdentifier(field, value);
      return null;
    }
    return value.text();
  }

  /** As sent, repeats included: a person listed twice counts once, which is the indicators' business. */
  private List<String> personIds() {
    JsonValue value = required(PERSON_IDS);
    if (value == null) {
      return null;
    }
    if (value.kind() != JsonValue.Kind.ARRAY) {
      reject(Reason.BAD_VALUE, PERSON_IDS, PERSON_IDS + ": expected an array of 1-" + MAX_PERSONS
          + " pseudonyms, got " + Messages.describeHidden(value));
      return null;
    }
    List<JsonValue> items = value.items();
    if (items.isEmpty() || items.size() > MAX_PERSONS) {
      reject(Reason.BAD_VALUE, PERSON_IDS, PERSON_IDS + ": expected 1-" + MAX_PERSONS
          + " pseudonyms, got " + items.size());
      return null;
    }
    List<String> ids = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonValue item = items.get(i);
      if (!item.isString() || !Syntax.isPseudonym(item.text())) {
        badIdentifier(PERSON_IDS, PERSON_IDS + "[" + i + "]", item);
        return null;
      }
      ids.add(item.text());
    }
    return ids;
  }

  private String programme() {
    JsonValue value = required(PROGRAMME);
    if (value == null) {
      return null;
    }
    if (!value.isString() || !Syntax.isProgramme(value.text())) {
      badValue(PROGRAMME, Syntax.PROGRAMME_RULE, value);
      return null;
    }
    return value.text();
  }

  /** A stay id may be a hospital's admission number, so like identifiers it is not shown. */
  private String stayId() {
    JsonValue value = required(STAY_ID);
    if (value == null) {
      return null;
    }
    if (!value.isString() || !Syntax.hasLength(value.text(), MAX_STAY_ID)) {
      reject(Reason.BAD_VALUE, STAY_ID, STAY_ID + ": expected a string of 1-" + MAX_STAY_ID
          + " characters, got " + Messages.describeHidden(value));
      return null;
    }
    return value.text();
  }

  private <E extends Enum<E>> E symbol(String field, Symbols<E> symbols) {
    JsonValue value = required(field);
    if (value == null) {
      return null;
    }
    E symbol = value.isString() ? symbols.lookup(value.text()) : null;
    if (symbol == null) {
      badValue(field, symbols.expected(), value);
    }
    return symbol;
  }

  /**
   * A JSON integer literal in [min, max]; {@code 30.0}, {@code 3e1} and {@code "30"} are not integers.
   * With a non-null default the field is optional. Returns 0 after a problem (the event is dropped).
   */
  private int integer(String field, int min, int max, Integer defaultValue) {
    JsonValue value = defaultValue == null ? required(field) : optional(field);
    if (value == null) {
      return defaultValue == null ? 0 : defaultValue;
    }
    long parsed = value.kind() == JsonValue.Kind.INTEGER ? integerLiteral(value.text()) : Long.MIN_VALUE;
    if (parsed < min || parsed > max) {
      badValue(field, max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer " + min + "-" + max, value);
      return 0;
    }
    return (int) parsed;
  }

  /** The value of a JSON integer literal, or Long.MIN_VALUE when it has too many digits to matter. */
  private static long integerLiteral(String text) {
    return text.length() <= 18 ? Long.parseLong(text) : Long.MIN_VALUE;
  }

  /** {@code true} or {@code false} only; with a non-null default the field is optional. */
  private boolean bool(String field, Boolean defaultValue) {
    JsonValue value = defaultValue == null ? required(field) : optional(field);
    if (value == null) {
      return defaultValue != null && defaultValue;
    }
    if (value.kind() == JsonValue.Kind.TRUE || value.kind() == JsonValue.Kind.FALSE) {
      return value.kind() == JsonValue.Kind.TRUE;
    }
    badValue(field, "true or false", value);
    return false;
  }

  /** Any JSON number in [0, 1.5], compared exactly so 1.50000000000000001 is out of range. */
  private double fte() {
    JsonValue value = required(FTE);
    if (value == null) {
      return 0;
    }
    if (!isNumber(value) || !inFteRange(value.text())) {
      badValue(FTE, "a number 0-1.5", value);
      return 0;
    }
    return Double.parseDouble(value.text());
  }

  private static boolean isNumber(JsonValue value) {
    return value.kind() == JsonValue.Kind.INTEGER || value.kind() == JsonValue.Kind.DECIMAL;
  }

  private static boolean inFteRange(String text) {
    try {
      BigDecimal fte = new BigDecimal(text);
      return fte.signum() >= 0 && fte.compareTo(MAX_FTE) <= 0;
    } catch (NumberFormatException e) {
      return false; // an exponent beyond int range: certainly not 0-1.5
    }
  }

  private LocalDate pausedUntil() {
    JsonValue value = required(PAUSED_UNTIL);
    if (value == null) {
      return null;
    }
    long day = value.isString() ? IsoTime.date(value.text()) : IsoTime.INVALID;
    if (day == IsoTime.INVALID) {
      badValue(PAUSED_UNTIL, "an ISO date (2021-03-31)", value);
      return null;
    }
    if (occurredDay != IsoTime.INVALID && day < occurredDay) {
      badValue(PAUSED_UNTIL, "a date on or after the occurred_at date " + LocalDate.ofEpochDay(occurredDay), value);
      return null;
    }
    return LocalDate.ofEpochDay(day);
  }

  // ---- presence and problems

  /** The value, or null after a MISSING_FIELD when absent or JSON null. */
  private JsonValue required(String field) {
    JsonValue value = members.get(field);
    if (value == null || value.isNull()) {
      String where = Fields.ENVELOPE_SET.contains(field) ? " in every event" : " for " + type + " events";
      reject(Reason.MISSING_FIELD, field, field + ": required" + where + (value == null ? "" : ", got null"));
      return null;
    }
    return value;
  }

  /** The value, or null when absent or JSON null (which means absent). */
  private JsonValue optional(String field) {
    JsonValue value = members.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private void badValue(String field, String expected, JsonValue got) {
    reject(Reason.BAD_VALUE, field, field + ": expected " + expected + ", got " + Messages.show(got));
  }

  private void badTimestamp(String field, String expected, JsonValue got) {
    reject(Reason.BAD_TIMESTAMP, field, field + ": expected " + expected + ", got " + Messages.show(got));
  }

  private void badIdentifier(String field, JsonValue got) {
    badIdentifier(field, field, got);
  }

  /** Never shows the value: a near-miss pseudonym is still a pseudonym. */
  private void badIdentifier(String field, String shownAs, JsonValue got) {
    reject(Reason.BAD_VALUE, field, shownAs + ": must match " + Syntax.PSEUDONYM_RULE
        + ", got " + Messages.describeHidden(got));
  }

  private void reject(Reason reason, String field, String message) {
    if (problems == null) {
      problems = new ArrayList<>(4);
    }
    problems.add(new Rejection(reason, field, message));
  }
}
