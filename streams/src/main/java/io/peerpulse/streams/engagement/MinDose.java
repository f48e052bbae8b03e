package io.peerpulse.streams.engagement;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.EnrolmentFact;
import java.util.List;

/**
 * MIN_DOSE_3: of the INTERVENTION enrolments starting in the period, those with at least
 * {@code min_dose} PSW contacts while enrolled; final once every cohort enrolment has ended.
 */
public final class MinDose implements IndicatorRule {

  @Override
  public Indicator indicator() {
    return Indicator.MIN_DOSE_3;
  }

  @Override
  public Tally tally(CellContext cell) {
    List<EnrolmentFact> cohort = cell.interventionStarters();
    int minDose = cell.config().minDose();
    long dosed = cohort.stream().filter(e -> e.pswContacts().size() >= minDose).count();
    return Tally.ratio(dosed, cohort.size(), cell.deadline(cohort.stream().map(EnrolmentFact::end)));
  }
}
