package io.peerpulse.app.chaos;

import io.peerpulse.app.verify.CellDifference;
import io.peerpulse.app.verify.ComparableRow;
import io.peerpulse.app.verify.TableComparison;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.streams.cells.Indicator;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reliability campaign's oracle check: an indicator table read from a topic (final values:
 * read_committed, latest per key, tombstones deleting) against the SQL reference computed from the
 * same accepted input events, as Kafka's {@code streams_eos_test} compares committed output with a
 * recomputation.
 *
 * <p>Each differing cell is classified by the direction of its counts: a crash that drops a
 * processed record leaves a count, numerator or denominator below the reference (<em>lost</em>, or
 * a missing row); one that processes a record twice leaves it above (<em>duplicated</em>, or a row
 * the reference does not have). A cell can be both (one count up, another down); a cell whose
 * counts agree but whose value, status or suppression differs is <em>other</em>. Numbers are
 * compared as {@code verify} compares them ({@link TableComparison}, within 1e-4; revision is not
 * compared).
 */
public final class IndicatorCheck {

  /** The indicators the streams compute; the reference also has some they do not (yet). */
  private static final Set<String> ENGINE_INDICATORS =
      Arrays.stream(Indicator.values()).map(Indicator::name).collect(Collectors.toUnmodifiableSet());

  private IndicatorCheck() {}

  /**
   * What one table's comparison found.
   *
   * @param table "internal" or "published"
   * @param cellsCompared cells in either table (the union of their keys)
   * @param lostCells cells with a count below the reference, or missing
   * @param duplicatedCells cells with a count above the reference, or not in the reference
   * @param otherCells cells whose counts agree but whose value, status or suppression differs
   * @param differences every differing cell, in key order
   */
  public record Result(String table, int cellsCompared, int lostCells, int duplicatedCells, int otherCells,
      List<CellDifference> differences) {

    public Result {
      differences = List.copyOf(differences);
    }

    public boolean exact() {
      return differences.isEmpty();
    }
  }

  /** Compares {@code pipeline} with the reference rows of the indicators the engine computes. */
  public static Result compareWithReference(String table, Collection<ReferenceRow> reference,
      Collection<ComparableRow> pipeline) {
    List<ComparableRow> expected = reference.stream().filter(row -> ENGINE_INDICATORS.contains(row.indicator()))
        .map(ComparableRow::of).toList();
    return compare(table, expected, pipeline);
  }

  /** Compares two tables of comparable rows (the expected one is the reference). */
  public static Result compare(String table, Collection<ComparableRow> expected, Collection<ComparableRow> pipeline) {
    List<CellDifference> differences = TableComparison.differences(expected, pipeline);
    int lost = 0;
    int duplicated = 0;
    int other = 0;
    for (CellDifference difference : differences) {
      Direction direction = direction(difference.expected(), difference.actual());
      lost += direction.lost ? 1 : 0;
      duplicated += direction.duplicated ? 1 : 0;
      other += direction.lost || direction.duplicated ? 0 : 1;
    }
    Set<String> keys = new HashSet<>();
    expected.forEach(row -> keys.add(row.key()));
    pipeline.forEach(row -> keys.add(row.key()));
    return new Result(table, keys.size(), lost, duplicated, other, differences);
  }

  private record Direction(boolean lost, boolean duplicated) {}

  /** Which way the counts of a differing cell moved; an empty number counts as 0. */
  private static Direction direction(ComparableRow reference, ComparableRow pipeline) {
    if (pipeline == null) {
      return new Direction(true, false);
    }
    if (reference == null) {
      return new Direction(false, true);
    }
    int numerator = compareCounts(pipeline.numerator(), reference.numerator());
    int denominator = compareCounts(pipeline.denominator(), reference.denominator());
    return new Direction(numerator < 0 || denominator < 0, numerator > 0 || denominator > 0);
  }

  /** -1, 0 or 1 as {@code a} is below, within the comparison's tolerance of, or above {@code b}. */
  private static int compareCounts(Double a, Double b) {
    double difference = (a == null ? 0 : a) - (b == null ? 0 : b);
    return Math.abs(difference) <= TableComparison.TOLERANCE ? 0 : (difference < 0 ? -1 : 1);
  }
}
