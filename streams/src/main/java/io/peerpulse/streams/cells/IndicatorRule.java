package io.peerpulse.streams.cells;

/**
 * The rule of one person-level indicator: counts the cell's members. Implementations live in the
 * indicator family packages ({@code engagement}, {@code outcomes}); {@link CellCalculator}
 * dispatches to them and turns their tallies into rows.
 */
public interface IndicatorRule {

  Indicator indicator();

  /** The tally of this indicator in the cell; the calculator omits it when empty. */
  Tally tally(CellContext cell);
}
