package io.peerpulse.streams.fidelity;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.person.EnrolmentFact;
import java.util.List;

/**
 * PHASE1/2/3_CONTACT_RATE (MONTH of the enrolment start, all arms): of the enrolments starting in
 * the month, attended contacts (PSW or MHW, any mode, a group session once per person) of the
 * enrolment dated in CTI phase k, per person-month of those enrolments in phase k. Phase k is the
 * calendar days d0 + 91(k-1) … d0 + 91k - 1 (pauses do not shift it). Person-days are the
 * enrolment's non-paused days in the phase up to the site horizon, so a phase after the exit or
 * after the horizon has none; contacts are the enrolment's own (dated inside it), on paused days
 * too, not capped by the horizon (as every member window). Status: FINAL once the phase's last day
 * of every starter of the cell, ended or not, has passed the watermark.
 */
public final class PhaseContactRate implements IndicatorRule {

  private final int phase;
  private final Indicator indicator;

  private PhaseContactRate(int phase, Indicator indicator) {
    this.phase = phase;
    this.indicator = indicator;
  }

  /** The rule of phase {@code k} (1 to 3). */
  public static PhaseContactRate phase(int k) {
    return switch (k) {
      case 1 -> new PhaseContactRate(1, Indicator.PHASE1_CONTACT_RATE);
      case 2 -> new PhaseContactRate(2, Indicator.PHASE2_CONTACT_RATE);
      case 3 -> new PhaseContactRate(3, Indicator.PHASE3_CONTACT_RATE);
      default -> throw new IllegalArgumentException("phase: expected 1 to 3, got " + k);
    };
  }

  @Override
  public Indicator indicator() {
    return indicator;
  }

  @Override
  public Tally tally(CellContext cell) {
    List<EnrolmentFact> cohort = cell.starters();
    long contacts = 0;
    long personDays = 0;
    for (EnrolmentFact enrolment : cohort) {
      DateRange days = enrolment.phase(phase);
      contacts += enrolment.phaseContacts().stream().filter(days::contains).count();
      personDays += cell.personDaysIn(enrolment, days);
    }
    return Tally.ratio(contacts, personDays, cell.deadline(cohort.stream().map(e -> e.phase(phase).last())));
  }
}
