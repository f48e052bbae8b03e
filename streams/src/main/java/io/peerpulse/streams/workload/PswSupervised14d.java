package io.peerpulse.streams.workload;

import io.peerpulse.streams.model.DateRange;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * PSW_SUPERVISED_14D (WEEK, per site): of the site's workers whose status on the week's point day P
 * (the Sunday, or the horizon in the current week) is active with role PSW, whatever their fte,
 * those with at least one SUPERVISION recorded by the site under their worker id on days P-13 … P.
 * It counts workers: published under the distinct-workers rule, where the contributors are those
 * PSWs with fte > 0 on P (there are no contacts). A supervision of a worker who is not an active PSW
 * on P counts for nothing.
 */
final class PswSupervised14d implements WorkloadRule {

  /** Days in the supervision window, P included. */
  static final int WINDOW_DAYS = 14;

  @Override
  public WorkloadIndicator indicator() {
    return WorkloadIndicator.PSW_SUPERVISED_14D;
  }

  @Override
  public WorkloadTally tally(WorkloadContext period) {
    LocalDate p = period.pointDay();
    DateRange window = new DateRange(p.minusDays(WINDOW_DAYS - 1), p);
    Set<String> supervised = period.supervisedWorkers(window);
    int active = 0;
    int met = 0;
    Set<String> workers = new TreeSet<>();
    for (String worker : period.roster().workers()) {
      WorkerStatusChange status = period.roster().statusOn(worker, p).orElse(null);
      if (status == null || !status.active() || status.role() != Role.PSW) {
        continue;
      }
      active++;
      if (supervised.contains(worker)) {
        met++;
      }
      if (status.fte().signum() > 0) {
        workers.add(worker);
      }
    }
    return new WorkloadTally(met, active, workers);
  }
}
