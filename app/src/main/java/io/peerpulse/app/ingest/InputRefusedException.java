package io.peerpulse.app.ingest;

/**
 * An input refused as a whole before anything of it was sent: not UTF-8, empty, a JSON array that
 * is not JSON, a register with a wrong header or raw identifiers without a key, broken CSV. The
 * HTTP API answers 400, the CLI exits with 2. The message names the line and what was expected and
 * never quotes the input.
 */
public final class InputRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final long line;

  /**
   * @param code a stable upper-case code for clients ({@code UNREADABLE_BODY},
   *     {@code RAW_IDENTIFIERS_WITHOUT_KEY}, ...)
   * @param line the 1-based line where the problem was found, or 0 when it concerns the whole input
   */
  public InputRefusedException(String code, long line, String message) {
    super(message);
    this.code = code;
    this.line = line;
  }

  public String code() {
    return code;
  }

  public long line() {
    return line;
  }
}
