package io.peerpulse.streams.workload;

import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.PeriodType;
import io.peerpulse.streams.model.DateRange;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which workload cells (base {@code (site, "*", "*")}, WEEK / MONTH / ROLLING_28D periods) a
 * change can alter, so the site stage marks exactly those dirty. Every workload row of a period is
 * recomputed together, so a cell stands for all workload indicators of its period.
 *
 * <p><b>Fan-out.</b>
 * <ul>
 *   <li>An attended contact dated {@code d} ({@link #cellsOf(String, WorkloadContact)}), horizon
 *       independent: the 28 ROLLING_28D periods ending on {@code d .. d+27} (hours, MHW contacts,
 *       caseload); its WEEK (hours, over-threshold, MHW contacts); a PSW contact also every WEEK
 *       sharing a day with {@code d .. d+27} (a week's caseload window ends on its Sunday, or on the
 *       horizon in the current week): 4 weeks when {@code d} is a Monday, else 5, its own included;
 *       its MONTH for a PSW contact (hours) or a home visit of any role (share). At most 28 + 5 + 1
 *       = 34 cells. A contact not attended: none.
 *   <li>A SUPERVISION dated {@code d} ({@link #cellsOf(String, SupervisionSession)}): the WEEKs
 *       sharing a day with {@code d .. d+13} (PSW_SUPERVISED_14D's window ends on the week's point
 *       day): 2 or 3 cells.
 *   <li>A status change dated {@code d} ({@link #cellsOf(String, WorkerStatusChange, WorkerRoster,
 *       LocalDate)}) changes the worker's role, fte or activity on the days {@code d .. u}, {@code u}
 *       = the day before the worker's next status, capped by the horizon: every WEEK and MONTH
 *       sharing a day with them and the ROLLING_28D periods ending on {@code d .. min(u+27,
 *       horizon)}. For {@code n} days: about n/7 + 1 weeks, n/30 + 1 months and n + 27 rolling
 *       periods; a status with no successor reaches the horizon (a status two years back is about
 *       850 cells, once).
 *   <li>A horizon advance {@code H -> H'} ({@link #cellsOfHorizonAdvance}): the periods sharing a
 *       day with {@code H+1 .. H'} (new rows, days counted up to the horizon, PSW_CASELOAD's point
 *       day, open-ended statuses reaching the new days; ROLLING_28D periods ending on those days),
 *       and the periods ending in {@code W+1 .. W'} (W = H - lateness), whose status turns FINAL.
 *       A one-day advance: about 5 cells.
 * </ul>
 * A cell past the horizon may be returned; it has no rows until the horizon reaches it.
 */
public final class WorkloadCells {

  private static final int WINDOW_DAYS = PswCaseload.WINDOW_DAYS;

  private WorkloadCells() {}

  /** The base of every workload cell of a site. */
  public static CellBase base(String siteId) {
    return new CellBase(siteId, CellBase.ALL, CellBase.ALL);
  }

  /**
   * Whether a cell base is a workload base: {@code arm = "*"} never occurs on a person-level base
   * (an enrolment's arm is one of INTERVENTION, CONTROL, NONE), so the site stage can tell the two
   * kinds of cell apart by their base alone.
   */
  public static boolean isWorkloadBase(CellBase base) {
    return CellBase.ALL.equals(base.programme()) && CellBase.ALL.equals(base.arm()) && !CellBase.ALL.equals(base.siteId());
  }

  /** The cells whose rows a contact recorded by {@code siteId} counts in (independent of the horizon). */
  public static Set<CellKey> cellsOf(String siteId, WorkloadContact contact) {
    if (!contact.attended()) {
      return Set.of();
    }
    Set<Period> periods = new LinkedHashSet<>();
    LocalDate d = contact.date();
    DateRange window = new DateRange(d, d.plusDays(WINDOW_DAYS - 1));
    periods.add(Period.week(d));
    addRolling(periods, window);
    if (contact.role() == Role.PSW) {
      addCalendar(periods, PeriodType.WEEK, window);
    }
    if (contact.role() == Role.PSW || contact.isHomeVisit()) {
      periods.add(Period.month(d));
    }
    return cells(siteId, periods);
  }

  /**
   * The cells whose rows a SUPERVISION session dated {@code d} can change (independent of the
   * horizon): the WEEKs sharing a day with {@code d … d+13}, the point days whose 14-day window
   * holds it (2 or 3 weeks).
   */
  public static Set<CellKey> cellsOf(String siteId, SupervisionSession session) {
    Set<Period> periods = new LinkedHashSet<>();
    addCalendar(periods, PeriodType.WEEK, new DateRange(session.date(), session.date().plusDays(PswSupervised14d.WINDOW_DAYS - 1)));
    return cells(siteId, periods);
  }

  /**
   * The cells whose rows a status change (added or retracted) of a worker of {@code siteId} can
   * alter at {@code horizon}.
   *
   * @param roster the site's roster, with or without the change (only the worker's next status
   *     date after the change's date is read)
   * @param horizon the site horizon; the stage raises it by the change's own date first (a status
   *     is an accepted event of its site), and marks later advances with
   *     {@link #cellsOfHorizonAdvance}. Null or earlier than the change's date counts as that date.
   */
  public static Set<CellKey> cellsOf(String siteId, WorkerStatusChange change, WorkerRoster roster, LocalDate horizon) {
    LocalDate d = change.date();
    LocalDate bound = horizon == null || horizon.isBefore(d) ? d : horizon;
    LocalDate until = roster.nextStatusDate(change.workerId(), d).map(next -> next.minusDays(1)).filter(u -> u.isBefore(bound)).orElse(bound);
    DateRange held = new DateRange(d, until);
    LocalDate lastRolling = until.plusDays(WINDOW_DAYS - 1);
    Set<Period> periods = new LinkedHashSet<>();
    addCalendar(periods, PeriodType.WEEK, held);
    addCalendar(periods, PeriodType.MONTH, held);
    addRolling(periods, new DateRange(d, lastRolling.isAfter(bound) ? bound : lastRolling));
    return cells(siteId, periods);
  }

  /**
   * The cells whose rows change when the site horizon advances from {@code from} to {@code to}
   * with no other change: new rows, days counted up to the new horizon, and statuses turning FINAL
   * as the watermark advances. Empty when {@code from} is null (no row existed, and every event's
   * own cells are marked by its own fan-out) or when the horizon does not advance.
   */
  public static Set<CellKey> cellsOfHorizonAdvance(String siteId, LocalDate from, LocalDate to, int latenessDays) {
    if (from == null || to == null || !to.isAfter(from)) {
      return Set.of();
    }
    DateRange newDays = new DateRange(from.plusDays(1), to);
    Set<Period> periods = new LinkedHashSet<>();
    addCalendar(periods, PeriodType.WEEK, newDays);
    addCalendar(periods, PeriodType.MONTH, newDays);
    addRolling(periods, newDays);
    DateRange nowFinal = new DateRange(from.minusDays(latenessDays).plusDays(1), to.minusDays(latenessDays));
    for (LocalDate end = nowFinal.first(); !end.isAfter(nowFinal.last()); end = end.plusDays(1)) {
      periods.add(Period.rolling28(end));
      if (Period.week(end).end().equals(end)) {
        periods.add(Period.week(end));
      }
      if (Period.month(end).end().equals(end)) {
        periods.add(Period.month(end));
      }
    }
    return cells(siteId, periods);
  }

  /** The WEEK or MONTH periods sharing a day with {@code days}. */
  private static void addCalendar(Set<Period> periods, PeriodType type, DateRange days) {
    for (Period p = Period.of(type, days.first()); !p.start().isAfter(days.last()); p = Period.of(type, p.end().plusDays(1))) {
      periods.add(p);
    }
  }

  /** The ROLLING_28D periods ending on the days of {@code ends}. */
  private static void addRolling(Set<Period> periods, DateRange ends) {
    for (LocalDate end = ends.first(); !end.isAfter(ends.last()); end = end.plusDays(1)) {
      periods.add(Period.rolling28(end));
    }
  }

  private static Set<CellKey> cells(String siteId, Set<Period> periods) {
    CellBase base = base(siteId);
    Set<CellKey> cells = new LinkedHashSet<>();
    periods.forEach(p -> cells.add(new CellKey(base, p)));
    return cells;
  }
}
