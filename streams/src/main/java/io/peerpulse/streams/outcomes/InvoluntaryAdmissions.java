package io.peerpulse.streams.outcomes;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.EnrolmentFact;

/**
 * INVOLUNTARY_ADMISSIONS: psychiatric ADMITTED events with {@code involuntary = true} (before
 * merging) dated in the period within an enrolment, per 100 person-months.
 */
public final class InvoluntaryAdmissions implements IndicatorRule {

  @Override
  public Indicator indicator() {
    return Indicator.INVOLUNTARY_ADMISSIONS;
  }

  @Override
  public Tally tally(CellContext cell) {
    return Tally.ratio(cell.countDated(EnrolmentFact::involuntaryAdmissions), cell.personDays(), cell.periodDeadline());
  }
}
