package io.peerpulse.streams.engagement;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.person.EnrolmentFact;
import java.time.LocalDate;
import java.util.List;

/**
 * REACH_30: of the INTERVENTION enrolments starting in the period, those with a PSW contact of the
 * enrolment on days d0..d0+29 (calendar days: pauses do not extend it). An enrolment that ends with
 * DIED before d0+29 leaves the cohort and is no member for the status either (as the reference
 * decided: a dropped member's window does not hold the row open).
 */
public final class Reach30 implements IndicatorRule {

  /** d0 + 29 is the window's last day. */
  static final int LAST_WINDOW_DAY = 29;

  @Override
  public Indicator indicator() {
    return Indicator.REACH_30;
  }

  @Override
  public Tally tally(CellContext cell) {
    List<EnrolmentFact> cohort = cell.interventionStarters().stream().filter(e -> !diedBeforeWindowEnd(e)).toList();
    long reached = cohort.stream().filter(Reach30::contactedInWindow).count();
    return Tally.ratio(reached, cohort.size(), cell.deadline(cohort.stream().map(Reach30::windowEnd)));
  }

  static LocalDate windowEnd(EnrolmentFact enrolment) {
    return enrolment.start().plusDays(LAST_WINDOW_DAY);
  }

  static boolean diedBeforeWindowEnd(EnrolmentFact enrolment) {
    return "DIED".equals(enrolment.exitReason()) && enrolment.exitDate().isBefore(windowEnd(enrolment));
  }

  private static boolean contactedInWindow(EnrolmentFact enrolment) {
    DateRange window = new DateRange(enrolment.start(), windowEnd(enrolment));
    return enrolment.pswContacts().stream().anyMatch(window::contains);
  }
}
