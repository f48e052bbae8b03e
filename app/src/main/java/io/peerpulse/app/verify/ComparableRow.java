package io.peerpulse.app.verify;

import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.streams.compute.IndicatorRow;

/**
 * The compared part of an indicator row: everything but {@code revision}, which depends on
 * arrival batches and which the SQL reference does not compute (shared/examples/README.md).
 */
public record ComparableRow(String key, Double numerator, Double denominator, Double value, String status,
    boolean suppressed) {

  public static ComparableRow of(IndicatorRow row) {
    return new ComparableRow(row.key(), row.numerator(), row.denominator(), row.value(), row.status(), row.suppressed());
  }

  public static ComparableRow of(ReferenceRow row) {
    return new ComparableRow(row.key(), row.numerator(), row.denominator(), row.value(), row.status(), row.suppressed());
  }

  String describe() {
    return "numerator=" + text(numerator) + " denominator=" + text(denominator) + " value=" + text(value)
        + " " + status + (suppressed ? " suppressed" : "");
  }

  private static String text(Double number) {
    return number == null ? "empty" : String.valueOf(number);
  }
}
