package io.peerpulse.app.ingest;

import java.util.Locale;
import java.util.Optional;

/** What an ingest input is. */
public enum IngestFormat {
  /** One JSON object, a JSON array of objects, or JSON lines (decided from the text, see {@link JsonInput}). */
  JSON,
  /** One JSON object per line; blank lines are skipped. */
  JSON_LINES,
  /** A CSV register (mapping/README.md, "CSV registers"). */
  CSV;

  /** The format of a file by its extension: .json, .jsonl/.ndjson, .csv. */
  public static Optional<IngestFormat> ofFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return Optional.of(JSON_LINES);
    }
    if (lower.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (lower.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    return Optional.empty();
  }
}
