package io.peerpulse.streams.workload;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.model.DateRange;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One site period as the workload rules see it: the site's attended contacts and SUPERVISION
 * sessions that the period can count, its roster, and the days it counts (its days up to the site horizon). Only built for a
 * period that has rows at the horizon, so {@link #knownDays()} is never empty.
 */
final class WorkloadContext {

  private final Period period;
  private final LocalDate horizon;
  private final EngineConfig config;
  private final WorkerRoster roster;
  private final List<WorkloadContact> contacts;
  private final List<SupervisionSession> supervisions;

  WorkloadContext(Period period, LocalDate horizon, Collection<WorkloadContact> contacts, Collection<SupervisionSession> supervisions,
      WorkerRoster roster, EngineConfig config) {
    this.period = period;
    this.horizon = horizon;
    this.config = config;
    this.roster = roster;
    DateRange range = WorkloadCalculator.contactRange(period);
    this.contacts = contacts.stream()
        .filter(c -> c.attended() && range.contains(c.date()) && !c.date().isAfter(horizon))
        .toList();
    this.supervisions = List.copyOf(supervisions);
  }

  Period period() {
    return period;
  }

  EngineConfig config() {
    return config;
  }

  WorkerRoster roster() {
    return roster;
  }

  /** The period's days up to the site horizon: the days FTE-weeks and counts cover. */
  DateRange knownDays() {
    return new DateRange(period.start(), pointDay());
  }

  /**
   * The day a point-in-time measure of the period is taken: the earlier of its last day and the
   * site horizon, so the current week shows the latest known state (ROLLING_28D: its end).
   */
  LocalDate pointDay() {
    return horizon.isBefore(period.end()) ? horizon : period.end();
  }

  /** The attended contacts of {@code role} dated in {@code days}. */
  List<WorkloadContact> contacts(Role role, DateRange days) {
    return contacts.stream().filter(c -> c.role() == role && days.contains(c.date())).toList();
  }

  /** The workers with a SUPERVISION of the site dated in {@code days}. */
  Set<String> supervisedWorkers(DateRange days) {
    Set<String> workers = new TreeSet<>();
    supervisions.stream().filter(s -> days.contains(s.date())).forEach(s -> workers.add(s.workerId()));
    return workers;
  }

  /** The attended contacts of any role dated in {@code days}. */
  List<WorkloadContact> contacts(DateRange days) {
    return contacts.stream().filter(c -> days.contains(c.date())).toList();
  }

  /**
   * The contributing workers of a ratio over {@code counted} contacts and {@code role}'s FTE on
   * {@code fteDays}: the contacts' workers and the role's workers with fte > 0 on one of those days.
   */
  Set<String> workers(Collection<WorkloadContact> counted, Role role, DateRange fteDays) {
    Set<String> workers = new TreeSet<>(roster.workersWithFte(role, fteDays));
    counted.forEach(c -> workers.add(c.workerId()));
    return workers;
  }
}
