package io.peerpulse.streams.engagement;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.SiteFacts;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.EnrolmentFact;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DISENGAGED_60 (MONTH): of the INTERVENTION enrolments enrolled on the period's point-in-time day
 * D that started on or before D-60, those without a PSW contact of the enrolment on the 60 latest
 * non-paused days of the site up to D. Contacts on paused days are outside the window, as are
 * days before d0 (the enrolment has no contacts there).
 */
public final class Disengaged60 implements IndicatorRule {

  static final int WINDOW_DAYS = 60;

  @Override
  public Indicator indicator() {
    return Indicator.DISENGAGED_60;
  }

  @Override
  public Tally tally(CellContext cell) {
    LocalDate d = cell.pointInTime();
    List<EnrolmentFact> cohort = cell.enrolments().stream()
        .filter(e -> CellContext.INTERVENTION.equals(e.base().arm()))
        .filter(e -> e.span().contains(d) && !e.start().isAfter(d.minusDays(WINDOW_DAYS)))
        .toList();
    if (cohort.isEmpty()) {
      return Tally.ratio(0, 0, cell.periodDeadline());
    }
    Set<LocalDate> window = window(cell.site(), d);
    long disengaged = cohort.stream().filter(e -> e.pswContacts().stream().noneMatch(window::contains)).count();
    return Tally.ratio(disengaged, cohort.size(), cell.periodDeadline());
  }

  /** The 60 latest non-paused days up to and including {@code d}. */
  static Set<LocalDate> window(SiteFacts site, LocalDate d) {
    Set<LocalDate> days = new HashSet<>();
    for (LocalDate day = d; days.size() < WINDOW_DAYS; day = day.minusDays(1)) {
      if (!site.isPaused(day)) {
        days.add(day);
      }
    }
    return days;
  }
}
