package io.peerpulse.streams.cells;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.person.EnrolmentFact;
import io.peerpulse.streams.person.IndexDischargeFact;
import io.peerpulse.streams.person.MemberFact;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One cell as the indicator rules see it: its members, the site's horizon and pauses, and the
 * day arithmetic every rule shares (person-days, bed days, point-in-time day, deadlines). Built
 * once per cell; each query costs at most the period's length per member.
 */
public final class CellContext {

  /** The arm whose enrolments make the cohorts of REACH_30, MIN_DOSE_3, DAYS_TO_FIRST_CONTACT, DISENGAGED_60. */
  public static final String INTERVENTION = "INTERVENTION";

  private final CellKey cell;
  private final SiteFacts site;
  private final EngineConfig config;
  private final List<EnrolmentFact> enrolments = new ArrayList<>();
  private final List<IndexDischargeFact> discharges = new ArrayList<>();
  /** countedBefore[i] = non-paused days up to the horizon among the period's first i days. */
  private final int[] countedBefore;

  public CellContext(CellKey cell, Collection<? extends MemberFact> members, SiteFacts site, EngineConfig config) {
    this.cell = cell;
    this.site = site;
    this.config = config;
    for (MemberFact member : members) {
      keepIfInCell(member);
    }
    this.countedBefore = countedDays(cell.period(), site);
  }

  public CellKey cell() {
    return cell;
  }

  public Period period() {
    return cell.period();
  }

  public EngineConfig config() {
    return config;
  }

  public SiteFacts site() {
    return site;
  }

  /** The site horizon; null before the site's first event. */
  public LocalDate horizon() {
    return site.horizon();
  }

  /** Enrolments of the cell's base with at least one day in the period (days past the horizon included). */
  public List<EnrolmentFact> enrolments() {
    return Collections.unmodifiableList(enrolments);
  }

  /** INTERVENTION enrolments starting in the period (up to the horizon): the engagement cohorts. */
  public List<EnrolmentFact> interventionStarters() {
    return enrolments.stream()
        .filter(e -> INTERVENTION.equals(e.base().arm()) && isKnownDayOfPeriod(e.start()))
        .toList();
  }

  /** Enrolments of any arm starting in the period (up to the horizon): the phase contact rate cohorts. */
  public List<EnrolmentFact> starters() {
    return enrolments.stream().filter(e -> isKnownDayOfPeriod(e.start())).toList();
  }

  /**
   * Person-days of one enrolment inside {@code days}, which need not lie in the period: its
   * non-paused days there up to the site horizon (a CTI phase of a month's starter runs on for
   * months after the month).
   */
  public long personDaysIn(EnrolmentFact enrolment, DateRange days) {
    if (horizon() == null) {
      return 0;
    }
    DateRange known = enrolment.span().intersect(days).flatMap(d -> d.upTo(horizon())).orElse(null);
    if (known == null) {
      return 0;
    }
    long counted = 0;
    for (LocalDate day = known.first(); !day.isAfter(known.last()); day = day.plusDays(1)) {
      if (!site.isPaused(day)) {
        counted++;
      }
    }
    return counted;
  }

  /** Index discharges of the cell's base dated in the period, the horizon not applied. */
  List<IndexDischargeFact> allDischarges() {
    return Collections.unmodifiableList(discharges);
  }

  /** Index discharges of the cell's base dated in the period, up to the horizon. */
  public List<IndexDischargeFact> discharges() {
    return discharges.stream().filter(x -> isKnownDayOfPeriod(x.dischargeDate())).toList();
  }

  /**
   * Whether something dated {@code day} counts in this period: the day is in the period and on or
   * before the site horizon. Days after the horizon have not happened yet as far as the site's
   * data knows, so events another site recorded for them wait until the horizon reaches them.
   */
  public boolean isKnownDayOfPeriod(LocalDate day) {
    return period().contains(day) && horizon() != null && !day.isAfter(horizon());
  }

  /**
   * The day a point-in-time measure of the period is taken: the earlier of its last day and the
   * site horizon, so the current week or month shows the latest known state.
   */
  public LocalDate pointInTime() {
    LocalDate end = period().end();
    return horizon() != null && horizon().isBefore(end) ? horizon() : end;
  }

  /** Person-days of one enrolment in the period: its non-paused days up to the site horizon. */
  public long personDays(EnrolmentFact enrolment) {
    return enrolment.span().intersect(period().range()).map(this::countedDaysIn).orElse(0);
  }

  /** Person-days of all the cell's enrolments. */
  public long personDays() {
    long total = 0;
    for (EnrolmentFact enrolment : enrolments) {
      total += personDays(enrolment);
    }
    return total;
  }

  /**
   * Bed days of one enrolment in the period up to the site horizon, paused days included. This
   * caps an open stay at the horizon, and a stay discharged after it (known from another site's
   * later events) too, like every other day count.
   */
  public long bedDays(EnrolmentFact enrolment) {
    DateRange known = knownDays();
    if (known == null) {
      return 0;
    }
    long total = 0;
    for (EnrolmentFact.BedDays stay : enrolment.bedDays()) {
      total += stay.days().intersect(known).map(DateRange::days).orElse(0L);
    }
    return total;
  }

  /**
   * Of each enrolment's dated events (contacts, episodes, admissions), those dated in the period
   * up to the horizon, summed over the cell.
   */
  public long countDated(Function<EnrolmentFact, List<LocalDate>> dates) {
    long total = 0;
    for (EnrolmentFact enrolment : enrolments) {
      total += dates.apply(enrolment).stream().filter(this::isKnownDayOfPeriod).count();
    }
    return total;
  }

  public boolean isPaused(LocalDate day) {
    return site.isPaused(day);
  }

  /** The status deadline: the period's end or the latest member window, whichever is later. */
  public LocalDate deadline(Stream<LocalDate> memberWindows) {
    return memberWindows.reduce(period().end(), (latest, window) -> window.isAfter(latest) ? window : latest);
  }

  /** The deadline of indicators whose window is the period itself (rates and counts). */
  public LocalDate periodDeadline() {
    return period().end();
  }

  private void keepIfInCell(MemberFact member) {
    if (!member.base().equals(cell.base())) {
      return;
    }
    if (member instanceof EnrolmentFact enrolment && enrolment.span().overlaps(period().range())) {
      enrolments.add(enrolment);
    } else if (member instanceof IndexDischargeFact discharge && period().contains(discharge.dischargeDate())) {
      discharges.add(discharge);
    }
  }

  private int countedDaysIn(DateRange daysOfPeriod) {
    int from = (int) ChronoUnit.DAYS.between(period().start(), daysOfPeriod.first());
    int to = (int) ChronoUnit.DAYS.between(period().start(), daysOfPeriod.last()) + 1;
    return countedBefore[to] - countedBefore[from];
  }

  private static int[] countedDays(Period period, SiteFacts site) {
    int length = (int) period.range().days();
    int[] before = new int[length + 1];
    LocalDate day = period.start();
    for (int i = 0; i < length; i++, day = day.plusDays(1)) {
      boolean counted = site.horizon() != null && !day.isAfter(site.horizon()) && !site.isPaused(day);
      before[i + 1] = before[i] + (counted ? 1 : 0);
    }
    return before;
  }

  /** The period's days up to the horizon, null when the period starts after it. */
  private DateRange knownDays() {
    return horizon() == null ? null : period().range().upTo(horizon()).orElse(null);
  }
}
