package io.peerpulse.registry.server;

/** Avro schemas used across the server tests. */
final class Schemas {

  private Schemas() {
  }

  /** A record {@code name} with the given field definitions (JSON objects, comma-separated). */
  static String record(String name, String fields) {
    return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"test\",\"fields\":["
        + fields + "]}";
  }

  static String field(String name, String type) {
    return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
  }

  static String field(String name, String type, String defaultJson) {
    return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"default\":" + defaultJson + "}";
  }

  static final String V1 = record("Event", field("a", "string"));
  static final String V2_WITH_DEFAULT = record("Event",
      field("a", "string") + "," + field("b", "int", "0"));
  static final String V2_WITHOUT_DEFAULT = record("Event",
      field("a", "string") + "," + field("b", "int"));
}
