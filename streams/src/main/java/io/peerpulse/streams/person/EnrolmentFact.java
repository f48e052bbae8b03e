package io.peerpulse.streams.person;

import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.model.DateRange;
import java.time.LocalDate;
import java.util.List;

/**
 * One enrolment and what happened inside it (spec/indicators.md, "Enrolment" and "Precise rules").
 *
 * @param personId pseudonymous person id (internal topics only; never published)
 * @param enrolledEventId the ENROLLED event that started it (lineage for explain)
 * @param base site, programme and arm of its own ENROLLED event
 * @param start d0, the ENROLLED date
 * @param end its last day: the earliest of the EXITED date, d0 + planned_days - 1, or the day
 *     before the person's next ENROLLED
 * @param exitReason the reason of the EXITED that ended it, null when none did
 * @param exitDate the date of that EXITED, null when none
 * @param pswContacts dates of attended PSW contacts of this person inside [start, end], one
 *     entry per contact event (a person listed twice in one contact counts once), sorted
 * @param relapseEpisodes start dates of relapse episodes that start inside [start, end], sorted
 * @param involuntaryAdmissions dates of psychiatric ADMITTED events with involuntary = true inside
 *     [start, end] (before merging), sorted
 * @param bedDays bed days of merged psychiatric stays inside [start, end]
 * @param phaseContacts dates of attended contacts of any role and mode (PSW or MHW, MESSAGE
 *     included) of this person inside [start, end] and inside CTI's three phases (before d0 + 273),
 *     one entry per contact event, sorted: the numerators of PHASE1..3_CONTACT_RATE
 * @param crisisMetEpisodes the start dates of {@code relapseEpisodes} with an attended {@code crisis
 *     = true} contact of the person (any role, mode or recording site, inside an enrolment or not)
 *     on the episode's start or the next day, sorted: CRISIS_SAME_DAY's numerator
 */
public record EnrolmentFact(
    String personId,
    String enrolledEventId,
    CellBase base,
    LocalDate start,
    LocalDate end,
    String exitReason,
    LocalDate exitDate,
    List<LocalDate> pswContacts,
    List<LocalDate> relapseEpisodes,
    List<LocalDate> involuntaryAdmissions,
    List<BedDays> bedDays,
    List<LocalDate> phaseContacts,
    List<LocalDate> crisisMetEpisodes)
    implements MemberFact {

  /** Days in one CTI phase: phase k covers days d0 + 91(k-1) … d0 + 91k - 1. */
  public static final int PHASE_DAYS = 91;
  /** CTI's three phases. */
  public static final int PHASES = 3;

  public EnrolmentFact {
    pswContacts = List.copyOf(pswContacts);
    relapseEpisodes = List.copyOf(relapseEpisodes);
    involuntaryAdmissions = List.copyOf(involuntaryAdmissions);
    bedDays = List.copyOf(bedDays);
    // Stored facts written before the fidelity indicators lack these fields: read them as empty
    // rather than fail the store (their fidelity numbers need a replay anyway, see architecture.md).
    phaseContacts = phaseContacts == null ? List.of() : List.copyOf(phaseContacts);
    crisisMetEpisodes = crisisMetEpisodes == null ? List.of() : List.copyOf(crisisMetEpisodes);
  }

  @Override
  public String memberKey() {
    return "E|" + personId + "|" + start;
  }

  public DateRange span() {
    return new DateRange(start, end);
  }

  /**
   * The calendar days of CTI phase {@code k} (1 to 3) from d0, whether or not the enrolment still
   * runs then; pauses do not shift them.
   */
  public DateRange phase(int k) {
    if (k < 1 || k > PHASES) {
      throw new IllegalArgumentException("phase: expected 1 to " + PHASES + ", got " + k);
    }
    return new DateRange(start.plusDays((long) PHASE_DAYS * (k - 1)), start.plusDays((long) PHASE_DAYS * k - 1));
  }

  /**
   * Days of one merged psychiatric stay inside the enrolment, from the admission day to the day
   * before the discharge. For an open stay {@code days.last()} is the enrolment's end and {@code
   * open} is true: the site stage counts it only up to the site's horizon.
   */
  public record BedDays(DateRange days, boolean open) {}
}
