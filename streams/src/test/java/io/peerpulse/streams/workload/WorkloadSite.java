package io.peerpulse.streams.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteFacts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hand-written site history for rule tests: statuses and contacts numbered in the order they are
 * added (the arrival order), a horizon, and the workload rows of any period.
 */
final class WorkloadSite {

  private final String siteId;
  private final List<WorkerStatusChange> statuses = new ArrayList<>();
  private final List<WorkloadContact> contacts = new ArrayList<>();
  private final List<SupervisionSession> supervisions = new ArrayList<>();
  private LocalDate horizon;
  private long seq;

  WorkloadSite(String siteId, String horizon) {
    this.siteId = siteId;
    this.horizon = LocalDate.parse(horizon);
  }

  WorkloadSite status(String worker, Role role, String fte, boolean active, String date) {
    statuses.add(new WorkerStatusChange(worker, role, new BigDecimal(fte), active, LocalDate.parse(date), ++seq));
    return this;
  }

  /** An attended contact. */
  WorkloadSite attended(String id, String date, String worker, Role role, String mode, int minutes, String... persons) {
    return contact(id, date, worker, role, mode, minutes, true, persons);
  }

  WorkloadSite contact(String id, String date, String worker, Role role, String mode, int minutes, boolean attended, String... persons) {
    seq++;
    contacts.add(new WorkloadContact(id, LocalDate.parse(date), worker, role, mode, minutes, attended, List.of(persons)));
    return this;
  }

  /** A SUPERVISION session of the site's worker. */
  WorkloadSite supervision(String id, String date, String worker) {
    seq++;
    supervisions.add(new SupervisionSession(id, LocalDate.parse(date), worker));
    return this;
  }

  WorkloadSite horizon(String date) {
    horizon = LocalDate.parse(date);
    return this;
  }

  List<WorkloadRow> rows(Period period, EngineConfig config) {
    return WorkloadCalculator.rows(period, contacts, supervisions, WorkerRoster.of(statuses), new SiteFacts(siteId, horizon, List.of()),
        config);
  }

  Optional<WorkloadRow> find(WorkloadIndicator indicator, Period period) {
    return find(indicator, period, EngineConfig.DEFAULTS);
  }

  Optional<WorkloadRow> find(WorkloadIndicator indicator, Period period, EngineConfig config) {
    return rows(period, config).stream().filter(r -> r.indicator() == indicator).findFirst();
  }

  WorkloadRow get(WorkloadIndicator indicator, Period period) {
    return get(indicator, period, EngineConfig.DEFAULTS);
  }

  WorkloadRow get(WorkloadIndicator indicator, Period period, EngineConfig config) {
    Optional<WorkloadRow> row = find(indicator, period, config);
    assertThat(row).as("%s %s", indicator, period).isPresent();
    return row.get();
  }

  static Period week(String monday) {
    return Period.week(LocalDate.parse(monday));
  }

  static Period month(String first) {
    return Period.month(LocalDate.parse(first));
  }

  static Period rolling(String end) {
    return Period.rolling28(LocalDate.parse(end));
  }
}
