package io.peerpulse.streams.person;

import io.peerpulse.event.Contact;
import io.peerpulse.event.ContactMode;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.WorkerRole;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.person.Enrolments.Enrolment;
import io.peerpulse.streams.person.PersonEvents.Dated;
import io.peerpulse.streams.person.PsychiatricStays.MergedStay;
import io.peerpulse.streams.person.PsychiatricStays.Stay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A person's effective history turned into member facts (enrolments with what happened inside
 * them, index discharges). Pure: the same events give the same facts in any order of the list;
 * ties the spec breaks by arrival order use {@link SequencedEvent#seq()}. Cost is linear in the
 * person's events times their enrolments.
 */
public final class PersonTimeline {

  /** Follow-up contacts are looked for on days 1..30 after a discharge (the longest window). */
  static final int FOLLOW_UP_DAYS = 30;

  private PersonTimeline() {}

  /**
   * @param events every effective event that names one person (ENROLLED, EXITED, CONTACT listing
   *     them, ADMITTED, DISCHARGED, RELAPSE), in any order; the person is the one named by the
   *     person-level events (contacts alone make no facts)
   * @return the person's member facts, sorted by {@link MemberFact#memberKey()}
   * @throws IllegalArgumentException when the person-level events name several persons
   */
  public static List<MemberFact> facts(List<SequencedEvent> events) {
    String personId = PersonEvents.personOf(events);
    return personId == null ? List.of() : facts(personId, events);
  }

  /**
   * @param personId the person
   * @param events effective events, in any order; those not naming {@code personId} (and event
   *     types that name no person) are ignored
   * @return the person's member facts, sorted by {@link MemberFact#memberKey()}
   */
  public static List<MemberFact> facts(String personId, List<SequencedEvent> events) {
    PersonEvents split = PersonEvents.of(personId, events);
    Enrolments enrolments = Enrolments.of(split);
    if (enrolments.all().isEmpty()) {
      return List.of();
    }
    PsychiatricStays stays = PsychiatricStays.of(split);
    List<LocalDate> episodes = RelapseEpisodes.starts(relapsesInsideEnrolments(split, enrolments));
    List<MemberFact> facts = new ArrayList<>();
    for (Enrolment enrolment : enrolments.all()) {
      facts.add(enrolmentFact(personId, enrolment, split, stays, episodes));
    }
    facts.addAll(indexDischarges(personId, enrolments, stays, split.contacts));
    facts.sort(Comparator.comparing(MemberFact::memberKey));
    return List.copyOf(facts);
  }

  private static EnrolmentFact enrolmentFact(String personId, Enrolment enrolment, PersonEvents split, PsychiatricStays stays, List<LocalDate> episodes) {
    DateRange span = enrolment.span();
    return new EnrolmentFact(
        personId,
        enrolment.eventId(),
        enrolment.base(),
        enrolment.start(),
        enrolment.end(),
        enrolment.exitReason(),
        enrolment.exitDate(),
        pswContactDates(split.contacts, span),
        inside(episodes, span),
        involuntaryAdmissions(stays.stays(), span),
        bedDays(stays.merged(), span),
        phaseContactDates(split.contacts, span),
        crisisMetEpisodes(split.contacts, inside(episodes, span)));
  }

  /**
   * One entry per attended contact event of any role naming the person inside the enrolment and
   * inside its three CTI phases (days d0 … d0+272): a contact after the exit belongs to no phase of
   * this enrolment, and one after d0+272 to no phase at all.
   */
  private static List<LocalDate> phaseContactDates(List<Dated<Contact>> contacts, DateRange span) {
    LocalDate lastPhaseDay = span.first().plusDays((long) EnrolmentFact.PHASE_DAYS * EnrolmentFact.PHASES - 1);
    List<LocalDate> dates = new ArrayList<>();
    for (Dated<Contact> contact : contacts) {
      if (contact.payload().getOutcome() == ContactOutcome.ATTENDED && span.contains(contact.date())
          && !contact.date().isAfter(lastPhaseDay)) {
        dates.add(contact.date());
      }
    }
    return dates;
  }

  /**
   * The episodes met by a crisis response: an attended contact with {@code crisis = true} on the
   * episode's start or the next day. Like the follow-up contact, it may be recorded by any site and
   * lie outside any enrolment (the next day may be after the exit).
   */
  private static List<LocalDate> crisisMetEpisodes(List<Dated<Contact>> contacts, List<LocalDate> episodeStarts) {
    List<LocalDate> met = new ArrayList<>();
    for (LocalDate episode : episodeStarts) {
      DateRange window = new DateRange(episode, episode.plusDays(1));
      for (Dated<Contact> contact : contacts) {
        if (window.contains(contact.date()) && isCrisisContact(contact.payload())) {
          met.add(episode);
          break;
        }
      }
    }
    return met;
  }

  static boolean isCrisisContact(Contact contact) {
    return contact.getOutcome() == ContactOutcome.ATTENDED && contact.getCrisis();
  }

  /** One entry per attended PSW contact event naming the person (a person listed twice counts once). */
  private static List<LocalDate> pswContactDates(List<Dated<Contact>> contacts, DateRange span) {
    List<LocalDate> dates = new ArrayList<>();
    for (Dated<Contact> contact : contacts) {
      if (isPswContact(contact.payload()) && span.contains(contact.date())) {
        dates.add(contact.date());
      }
    }
    return dates;
  }

  static boolean isPswContact(Contact contact) {
    return contact.getWorkerRole() == WorkerRole.PSW && contact.getOutcome() == ContactOutcome.ATTENDED;
  }

  /** FOLLOW_UP_N counts attended contacts of any role and any mode but MESSAGE (GROUP included). */
  static boolean isFollowUpContact(Contact contact) {
    return contact.getOutcome() == ContactOutcome.ATTENDED && contact.getMode() != ContactMode.MESSAGE;
  }

  private static List<LocalDate> relapsesInsideEnrolments(PersonEvents split, Enrolments enrolments) {
    List<LocalDate> dates = new ArrayList<>();
    for (Dated<?> relapse : split.relapses) {
      if (enrolments.activeOn(relapse.date()).isPresent()) {
        dates.add(relapse.date());
      }
    }
    return dates;
  }

  private static List<LocalDate> inside(List<LocalDate> sortedDates, DateRange span) {
    return sortedDates.stream().filter(span::contains).toList();
  }

  /** Admission dates of involuntary psychiatric stays, counted before merging. */
  private static List<LocalDate> involuntaryAdmissions(List<Stay> stays, DateRange span) {
    return stays.stream().filter(Stay::involuntary).map(Stay::admission).filter(span::contains).toList();
  }

  /**
   * The part of each merged stay inside the enrolment: admission day counted, discharge day not,
   * gap days inside a merge counted. An open stay runs to the enrolment's end here; the site stage
   * cuts it at the site horizon.
   */
  private static List<EnrolmentFact.BedDays> bedDays(List<MergedStay> merged, DateRange span) {
    List<EnrolmentFact.BedDays> bedDays = new ArrayList<>();
    for (MergedStay stay : merged) {
      LocalDate lastBedDay = stay.open() ? span.last() : stay.dischargeDate().minusDays(1);
      if (lastBedDay.isBefore(stay.start())) {
        continue; // discharged on its admission day: no bed day
      }
      new DateRange(stay.start(), lastBedDay).intersect(span)
          .ifPresent(days -> bedDays.add(new EnrolmentFact.BedDays(days, stay.open())));
    }
    return bedDays;
  }

  private static List<IndexDischargeFact> indexDischarges(String personId, Enrolments enrolments, PsychiatricStays stays, List<Dated<Contact>> contacts) {
    List<IndexDischargeFact> discharges = new ArrayList<>();
    List<MergedStay> merged = stays.merged();
    for (int i = 0; i < merged.size(); i++) {
      MergedStay stay = merged.get(i);
      if (!stay.endsWithIndexDischarge()) {
        continue;
      }
      LocalDate day = stay.dischargeDate();
      Optional<Enrolment> attributed = enrolments.atDischarge(day);
      if (attributed.isEmpty()) {
        continue;
      }
      LocalDate nextStayStart = i + 1 < merged.size() ? merged.get(i + 1).start() : null;
      Dated<Discharged> discharge = stay.lastDischarge();
      discharges.add(new IndexDischargeFact(
          personId,
          PsychiatricStays.stayKey(discharge.siteId(), discharge.payload().getStayId()),
          discharge.eventId(),
          attributed.get().base(),
          day,
          firstFollowUp(contacts, day),
          nextStayStart));
    }
    return discharges;
  }

  /** The first follow-up contact on days 1..30 after the discharge, inside an enrolment or not. */
  private static LocalDate firstFollowUp(List<Dated<Contact>> contactsInDateOrder, LocalDate discharge) {
    DateRange window = new DateRange(discharge.plusDays(1), discharge.plusDays(FOLLOW_UP_DAYS));
    for (Dated<Contact> contact : contactsInDateOrder) {
      if (window.contains(contact.date()) && isFollowUpContact(contact.payload())) {
        return contact.date();
      }
    }
    return null;
  }
}
