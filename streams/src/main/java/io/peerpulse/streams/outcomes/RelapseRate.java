package io.peerpulse.streams.outcomes;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.EnrolmentFact;

/** RELAPSE_RATE: relapse episodes starting in the period within an enrolment, per 100 person-months. */
public final class RelapseRate implements IndicatorRule {

  @Override
  public Indicator indicator() {
    return Indicator.RELAPSE_RATE;
  }

  @Override
  public Tally tally(CellContext cell) {
    return Tally.ratio(cell.countDated(EnrolmentFact::relapseEpisodes), cell.personDays(), cell.periodDeadline());
  }
}
