package io.peerpulse.streams.outcomes;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.IndexDischargeFact;
import java.time.LocalDate;
import java.util.List;

/**
 * FOLLOW_UP_7 and FOLLOW_UP_30: of the index discharges dated in the period, those with a follow-up
 * contact on days 1..N after the discharge. A discharge leaves the cohort when the next merged stay
 * starts on days 1..N strictly before the first follow-up contact (a contact on the same day keeps
 * it); it stays a member for the status, as a late contact could bring it back.
 */
public final class FollowUp implements IndicatorRule {

  private final Indicator indicator;
  private final int days;

  private FollowUp(Indicator indicator, int days) {
    this.indicator = indicator;
    this.days = days;
  }

  public static FollowUp sevenDays() {
    return new FollowUp(Indicator.FOLLOW_UP_7, 7);
  }

  public static FollowUp thirtyDays() {
    return new FollowUp(Indicator.FOLLOW_UP_30, 30);
  }

  @Override
  public Indicator indicator() {
    return indicator;
  }

  @Override
  public Tally tally(CellContext cell) {
    List<IndexDischargeFact> members = cell.discharges();
    List<IndexDischargeFact> cohort = members.stream().filter(d -> !readmittedBeforeFollowUp(d)).toList();
    long followedUp = cohort.stream().filter(this::followedUp).count();
    return Tally.ratio(followedUp, cohort.size(), cell.deadline(members.stream().map(this::windowEnd)));
  }

  private LocalDate windowEnd(IndexDischargeFact discharge) {
    return discharge.dischargeDate().plusDays(days);
  }

  /** The first follow-up is already limited to days 1..30; here it must also fall within N days. */
  private boolean followedUp(IndexDischargeFact discharge) {
    return discharge.firstFollowUp() != null && !discharge.firstFollowUp().isAfter(windowEnd(discharge));
  }

  private boolean readmittedBeforeFollowUp(IndexDischargeFact discharge) {
    LocalDate next = discharge.nextStayStart();
    if (next == null || !next.isAfter(discharge.dischargeDate()) || next.isAfter(windowEnd(discharge))) {
      return false;
    }
    return discharge.firstFollowUp() == null || next.isBefore(discharge.firstFollowUp());
  }
}
