package io.peerpulse.streams.engagement;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;

/**
 * ACTIVE_ENROLMENTS: enrolments with at least one person-day in the period (a non-paused day up to
 * the site horizon); a count, no denominator.
 */
public final class ActiveEnrolments implements IndicatorRule {

  @Override
  public Indicator indicator() {
    return Indicator.ACTIVE_ENROLMENTS;
  }

  @Override
  public Tally tally(CellContext cell) {
    long active = cell.enrolments().stream().filter(e -> cell.personDays(e) > 0).count();
    return Tally.count(active, cell.periodDeadline());
  }
}
