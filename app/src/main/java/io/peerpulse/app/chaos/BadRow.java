package io.peerpulse.app.chaos;

import io.peerpulse.event.Contact;
import io.peerpulse.event.Event;
import io.peerpulse.event.EventVoid;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.Reason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The malformed flood: one kind of bad record for every reason code of spec/events.md ("Bad
 * input"), each made from a valid event so it looks like real traffic. JSON kinds are rows a
 * service or register sends to the ingest, which rejects them before Kafka; Avro kinds are records
 * a Kafka producer writes to the events topic directly, which the streams application rejects.
 * Every kind is dead-lettered with {@link #reason()}; {@code BadRowTest} checks that the mapping
 * agrees for each JSON kind.
 */
public enum BadRow {
  /** A row cut off mid-way, as a broken upload leaves it. */
  MALFORMED_JSON(Reason.MALFORMED_JSON, true),
  /** {@code event_id} as a number: a field of the wrong type. */
  WRONG_TYPE(Reason.BAD_VALUE, true),
  /** {@code occurred_at} left out. */
  MISSING_FIELD(Reason.MISSING_FIELD, true),
  /** A field the schema does not have ({@code nickname}). */
  UNKNOWN_FIELD(Reason.UNKNOWN_FIELD, true),
  /** A type no schema knows. */
  UNKNOWN_TYPE(Reason.UNKNOWN_TYPE, true),
  /** {@code recorded_at} as a spreadsheet writes it ({@code 05/03/2021 08:00}). */
  BAD_TIMESTAMP(Reason.BAD_TIMESTAMP, true),
  /** Happened 30 days after it was recorded. */
  FUTURE_EVENT(Reason.FUTURE_EVENT, true),
  /** Avro in the Confluent wire format, cut in the middle of the record. */
  TRUNCATED_AVRO(Reason.SCHEMA_VIOLATION, false),
  /** A wire-format header naming a schema id the registry never issued. */
  UNKNOWN_SCHEMA_ID(Reason.UNKNOWN_SCHEMA_ID, false),
  /** A valid Avro event with a 200,000-character {@code event_id} (about 200 KB on the topic). */
  OVERSIZE(Reason.BAD_VALUE, false),
  /** A CONTACT re-sent under its {@code event_id} with another duration: the first one counts. */
  CONFLICTING_DUPLICATE(Reason.DUPLICATE_CONFLICT, false),
  /** A VOID whose target never arrives. */
  ORPHAN_VOID(Reason.ORPHAN_VOID, false);

  /** A schema id far above any the campaign's registry issues. */
  static final int UNKNOWN_SCHEMA = 987_654_321;
  static final int OVERSIZE_ID_CHARACTERS = 200_000;

  private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"[^\"]*\"");
  private static final Pattern RECORDED_AT = Pattern.compile("\"recorded_at\":\"([^\"]*)\"");
  private static final Pattern OCCURRED_AT = Pattern.compile(",\"occurred_at\":\"([^\"]*)\"");
  private static final Pattern TYPE = Pattern.compile("\"type\":\"[^\"]*\"");

  private final Reason reason;
  private final boolean json;

  BadRow(Reason reason, boolean json) {
    this.reason = reason;
    this.json = json;
  }

  /** The reason it must be dead-lettered with. */
  public Reason reason() {
    return reason;
  }

  /** Sent through the ingest as a JSON row (else written to the events topic as a record). */
  public boolean isJson() {
    return json;
  }

  /** Whether it can be made from {@code event} (a conflicting duplicate needs a CONTACT). */
  public boolean appliesTo(Event event) {
    return this != CONFLICTING_DUPLICATE || event.getPayload() instanceof Contact;
  }

  /** The JSON kinds, then the Avro kinds. */
  public static List<BadRow> all() {
    return Arrays.asList(values());
  }

  /**
   * Every kind, JSON and Avro kinds taking turns: the order the flood sends them in, so the
   * streams application meets bad records from the start of a run.
   */
  public static List<BadRow> rotation() {
    List<BadRow> json = all().stream().filter(BadRow::isJson).toList();
    List<BadRow> avro = all().stream().filter(kind -> !kind.isJson()).toList();
    List<BadRow> rotation = new java.util.ArrayList<>();
    for (int i = 0; i < Math.max(json.size(), avro.size()); i++) {
      if (i < avro.size()) {
        rotation.add(avro.get(i));
      }
      if (i < json.size()) {
        rotation.add(json.get(i));
      }
    }
    return List.copyOf(rotation);
  }

  /**
   * The bad JSON row made from {@code canonicalLine} (a valid event in canonical form).
   *
   * @param number distinguishes the rows of one run
   */
  public String jsonRow(String canonicalLine, long number) {
    return switch (this) {
      case MALFORMED_JSON -> canonicalLine.substring(0, canonicalLine.length() / 2);
      case WRONG_TYPE -> EVENT_ID.matcher(canonicalLine).replaceFirst("\"event_id\":" + (1_000_000 + number));
      case MISSING_FIELD -> OCCURRED_AT.matcher(canonicalLine).replaceFirst("");
      case UNKNOWN_FIELD -> canonicalLine.substring(0, canonicalLine.lastIndexOf('}')) + ",\"nickname\":\"row " + number + "\"}";
      case UNKNOWN_TYPE -> TYPE.matcher(canonicalLine).replaceFirst("\"type\":\"PHONE_CALL\"");
      case BAD_TIMESTAMP -> replaceRecordedAt(canonicalLine, dayFirst(recordedAt(canonicalLine)));
      case FUTURE_EVENT -> replaceOccurredAt(canonicalLine,
          recordedAt(canonicalLine).atOffset(ZoneOffset.UTC).toLocalDate().plusDays(30).toString());
      default -> throw new IllegalStateException(this + " is not a JSON row");
    };
  }

  /**
   * The valid event written directly to the events topic for an Avro kind that is one
   * ({@link #OVERSIZE}, {@link #CONFLICTING_DUPLICATE}, {@link #ORPHAN_VOID}); the other Avro kinds
   * are bytes made by {@link #corruptBytes}.
   */
  public Event event(Event source, long number) {
    return switch (this) {
      case OVERSIZE -> Event.newBuilder(source).setEventId("chaos-oversize-" + number + "-"
          + "x".repeat(OVERSIZE_ID_CHARACTERS)).build();
      case CONFLICTING_DUPLICATE -> {
        Contact contact = (Contact) source.getPayload();
        int minutes = contact.getDurationMinutes() >= 720 ? 0 : contact.getDurationMinutes() + 1;
        yield Event.newBuilder(source).setPayload(Contact.newBuilder(contact).setDurationMinutes(minutes).build()).build();
      }
      case ORPHAN_VOID -> Event.newBuilder(source).setEventId("chaos-orphan-void-" + number).setSource(null)
          .setPayload(EventVoid.newBuilder().setVoidsEventId("chaos-never-sent-" + number).build()).build();
      default -> throw new IllegalStateException(this + " is not a valid event");
    };
  }

  /** Whether {@link #event} gives an event the reference sees (it is valid JSON and on the topic). */
  public boolean entersReference() {
    return this == CONFLICTING_DUPLICATE || this == ORPHAN_VOID;
  }

  /** The events-topic value of {@link #TRUNCATED_AVRO} or {@link #UNKNOWN_SCHEMA_ID} from a valid record's bytes. */
  public byte[] corruptBytes(byte[] wireFormat) {
    return switch (this) {
      case TRUNCATED_AVRO -> Arrays.copyOf(wireFormat, 5 + (wireFormat.length - 5) / 2);
      case UNKNOWN_SCHEMA_ID -> {
        byte[] bytes = wireFormat.clone();
        ByteBuffer.wrap(bytes, 1, 4).putInt(UNKNOWN_SCHEMA);
        yield bytes;
      }
      default -> throw new IllegalStateException(this + " is not made of corrupt bytes");
    };
  }

  /** The canonical JSON of an event this enum made (for the reference input). */
  static String canonical(Event event) {
    return EventJson.toJson(event);
  }

  private static Instant recordedAt(String line) {
    Matcher matcher = RECORDED_AT.matcher(line);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no recorded_at in a canonical event line");
    }
    return Instant.parse(matcher.group(1));
  }

  private static String replaceRecordedAt(String line, String value) {
    return RECORDED_AT.matcher(line).replaceFirst("\"recorded_at\":\"" + Matcher.quoteReplacement(value) + "\"");
  }

  private static String replaceOccurredAt(String line, String value) {
    return OCCURRED_AT.matcher(line).replaceFirst(",\"occurred_at\":\"" + value + "\"");
  }

  /** {@code 2021-03-05T08:00:00Z} as a spreadsheet writes it: {@code 05/03/2021 08:00}. */
  private static String dayFirst(Instant instant) {
    String text = instant.toString();
    return text.substring(8, 10) + "/" + text.substring(5, 7) + "/" + text.substring(0, 4) + " " + text.substring(11, 16);
  }
}
