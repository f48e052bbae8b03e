package io.peerpulse.streams.workload;

import io.peerpulse.streams.model.DateRange;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * PSW_OVER_THRESHOLD (WEEK): of the site's workers active as PSW on at least one day of the week
 * (days up to the horizon), whatever their fte, those whose direct minutes in the week exceed
 * {@code threshold_hours} x 60 x the fte of their last active PSW day. A member's minutes are their
 * attended PSW-role contacts recorded by the site under their worker id, on any day of the week
 * (also on days they were inactive). The comparison is exact in decimals and strict: exactly at the
 * threshold is not over; fte 0 is over with any direct minute. Workers: members with fte > 0 on
 * one of their active PSW days, or with a counted contact.
 */
final class PswOverThreshold implements WorkloadRule {

  private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

  @Override
  public WorkloadIndicator indicator() {
    return WorkloadIndicator.PSW_OVER_THRESHOLD;
  }

  @Override
  public WorkloadTally tally(WorkloadContext period) {
    DateRange days = period.knownDays();
    BigDecimal threshold = WorkerStatusChange.decimal(period.config().thresholdHours()).multiply(MINUTES_PER_HOUR);
    List<WorkloadContact> contacts = period.contacts(Role.PSW, days);
    int members = 0;
    int over = 0;
    Set<String> workers = new TreeSet<>();
    for (String worker : period.roster().workers()) {
      List<WorkerRoster.Held> active = period.roster().held(worker, days).stream().filter(h -> h.isActiveAs(Role.PSW)).toList();
      if (active.isEmpty()) {
        continue;
      }
      members++;
      BigDecimal fte = active.get(active.size() - 1).status().fte();
      List<WorkloadContact> own = contacts.stream().filter(c -> c.workerId().equals(worker)).toList();
      long minutes = own.stream().mapToLong(WorkloadContact::durationMinutes).sum();
      if (BigDecimal.valueOf(minutes).compareTo(threshold.multiply(fte)) > 0) {
        over++;
      }
      if (!own.isEmpty() || active.stream().anyMatch(h -> h.status().fte().signum() > 0)) {
        workers.add(worker);
      }
    }
    return new WorkloadTally(over, members, workers);
  }
}
