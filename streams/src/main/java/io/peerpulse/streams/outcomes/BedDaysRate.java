package io.peerpulse.streams.outcomes;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.EnrolmentFact;

/**
 * BED_DAYS: days of merged psychiatric stays inside the period and inside an enrolment (paused days
 * included; open stays up to the site horizon), per person-month.
 */
public final class BedDaysRate implements IndicatorRule {

  @Override
  public Indicator indicator() {
    return Indicator.BED_DAYS;
  }

  @Override
  public Tally tally(CellContext cell) {
    long bedDays = 0;
    for (EnrolmentFact enrolment : cell.enrolments()) {
      bedDays += cell.bedDays(enrolment);
    }
    return Tally.ratio(bedDays, cell.personDays(), cell.periodDeadline());
  }
}
