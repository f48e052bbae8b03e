package io.peerpulse.streams.workload;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.CellCalculator;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteFacts;
import io.peerpulse.streams.model.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a site's contacts and roster into the rows of every workload indicator of one period,
 * applying the site's horizon and watermark (spec/indicators.md "Workload", "Precise rules /
 * Workload"; the readings of docs/indicator-catalogue.md "Workload"). Pure; the rules live in one
 * class per indicator in this package.
 *
 * <ul>
 *   <li>Rows exist as for every indicator: a WEEK or MONTH row when its start is on or before the
 *       horizon (it counts days up to the horizon), a ROLLING_28D row when its end is; no DAY rows.
 *       A row whose numerator and denominator are both 0 is omitted; a count over no FTE is a row
 *       with a null value.
 *   <li>Status: FINAL when {@code period_end <= watermark} (horizon - lateness_days); every
 *       workload window ends on {@code period_end}, PSW_CASELOAD's 28 days included.
 *   <li>Contacts count for the site that recorded them, attended ones only, under their own
 *       {@code worker_role}, also when their worker has no status.
 * </ul>
 */
public final class WorkloadCalculator {

  private static final Map<WorkloadIndicator, WorkloadRule> RULES = rulesByIndicator(List.of(
      new PswCaseload(),
      new PswDirectHours(),
      new PswOverThreshold(),
      new MhwContactsPerFte(),
      new HomeVisitPswShare(),
      new PswSupervised14d()));

  private WorkloadCalculator() {}

  /**
   * The rows of every workload indicator published for the period's type, in indicator order: only
   * rows that exist at the site's horizon.
   *
   * @param contacts the site's effective contacts; at least those dated in
   *     {@link #contactRange(Period)}, others are ignored
   * @param roster the site's roster (all its effective WORKER_STATUS changes)
   */
  public static List<WorkloadRow> rows(Period period, Collection<WorkloadContact> contacts, WorkerRoster roster, SiteFacts site,
      EngineConfig config) {
    return rows(period, contacts, List.of(), roster, site, config);
  }

  /**
   * As {@link #rows(Period, Collection, WorkerRoster, SiteFacts, EngineConfig)}, with the site's
   * SUPERVISION sessions for PSW_SUPERVISED_14D.
   *
   * @param supervisions the site's effective sessions; at least those dated in
   *     {@link #supervisionRange(Period)}, others are ignored
   */
  public static List<WorkloadRow> rows(Period period, Collection<WorkloadContact> contacts,
      Collection<SupervisionSession> supervisions, WorkerRoster roster, SiteFacts site, EngineConfig config) {
    if (WorkloadIndicator.of(period.type()).isEmpty() || !CellCalculator.rowsExist(period, site.horizon())) {
      return List.of();
    }
    WorkloadContext context = new WorkloadContext(period, site.horizon(), contacts, supervisions, roster, config);
    CellKey cell = new CellKey(WorkloadCells.base(site.siteId()), period);
    LocalDate watermark = site.watermark(config.latenessDays());
    List<WorkloadRow> rows = new ArrayList<>();
    for (WorkloadIndicator indicator : WorkloadIndicator.of(period.type())) {
      WorkloadTally tally = RULES.get(indicator).tally(context);
      if (!tally.isEmpty()) {
        rows.add(row(indicator, cell, tally, watermark));
      }
    }
    return rows;
  }

  /**
   * The dates of the contacts a period's rows can count, so the site stage can range-scan its
   * contacts: a WEEK needs 27 days before its Monday too (PSW_CASELOAD's 28 days end on its point
   * day, the Sunday or, in the current week, the horizon), a MONTH and a ROLLING_28D their own
   * days. A DAY has no workload rows; its range is the day itself.
   */
  public static DateRange contactRange(Period period) {
    return switch (period.type()) {
      case WEEK -> new DateRange(period.start().minusDays(PswCaseload.WINDOW_DAYS - 1), period.end());
      case DAY, MONTH, ROLLING_28D -> period.range();
    };
  }

  /**
   * The dates of the SUPERVISION sessions a period's rows can count: for a WEEK the 14 days ending on
   * any point day it can have (13 days before its Monday to its Sunday); no other period counts any.
   */
  public static DateRange supervisionRange(Period period) {
    return new DateRange(period.start().minusDays(PswSupervised14d.WINDOW_DAYS - 1), period.end());
  }

  private static WorkloadRow row(WorkloadIndicator indicator, CellKey cell, WorkloadTally tally, LocalDate watermark) {
    LocalDate deadline = cell.period().end();
    boolean finalStatus = watermark != null && !deadline.isAfter(watermark);
    return new WorkloadRow(indicator, cell, tally.numerator(), tally.denominator(),
        indicator.value(tally.numerator(), tally.denominator()), deadline, watermark, finalStatus, tally.workers().size());
  }

  private static Map<WorkloadIndicator, WorkloadRule> rulesByIndicator(List<WorkloadRule> rules) {
    Map<WorkloadIndicator, WorkloadRule> byIndicator = new EnumMap<>(WorkloadIndicator.class);
    for (WorkloadRule rule : rules) {
      if (byIndicator.put(rule.indicator(), rule) != null) {
        throw new IllegalStateException("two rules for " + rule.indicator());
      }
    }
    if (byIndicator.size() != WorkloadIndicator.values().length) {
      throw new IllegalStateException("a workload indicator without a rule: " + byIndicator.keySet());
    }
    return byIndicator;
  }
}
