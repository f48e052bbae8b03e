package io.peerpulse.app.ingest;

import io.peerpulse.mapping.ParseResult;
import io.peerpulse.mapping.RegisterRow;
import java.util.Objects;

/**
 * One row of an ingest input, validated: a JSON event, an element of a JSON array, a line of JSON
 * lines or a CSV register row.
 *
 * @param line 1-based: the line of the file (JSON lines, CSV; a register's header is line 1), or
 *     the element's position in a JSON array, or 1 for a single JSON object
 * @param deadLetterText what a dead letter of this row carries: the original JSON with identifier
 *     values redacted, or a register row's JSON (pseudonyms, redacted); "" when there is none
 * @param result the event or why it was rejected
 */
public record InputRow(long line, String deadLetterText, ParseResult result) {

  public InputRow {
    Objects.requireNonNull(deadLetterText, "deadLetterText");
    Objects.requireNonNull(result, "result");
  }

  static InputRow of(RegisterRow row) {
    return new InputRow(row.line(), row.isAccepted() ? "" : row.deadLetterText(), row.result());
  }
}
