package io.peerpulse.streams.workload;

import io.peerpulse.streams.model.DateRange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A site's workers over time, from its effective WORKER_STATUS changes (spec/indicators.md
 * "Precise rules / Workload"): on a day a worker's role, fte and activity come from their latest
 * status on or before it; of two on one date the later arrival stands. Before their first status a
 * worker has none. FTE on a day = sum of the fte of that role's workers active that day. Pauses do
 * not matter (they remove person-time only). Immutable; queries cost one pass over the statuses
 * that hold in the asked days.
 */
public final class WorkerRoster {

  public static final WorkerRoster EMPTY = new WorkerRoster(Map.of());

  private static final double DAYS_PER_WEEK = 7;

  /** The standing status of each worker on each date they have one, by worker id. */
  private final Map<String, NavigableMap<LocalDate, WorkerStatusChange>> byWorker;

  private WorkerRoster(Map<String, NavigableMap<LocalDate, WorkerStatusChange>> byWorker) {
    this.byWorker = byWorker;
  }

  /** The roster of one site's effective status changes, in any order. */
  public static WorkerRoster of(Collection<WorkerStatusChange> changes) {
    Map<String, NavigableMap<LocalDate, WorkerStatusChange>> byWorker = new TreeMap<>();
    for (WorkerStatusChange change : changes) {
      byWorker.computeIfAbsent(change.workerId(), k -> new TreeMap<>())
          .merge(change.date(), change, (a, b) -> a.seq() >= b.seq() ? a : b);
    }
    byWorker.replaceAll((worker, statuses) -> Collections.unmodifiableNavigableMap(statuses));
    return new WorkerRoster(Collections.unmodifiableMap(byWorker));
  }

  /** A status and the days, inside the asked range, on which it is the worker's status. */
  public record Held(WorkerStatusChange status, DateRange days) {

    public boolean isActiveAs(Role role) {
      return status.active() && status.role() == role;
    }
  }

  /** Every worker with at least one status, in id order. */
  public Set<String> workers() {
    return byWorker.keySet();
  }

  /** The worker's status on {@code day}, empty before their first status. */
  public Optional<WorkerStatusChange> statusOn(String workerId, LocalDate day) {
    NavigableMap<LocalDate, WorkerStatusChange> statuses = byWorker.get(workerId);
    return Optional.ofNullable(statuses == null ? null : statuses.floorEntry(day)).map(Map.Entry::getValue);
  }

  /** The date of the worker's first status after {@code day}, empty when there is none. */
  public Optional<LocalDate> nextStatusDate(String workerId, LocalDate day) {
    NavigableMap<LocalDate, WorkerStatusChange> statuses = byWorker.get(workerId);
    return Optional.ofNullable(statuses == null ? null : statuses.higherKey(day));
  }

  /** The worker's statuses that hold on days of {@code days}, each with those days, in date order. */
  public List<Held> held(String workerId, DateRange days) {
    NavigableMap<LocalDate, WorkerStatusChange> statuses = byWorker.get(workerId);
    if (statuses == null) {
      return List.of();
    }
    LocalDate from = Optional.ofNullable(statuses.floorKey(days.first())).orElse(days.first());
    List<Held> held = new ArrayList<>();
    for (Map.Entry<LocalDate, WorkerStatusChange> entry : statuses.subMap(from, true, days.last(), true).entrySet()) {
      LocalDate next = statuses.higherKey(entry.getKey());
      LocalDate until = next == null || next.isAfter(days.last()) ? days.last() : next.minusDays(1);
      LocalDate start = entry.getKey().isBefore(days.first()) ? days.first() : entry.getKey();
      if (!until.isBefore(start)) {
        held.add(new Held(entry.getValue(), new DateRange(start, until)));
      }
    }
    return held;
  }

  /** FTE of {@code role} on {@code day}: the fte of the role's workers active that day. */
  public BigDecimal fteOn(Role role, LocalDate day) {
    return fteDays(role, DateRange.of(day));
  }

  /** Sum over the days of {@code days} of the role's FTE (exact). */
  public BigDecimal fteDays(Role role, DateRange days) {
    BigDecimal total = BigDecimal.ZERO;
    for (String worker : byWorker.keySet()) {
      for (Held held : held(worker, days)) {
        if (held.isActiveAs(role)) {
          total = total.add(held.status().fte().multiply(BigDecimal.valueOf(held.days().days())));
        }
      }
    }
    return total;
  }

  /**
   * FTE-weeks of {@code role} over {@code days}: the exact sum of daily FTE, as a double, divided
   * by 7 (the reference's {@code CAST(sum(fte) AS DOUBLE) / 7}).
   */
  public double fteWeeks(Role role, DateRange days) {
    return fteDays(role, days).doubleValue() / DAYS_PER_WEEK;
  }

  /** Workers active as {@code role} with fte > 0 on at least one day of {@code days}. */
  public Set<String> workersWithFte(Role role, DateRange days) {
    Set<String> workers = new TreeSet<>();
    for (String worker : byWorker.keySet()) {
      for (Held held : held(worker, days)) {
        if (held.isActiveAs(role) && held.status().fte().signum() > 0) {
          workers.add(worker);
          break;
        }
      }
    }
    return workers;
  }
}
