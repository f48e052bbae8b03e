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
    List<BedDays> bedDays)
    implements MemberFact {

  public EnrolmentFact {
    pswContacts = List.copyOf(pswContacts);
    relapseEpisodes = List.copyOf(relapseEpisodes);
    involuntaryAdmissions = List.copyOf(involuntaryAdmissions);
    bedDays = List.copyOf(bedDays);
  }

  @Override
  public String memberKey() {
    return "E|" + personId + "|" + start;
  }

  public DateRange span() {
    return new DateRange(start, end);
  }

  /**
   * Days of one merged psychiatric stay inside the enrolment, from the admission day to the day
   * before the discharge. For an open stay {@code days.last()} is the enrolment's end and {@code
   * open} is true: the site stage counts it only up to the site's horizon.
   */
  public record BedDays(DateRange days, boolean open) {}
}
