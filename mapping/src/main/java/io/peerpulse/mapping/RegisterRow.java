package io.peerpulse.mapping;

import io.peerpulse.event.Event;
import java.util.Objects;

/**
 * One data row of a CSV register, validated.
 *
 * @param line the 1-based line of the file where the row starts (the header is line 1)
 * @param json the row as the canonical-form JSON it was validated as, identifiers already
 *     pseudonymised; null when the row could not be mapped at all (a cell count that differs from
 *     the header's), because cells that do not line up with their columns might put a raw
 *     identifier anywhere
 * @param result the event, or why the row was rejected
 */
public record RegisterRow(long line, String json, ParseResult result) {

  public RegisterRow {
    Objects.requireNonNull(result, "result");
  }

  public boolean isAccepted() {
    return result instanceof ParseResult.Accepted;
  }

  /** The event of an accepted row. */
  public Event event() {
    if (result instanceof ParseResult.Accepted accepted) {
      return accepted.event();
    }
    throw new IllegalStateException("line " + line + " was rejected, it has no event");
  }

  /** The rejection of a rejected row. */
  public Rejection rejection() {
    if (result instanceof Rejection rejection) {
      return rejection;
    }
    throw new IllegalStateException("line " + line + " was accepted, it has no rejection");
  }

  /** The text for a dead-letter record: the row's JSON with identifiers masked, or "" when it had none. */
  public String deadLetterText() {
    return json == null ? "" : EventJson.redactedText(json);
  }
}
