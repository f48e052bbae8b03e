package io.peerpulse.streams.workload;

import io.peerpulse.streams.model.DateRange;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PSW_CASELOAD: distinct persons with an attended PSW contact recorded by the site in the 28 days
 * ending on the period's point day P, per PSW FTE on P. P = the period's end, or the horizon in the
 * current week (WEEK: the 28 days ending on the Sunday; ROLLING_28D: P = E). A group session counts
 * once per person; persons count whether enrolled or not; contacts by workers without a status
 * count. Workers: those of the contacts and the PSWs with fte > 0 on P.
 */
final class PswCaseload implements WorkloadRule {

  /** Days in the caseload window. */
  static final int WINDOW_DAYS = 28;

  @Override
  public WorkloadIndicator indicator() {
    return WorkloadIndicator.PSW_CASELOAD;
  }

  @Override
  public WorkloadTally tally(WorkloadContext period) {
    LocalDate p = period.pointDay();
    List<WorkloadContact> contacts = period.contacts(Role.PSW, new DateRange(p.minusDays(WINDOW_DAYS - 1), p));
    Set<String> persons = new HashSet<>();
    contacts.forEach(c -> persons.addAll(c.distinctPersonIds()));
    double fte = period.roster().fteOn(Role.PSW, p).doubleValue();
    return new WorkloadTally(persons.size(), fte, period.workers(contacts, Role.PSW, DateRange.of(p)));
  }
}
