package io.peerpulse.app.verify;

/** One cell on which two indicator tables disagree; {@code null} side = row absent there. */
public record CellDifference(String key, ComparableRow expected, ComparableRow actual, String what) {

  @Override
  public String toString() {
    return key + ": " + what + " (expected " + describe(expected) + ", got " + describe(actual) + ")";
  }

  private static String describe(ComparableRow row) {
    return row == null ? "no row" : row.describe();
  }
}
