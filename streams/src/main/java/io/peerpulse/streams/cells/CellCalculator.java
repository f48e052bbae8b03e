package io.peerpulse.streams.cells;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.engagement.ActiveEnrolments;
import io.peerpulse.streams.engagement.ContactsPerPersonMonth;
import io.peerpulse.streams.engagement.DaysToFirstContact;
import io.peerpulse.streams.engagement.Disengaged60;
import io.peerpulse.streams.engagement.MinDose;
import io.peerpulse.streams.engagement.Reach30;
import io.peerpulse.streams.fidelity.CrisisSameDay;
import io.peerpulse.streams.fidelity.PhaseContactRate;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.outcomes.BedDaysRate;
import io.peerpulse.streams.outcomes.FollowUp;
import io.peerpulse.streams.outcomes.InvoluntaryAdmissions;
import io.peerpulse.streams.outcomes.Readmission30;
import io.peerpulse.streams.outcomes.RelapseRate;
import io.peerpulse.streams.person.EnrolmentFact;
import io.peerpulse.streams.person.IndexDischargeFact;
import io.peerpulse.streams.person.MemberFact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the members of one cell into the rows of every person-level indicator for it, applying
 * the site's horizon, pauses and watermark (spec/indicators.md). Pure and unit-tested directly;
 * the rules themselves live in {@code engagement} and {@code outcomes}, one class per indicator.
 *
 * <p><b>Fan-out</b> ({@link #cellsOf}): a member belongs to exactly the cells whose rows it can
 * change, whatever the site's horizon, pauses or watermark, so site facts never change membership:
 * <ul>
 *   <li>an enrolment: every DAY, WEEK and MONTH period sharing a day with [d0, end], and every
 *       ROLLING_28D period ending on E in [d0, end + 27] (its 28 days share a day with the
 *       enrolment). Everything an enrolment contributes (person-days, active days, contacts,
 *       episodes, admissions, bed days, cohort membership by d0, enrolment on DISENGAGED_60's day D)
 *       lies inside [d0, end]. A typical 182-day enrolment: 182 DAY + 27 WEEK + 7 MONTH + 209
 *       ROLLING_28D = about 425 cells; a one-day enrolment: 1 + 1 + 1 + 28 = 31.
 *   <li>an index discharge: the DAY, WEEK and MONTH containing its date and the 28 ROLLING_28D
 *       periods ending on days 0..27 after it: 31 cells.
 * </ul>
 * The fidelity rows of an enrolment (PHASE1..3_CONTACT_RATE, CRISIS_SAME_DAY) add no cells: phase
 * contacts and person-days lie inside [d0, end] and count for the MONTH of d0, episodes for the
 * MONTH of their start. But a phase's person-days stop at the horizon and skip pauses up to 272
 * days after the month, so the site stage also marks the MONTH cells {@link #phaseMonthsReaching}
 * the days a horizon advance or a pause changes.
 * Cells past the site horizon are included: they have no rows yet, and get them when the horizon
 * reaches them, without the person stage being involved.
 */
public final class CellCalculator {

  private static final Map<Indicator, IndicatorRule> RULES = rulesByIndicator(List.of(
      new ActiveEnrolments(),
      new Reach30(),
      new MinDose(),
      new DaysToFirstContact(),
      new ContactsPerPersonMonth(),
      new Disengaged60(),
      FollowUp.sevenDays(),
      FollowUp.thirtyDays(),
      new Readmission30(),
      new RelapseRate(),
      new BedDaysRate(),
      new InvoluntaryAdmissions(),
      PhaseContactRate.phase(1),
      PhaseContactRate.phase(2),
      PhaseContactRate.phase(3),
      new CrisisSameDay()));

  private CellCalculator() {}

  /** Every cell a member can contribute to (independent of site facts): its fan-out. */
  public static Set<CellKey> cellsOf(MemberFact member) {
    Set<CellKey> cells = new LinkedHashSet<>();
    for (Period period : periodsOf(member)) {
      cells.add(new CellKey(member.base(), period));
    }
    return cells;
  }

  /**
   * The rows of one cell: only rows that exist (period within the horizon, numerator or
   * denominator non-zero), one per indicator published for the cell's period type, in indicator
   * order. {@code members} may hold members of other cells; only the cell's own count.
   *
   * @throws IllegalArgumentException when {@code site} is not the cell's site
   */
  public static List<SiteRow> rows(CellKey cell, Collection<? extends MemberFact> members, SiteFacts site, EngineConfig config) {
    if (!cell.base().siteId().equals(site.siteId())) {
      throw new IllegalArgumentException("site: expected the facts of site " + cell.base().siteId() + ", got " + site.siteId());
    }
    if (!rowsExist(cell.period(), site.horizon())) {
      return List.of();
    }
    CellContext context = new CellContext(cell, members, site, config);
    LocalDate watermark = site.watermark(config.latenessDays());
    List<SiteRow> rows = new ArrayList<>();
    for (IndicatorRule rule : RULES.values()) {
      if (rule.indicator().periodTypes().contains(cell.period().type())) {
        Tally tally = rule.tally(context);
        if (!tally.isEmpty()) {
          rows.add(row(rule.indicator(), cell, tally, watermark));
        }
      }
    }
    return rows;
  }

  /**
   * Whether replacing one member's fact {@code before} by {@code after} (null: absent) can change
   * any row of {@code cell}. Every rule's tally is a sum over the cell's members (counts, days,
   * the multiset of median inputs, the latest deadline), so the cell changes exactly when this
   * member's own tally changes for some rule: the site stage recomputes only those cells instead
   * of the whole fan-out of the member (a contact changes a few dozen of an enrolment's hundreds).
   * Site facts are the same on both sides; a change to them marks cells by its own rules.
   */
  public static boolean contributionChanged(CellKey cell, MemberFact before, MemberFact after, SiteFacts site,
      EngineConfig config) {
    if (java.util.Objects.equals(before, after)) {
      return false;
    }
    CellContext old = new CellContext(cell, before == null ? List.of() : List.of(before), site, config);
    CellContext now = new CellContext(cell, after == null ? List.of() : List.of(after), site, config);
    if (old.enrolments().isEmpty() && now.enrolments().isEmpty() && old.allDischarges().isEmpty()
        && now.allDischarges().isEmpty()) {
      return false; // the member is in neither version of the cell
    }
    for (IndicatorRule rule : RULES.values()) {
      if (rule.indicator().periodTypes().contains(cell.period().type()) && !rule.tally(old).equals(rule.tally(now))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The MONTH periods whose starters' CTI phases (d0 … d0+272) can have a day in {@code days}: the
   * months sharing a day with {@code days.first - 272 … days.last}. About 10 months for one day.
   */
  public static List<Period> phaseMonthsReaching(DateRange days) {
    LocalDate from = days.first().minusDays((long) EnrolmentFact.PHASE_DAYS * EnrolmentFact.PHASES - 1);
    List<Period> months = new ArrayList<>();
    for (Period month = Period.month(from); !month.start().isAfter(days.last()); month = Period.month(month.end().plusDays(1))) {
      months.add(month);
    }
    return months;
  }

  /**
   * Whether a period has rows at a site horizon: a DAY or ROLLING_28D row needs its end on or
   * before the horizon, a WEEK or MONTH row its start (it counts days up to the horizon).
   */
  public static boolean rowsExist(Period period, LocalDate horizon) {
    if (horizon == null) {
      return false;
    }
    return switch (period.type()) {
      case DAY, ROLLING_28D -> !period.end().isAfter(horizon);
      case WEEK, MONTH -> !period.start().isAfter(horizon);
    };
  }

  /** The rule of each person-level indicator (Engagement, Transitions and outcomes, fidelity but supervision), in indicator order. */
  public static Map<Indicator, IndicatorRule> rules() {
    return RULES;
  }

  static SiteRow row(Indicator indicator, CellKey cell, Tally tally, LocalDate watermark) {
    Double value = indicator.scale() == Indicator.Scale.MEDIAN
        ? Median.of(tally.medianInputs())
        : indicator.scale().value(tally.numerator(), tally.denominator());
    boolean finalStatus = watermark != null && !tally.deadline().isAfter(watermark);
    return new SiteRow(indicator, cell, tally.numerator(), tally.denominator(), value, tally.medianInputs(), tally.deadline(), watermark, finalStatus);
  }

  private static List<Period> periodsOf(MemberFact member) {
    if (member instanceof EnrolmentFact enrolment) {
      return Period.overlapping(enrolment.span());
    }
    IndexDischargeFact discharge = (IndexDischargeFact) member;
    LocalDate day = discharge.dischargeDate();
    List<Period> periods = new ArrayList<>(List.of(Period.day(day), Period.week(day), Period.month(day)));
    for (int i = 0; i < Period.ROLLING_DAYS; i++) {
      periods.add(Period.rolling28(day.plusDays(i)));
    }
    return periods;
  }

  private static Map<Indicator, IndicatorRule> rulesByIndicator(List<IndicatorRule> rules) {
    Map<Indicator, IndicatorRule> byIndicator = new EnumMap<>(Indicator.class);
    for (IndicatorRule rule : rules) {
      if (byIndicator.put(rule.indicator(), rule) != null) {
        throw new IllegalStateException("two rules for " + rule.indicator());
      }
    }
    return java.util.Collections.unmodifiableMap(byIndicator);
  }
}
