package io.peerpulse.app.generate;

import java.util.SplittableRandom;

/**
 * Turns a canonical event line into the kinds of bad rows registers really contain, each of which
 * the shared mapping rejects: a cut-off line (MALFORMED_JSON), a missing required field
 * (MISSING_FIELD), an enum value no schema knows (BAD_VALUE or UNKNOWN_TYPE), a day-first local
 * timestamp (BAD_TIMESTAMP) and a date typed a year ahead (FUTURE_EVENT).
 */
final class Malform {

  private static final String[] ENUM_FIELDS = {"mode", "outcome", "arm", "reason", "ward", "discharge_type", "kind", "worker_role"};

  private Malform() {}

  static String apply(String json, SplittableRandom random) {
    return switch (random.nextInt(5)) {
      case 0 -> json.substring(0, 10 + random.nextInt(json.length() - 11)); // never the closing brace
      case 1 -> withoutMember(json, random.nextBoolean() ? "occurred_at" : "site_id");
      case 2 -> badEnum(json);
      case 3 -> replaceValue(json, "recorded_at", dayFirst(valueOf(json, "recorded_at")));
      default -> yearAhead(json);
    };
  }

  private static String badEnum(String json) {
    for (String field : ENUM_FIELDS) {
      if (json.contains("\"" + field + "\":\"")) {
        return replaceValue(json, field, "UNKNOWN_" + valueOf(json, field).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return replaceValue(json, "type", valueOf(json, "type").toLowerCase(java.util.Locale.ROOT) + "_v0");
  }

  /** {@code 2021-03-05T08:00:00Z} as a spreadsheet writes it: {@code 05/03/2021 08:00}. */
  private static String dayFirst(String instant) {
    return instant.substring(8, 10) + "/" + instant.substring(5, 7) + "/" + instant.substring(0, 4) + " "
        + instant.substring(11, 16);
  }

  private static String yearAhead(String json) {
    String occurred = valueOf(json, "occurred_at");
    int year = Integer.parseInt(occurred.substring(0, 4));
    return replaceValue(json, "occurred_at", (year + 1) + occurred.substring(4));
  }

  private static String valueOf(String json, String field) {
    int start = json.indexOf("\"" + field + "\":\"") + field.length() + 4;
    return json.substring(start, json.indexOf('"', start));
  }

  private static String replaceValue(String json, String field, String value) {
    int start = json.indexOf("\"" + field + "\":\"") + field.length() + 4;
    return json.substring(0, start) + value + json.substring(json.indexOf('"', start));
  }

  /** Removes {@code ,"field":"..."} (both fields removed here are strings and never first). */
  private static String withoutMember(String json, String field) {
    int start = json.indexOf(",\"" + field + "\":\"");
    int valueStart = start + field.length() + 5;
    int end = json.indexOf('"', valueStart) + 1;
    return json.substring(0, start) + json.substring(end);
  }
}
