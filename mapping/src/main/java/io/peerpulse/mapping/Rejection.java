package io.peerpulse.mapping;

import java.util.Objects;

/**
 * A rejected input: the reason code, the offending field (null when no single field is to blame,
 * e.g. text that is not JSON) and a message naming the field, the value and what was expected.
 * Messages never contain person or worker identifiers, so they may be logged and returned to senders.
 */
public record Rejection(Reason reason, String field, String message) implements ParseResult {

  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
