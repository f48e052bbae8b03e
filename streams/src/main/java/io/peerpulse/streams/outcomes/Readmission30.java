package io.peerpulse.streams.outcomes;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.IndexDischargeFact;
import java.time.LocalDate;
import java.util.List;

/**
 * READMISSION_30: of the index discharges dated in the period, those followed by the start of a
 * new merged psychiatric stay within 30 days after the discharge date.
 */
public final class Readmission30 implements IndicatorRule {

  static final int DAYS = 30;

  @Override
  public Indicator indicator() {
    return Indicator.READMISSION_30;
  }

  @Override
  public Tally tally(CellContext cell) {
    List<IndexDischargeFact> cohort = cell.discharges();
    long readmitted = cohort.stream().filter(Readmission30::readmitted).count();
    return Tally.ratio(readmitted, cohort.size(), cell.deadline(cohort.stream().map(d -> d.dischargeDate().plusDays(DAYS))));
  }

  private static boolean readmitted(IndexDischargeFact discharge) {
    LocalDate next = discharge.nextStayStart();
    return next != null && next.isAfter(discharge.dischargeDate()) && !next.isAfter(discharge.dischargeDate().plusDays(DAYS));
  }
}
