package io.peerpulse.streams.cells;

import java.util.Collection;
import java.util.List;

/** The median of DAYS_TO_FIRST_CONTACT: the mean of the two middle values when the count is even. */
public final class Median {

  private Median() {}

  /** The median, null for no values. */
  public static Double of(Collection<Integer> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Integer> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    if (sorted.size() % 2 == 1) {
      return (double) sorted.get(middle);
    }
    return (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
  }
}
