package io.peerpulse.streams.fidelity;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.EnrolmentFact;

/**
 * CRISIS_SAME_DAY (MONTH, all arms): of the relapse episodes (as in RELAPSE_RATE) starting in the
 * month within an enrolment, those met by an attended {@code crisis = true} contact on the
 * episode's start or the next day ({@link EnrolmentFact#crisisMetEpisodes()}). The next day may be
 * in the following month, so the status waits for {@code period_end + 1}.
 */
public final class CrisisSameDay implements IndicatorRule {

  @Override
  public Indicator indicator() {
    return Indicator.CRISIS_SAME_DAY;
  }

  @Override
  public Tally tally(CellContext cell) {
    long episodes = cell.countDated(EnrolmentFact::relapseEpisodes);
    long met = cell.countDated(EnrolmentFact::crisisMetEpisodes);
    return Tally.ratio(met, episodes, cell.periodDeadline().plusDays(1));
  }
}
