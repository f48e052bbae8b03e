package io.peerpulse.streams.workload;

import io.peerpulse.streams.model.DateRange;
import java.util.List;

/**
 * PSW_DIRECT_HOURS: the duration_minutes / 60 of the attended PSW contacts recorded by the site in
 * the period (a group session once), per PSW FTE-week of the period's days up to the horizon.
 * Workers: those of the contacts and the PSWs with fte > 0 on one of those days.
 */
final class PswDirectHours implements WorkloadRule {

  static final double MINUTES_PER_HOUR = 60.0;

  @Override
  public WorkloadIndicator indicator() {
    return WorkloadIndicator.PSW_DIRECT_HOURS;
  }

  @Override
  public WorkloadTally tally(WorkloadContext period) {
    DateRange days = period.knownDays();
    List<WorkloadContact> contacts = period.contacts(Role.PSW, days);
    long minutes = contacts.stream().mapToLong(WorkloadContact::durationMinutes).sum();
    return new WorkloadTally(minutes / MINUTES_PER_HOUR, period.roster().fteWeeks(Role.PSW, days),
        period.workers(contacts, Role.PSW, days));
  }
}
