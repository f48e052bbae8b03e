package io.peerpulse.streams.workload;

import io.peerpulse.streams.model.DateRange;
import java.util.List;

/**
 * MHW_CONTACTS_PER_FTE: attended MHW contacts recorded by the site in the period (a group session
 * once), per MHW FTE-week of the period's days up to the horizon. Workers: those of the contacts
 * and the MHWs with fte > 0 on one of those days.
 */
final class MhwContactsPerFte implements WorkloadRule {

  @Override
  public WorkloadIndicator indicator() {
    return WorkloadIndicator.MHW_CONTACTS_PER_FTE;
  }

  @Override
  public WorkloadTally tally(WorkloadContext period) {
    DateRange days = period.knownDays();
    List<WorkloadContact> contacts = period.contacts(Role.MHW, days);
    return new WorkloadTally(contacts.size(), period.roster().fteWeeks(Role.MHW, days),
        period.workers(contacts, Role.MHW, days));
  }
}
