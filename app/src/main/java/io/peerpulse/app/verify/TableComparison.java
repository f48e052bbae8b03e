package io.peerpulse.app.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two indicator tables cell by cell, as interfaces.md says numbers are compared: within
 * a tolerance of 1e-4, empty equals only empty.
 */
public final class TableComparison {

  public static final double TOLERANCE = 1e-4;

  private TableComparison() {}

  /** Every differing cell, in key order; empty when the tables agree. */
  public static List<CellDifference> differences(Collection<ComparableRow> expected, Collection<ComparableRow> actual) {
    Map<String, ComparableRow> left = byKey(expected);
    Map<String, ComparableRow> right = byKey(actual);
    TreeSet<String> keys = new TreeSet<>(left.keySet());
    keys.addAll(right.keySet());
    List<CellDifference> differences = new ArrayList<>();
    for (String key : keys) {
      String what = difference(left.get(key), right.get(key));
      if (what != null) {
        differences.add(new CellDifference(key, left.get(key), right.get(key), what));
      }
    }
    return differences;
  }

  private static String difference(ComparableRow expected, ComparableRow actual) {
    if (expected == null) {
      return "unexpected row";
    }
    if (actual == null) {
      return "missing row";
    }
    List<String> fields = new ArrayList<>();
    if (!close(expected.numerator(), actual.numerator())) {
      fields.add("numerator");
    }
    if (!close(expected.denominator(), actual.denominator())) {
      fields.add("denominator");
    }
    if (!close(expected.value(), actual.value())) {
      fields.add("value");
    }
    if (!Objects.equals(expected.status(), actual.status())) {
      fields.add("status");
    }
    if (expected.suppressed() != actual.suppressed()) {
      fields.add("suppressed");
    }
    return fields.isEmpty() ? null : String.join(", ", fields) + " differ";
  }

  static boolean close(Double a, Double b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Math.abs(a - b) <= TOLERANCE;
  }

  private static Map<String, ComparableRow> byKey(Collection<ComparableRow> rows) {
    Map<String, ComparableRow> map = new TreeMap<>();
    for (ComparableRow row : rows) {
      if (map.put(row.key(), row) != null) {
        throw new IllegalArgumentException("two rows for one cell: " + row.key());
      }
    }
    return map;
  }
}
