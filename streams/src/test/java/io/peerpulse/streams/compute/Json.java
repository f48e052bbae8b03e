package io.peerpulse.streams.compute;

/** Canonical JSON lines for tests (site ulm, programme UPSIDES, arm INTERVENTION unless told). */
public final class Json {

  private Json() {}

  public static String enrolled(String id, String person, String date) {
    return envelope(id, "ENROLLED", "ulm", date, date + "T20:00:00Z")
        + ",\"person_id\":\"" + person + "\",\"programme\":\"UPSIDES\",\"arm\":\"INTERVENTION\",\"setting\":\"OUTPATIENT\"}";
  }

  /** An attended 60-minute in-person PSW contact. */
  public static String psw(String id, String date, String... persons) {
    return contact(id, date, date + "T20:00:00Z", 60, persons);
  }

  public static String contact(String id, String date, String recordedAt, int minutes, String... persons) {
    return envelope(id, "CONTACT", "ulm", date, recordedAt)
        + ",\"person_ids\":[\"" + String.join("\",\"", persons) + "\"],\"worker_id\":\"w12\",\"worker_role\":\"PSW\","
        + "\"mode\":\"IN_PERSON\",\"duration_minutes\":" + minutes + ",\"outcome\":\"ATTENDED\"}";
  }

  public static String voids(String id, String date, String target) {
    return envelope(id, "VOID", "ulm", date, date + "T21:00:00Z") + ",\"voids_event_id\":\"" + target + "\"}";
  }

  public static String pause(String id, String from, String until) {
    return envelope(id, "SITE_PAUSE", "ulm", from, from + "T08:00:00Z") + ",\"paused_until\":\"" + until + "\"}";
  }

  /** Moves the site horizon to {@code date} without counting for any person: a SUPERVISION. */
  public static String dateSeen(String id, String date) {
    return envelope(id, "SUPERVISION", "ulm", date, date + "T22:00:00Z")
        + ",\"worker_id\":\"w12\",\"mode\":\"GROUP\",\"duration_minutes\":60}";
  }

  public static String withSource(String line, String source) {
    return line.substring(0, line.length() - 1) + ",\"source\":\"" + source + "\"}";
  }

  private static String envelope(String id, String type, String site, String occurredAt, String recordedAt) {
    return "{\"event_id\":\"" + id + "\",\"type\":\"" + type + "\",\"site_id\":\"" + site + "\",\"occurred_at\":\""
        + occurredAt + "\",\"recorded_at\":\"" + recordedAt + "\"";
  }
}
