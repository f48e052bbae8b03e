package io.peerpulse.mapping;

/**
 * A CSV register that cannot be read as a whole: no header, an unknown or repeated column, raw
 * identifier columns without a pseudonym key, or a CSV syntax error. Unlike a rejected row (a
 * {@link Rejection} in a {@link RegisterRow}), nothing of such a register should be sent. The
 * message names the line, the column and what was expected; it never contains cell values.
 */
public final class RegisterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the register was refused, for callers that answer with a code (HTTP, CLI exit codes). */
  public enum Kind {
    /** Not a register: no header, an unknown, repeated or empty column name, or no {@code type} column. */
    BAD_HEADER,
    /** Raw identifier columns but no pseudonym key configured. */
    RAW_IDENTIFIERS_WITHOUT_KEY,
    /** Not CSV from some line on (an unbalanced quote, text after a closing quote), or unreadable input. */
    CSV_SYNTAX
  }

  private final Kind kind;
  private final long line;

  public RegisterException(Kind kind, long line, String message) {
    super("line " + line + ": " + message);
    this.kind = kind;
    this.line = line;
  }

  public Kind kind() {
    return kind;
  }

  /** The 1-based line of the file where the problem was found. */
  public long line() {
    return line;
  }
}
