package io.peerpulse.streams.engagement;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.EnrolmentFact;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * DAYS_TO_FIRST_CONTACT: the median of (first PSW contact of the enrolment - d0) in days over the
 * INTERVENTION enrolments starting in the period that have one. Every starter is a member for the
 * status (with or without a contact yet), with its enrolment's end as window.
 */
public final class DaysToFirstContact implements IndicatorRule {

  @Override
  public Indicator indicator() {
    return Indicator.DAYS_TO_FIRST_CONTACT;
  }

  @Override
  public Tally tally(CellContext cell) {
    List<EnrolmentFact> starters = cell.interventionStarters();
    List<Integer> days = starters.stream()
        .filter(e -> !e.pswContacts().isEmpty())
        .map(e -> (int) ChronoUnit.DAYS.between(e.start(), e.pswContacts().get(0)))
        .sorted()
        .toList();
    return Tally.median(days, cell.deadline(starters.stream().map(EnrolmentFact::end)));
  }
}
