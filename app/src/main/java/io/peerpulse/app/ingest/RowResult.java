package io.peerpulse.app.ingest;

import io.peerpulse.mapping.Reason;
import io.peerpulse.mapping.Rejection;

/**
 * What happened to one input row, as the HTTP answer and the CLI report it: accepted (written to
 * the events topic and acknowledged) or rejected with the reason code, field and message of the
 * shared mapping (written to the dead-letter topic).
 *
 * @param line as {@link InputRow#line()}
 * @param reason null when accepted
 * @param field the offending field; null when accepted or no single field is to blame
 * @param message null when accepted; never contains identifiers
 */
public record RowResult(long line, Reason reason, String field, String message) {

  static RowResult accepted(long line) {
    return new RowResult(line, null, null, null);
  }

  static RowResult rejected(long line, Rejection rejection) {
    return new RowResult(line, rejection.reason(), rejection.field(), rejection.message());
  }

  public boolean isAccepted() {
    return reason == null;
  }
}
