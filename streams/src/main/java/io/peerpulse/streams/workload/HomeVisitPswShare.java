package io.peerpulse.streams.workload;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * HOME_VISIT_PSW_SHARE: of the attended HOME_VISIT contacts recorded by the site in the month (any
 * role, a group visit once), those whose {@code worker_role} is PSW. Workers: those of the visits
 * (there is no FTE denominator).
 */
final class HomeVisitPswShare implements WorkloadRule {

  @Override
  public WorkloadIndicator indicator() {
    return WorkloadIndicator.HOME_VISIT_PSW_SHARE;
  }

  @Override
  public WorkloadTally tally(WorkloadContext period) {
    List<WorkloadContact> visits = period.contacts(period.knownDays()).stream().filter(WorkloadContact::isHomeVisit).toList();
    long byPsw = visits.stream().filter(c -> c.role() == Role.PSW).count();
    Set<String> workers = new TreeSet<>();
    visits.forEach(c -> workers.add(c.workerId()));
    return new WorkloadTally(byPsw, visits.size(), workers);
  }
}
