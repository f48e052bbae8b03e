package io.peerpulse.streams.cells;

import java.time.LocalDate;
import java.util.List;

/**
 * What one indicator rule found in one cell, before value and status: the exact counts, the median
 * inputs (DAYS_TO_FIRST_CONTACT only) and the deadline the status waits for.
 *
 * @param numerator the numerator (for a median, the count of inputs)
 * @param denominator the denominator, null for COUNT and MEDIAN indicators
 * @param medianInputs the members' values for a median, empty otherwise
 * @param deadline the period's end or the latest status window of a member, whichever is later
 */
public record Tally(double numerator, Double denominator, List<Integer> medianInputs, LocalDate deadline) {

  public Tally {
    medianInputs = List.copyOf(medianInputs);
  }

  public static Tally ratio(double numerator, double denominator, LocalDate deadline) {
    return new Tally(numerator, denominator, List.of(), deadline);
  }

  public static Tally count(double numerator, LocalDate deadline) {
    return new Tally(numerator, null, List.of(), deadline);
  }

  public static Tally median(List<Integer> inputs, LocalDate deadline) {
    return new Tally(inputs.size(), null, inputs, deadline);
  }

  /** Numerator and denominator both 0 or absent: the row is omitted. */
  public boolean isEmpty() {
    return numerator == 0 && (denominator == null || denominator == 0);
  }
}
