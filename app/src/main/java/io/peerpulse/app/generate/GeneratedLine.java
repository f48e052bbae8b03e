package io.peerpulse.app.generate;

import java.time.Instant;
import java.util.Objects;

/**
 * One output line of the generator: a canonical JSON event (spec/events.md) or, deliberately, a
 * malformed row. {@code recordedAt} is the event's {@code recorded_at} (for a malformed row, that of
 * the event it was made from), the order of the output.
 */
public record GeneratedLine(Instant recordedAt, String siteId, String json) {
  public GeneratedLine {
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(json, "json");
  }
}
