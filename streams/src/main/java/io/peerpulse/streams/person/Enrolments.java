package io.peerpulse.streams.person;

import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Exited;
import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.person.PersonEvents.Dated;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A person's enrolments (spec/indicators.md "Enrolment" and "Precise rules / Enrolments"), in
 * start order. Enrolments of one person never overlap: each ends at the latest the day before the
 * next ENROLLED, so "the enrolment active on a date" is unique.
 */
final class Enrolments {

  /** One enrolment with the exit that ended it (reason and date null when none did). */
  record Enrolment(String eventId, CellBase base, LocalDate start, LocalDate end, String exitReason, LocalDate exitDate) {

    DateRange span() {
      return new DateRange(start, end);
    }
  }

  private final List<Enrolment> inStartOrder;

  private Enrolments(List<Enrolment> inStartOrder) {
    this.inStartOrder = Collections.unmodifiableList(inStartOrder);
  }

  static Enrolments of(PersonEvents events) {
    List<Dated<Enrolled>> standing = standingEnrolled(events.enrolled);
    List<LocalDate> naturalEnds = naturalEnds(standing);
    List<Dated<Exited>> exits = exitsByEnrolment(standing, naturalEnds, events.exited);
    List<Enrolment> enrolments = new ArrayList<>();
    for (int i = 0; i < standing.size(); i++) {
      enrolments.add(enrolment(standing.get(i), naturalEnds.get(i), exits.get(i)));
    }
    return new Enrolments(enrolments);
  }

  List<Enrolment> all() {
    return inStartOrder;
  }

  /** The enrolment whose days include {@code day}. */
  Optional<Enrolment> activeOn(LocalDate day) {
    for (Enrolment enrolment : inStartOrder) {
      if (enrolment.span().contains(day)) {
        return Optional.of(enrolment);
      }
    }
    return Optional.empty();
  }

  /** The enrolment active on {@code day}, else the earliest one starting on days 1-7 after it. */
  Optional<Enrolment> atDischarge(LocalDate day) {
    Optional<Enrolment> active = activeOn(day);
    if (active.isPresent()) {
      return active;
    }
    for (Enrolment enrolment : inStartOrder) {
      if (enrolment.start().isAfter(day) && !enrolment.start().isAfter(day.plusDays(7))) {
        return Optional.of(enrolment);
      }
    }
    return Optional.empty();
  }

  /** One ENROLLED per date: of several on one date the later arrival stands (input in date, arrival order). */
  private static List<Dated<Enrolled>> standingEnrolled(List<Dated<Enrolled>> enrolled) {
    List<Dated<Enrolled>> standing = new ArrayList<>();
    for (Dated<Enrolled> candidate : enrolled) {
      int last = standing.size() - 1;
      if (last >= 0 && standing.get(last).date().equals(candidate.date())) {
        standing.set(last, candidate);
      } else {
        standing.add(candidate);
      }
    }
    return standing;
  }

  /** Ends before exits: the earlier of d0 + planned_days - 1 and the day before the next ENROLLED. */
  private static List<LocalDate> naturalEnds(List<Dated<Enrolled>> standing) {
    List<LocalDate> ends = new ArrayList<>();
    for (int i = 0; i < standing.size(); i++) {
      Dated<Enrolled> enrolled = standing.get(i);
      // planned_days below 1 cannot make an enrolment end before it starts: it lasts its first day.
      LocalDate end = enrolled.date().plusDays(Math.max(1, enrolled.payload().getPlannedDays()) - 1L);
      if (i + 1 < standing.size()) {
        LocalDate dayBeforeNext = standing.get(i + 1).date().minusDays(1);
        end = end.isBefore(dayBeforeNext) ? end : dayBeforeNext;
      }
      ends.add(end);
    }
    return ends;
  }

  /**
   * The exit that counts for each enrolment (null when none): exits in date then arrival order, so
   * the first one to find an enrolment is its earliest.
   */
  private static List<Dated<Exited>> exitsByEnrolment(List<Dated<Enrolled>> standing, List<LocalDate> naturalEnds, List<Dated<Exited>> exited) {
    List<Dated<Exited>> chosen = new ArrayList<>(Collections.nCopies(standing.size(), null));
    for (Dated<Exited> exit : exited) {
      int owner = ownerOf(exit.date(), standing, naturalEnds);
      if (owner >= 0 && chosen.get(owner) == null) {
        chosen.set(owner, exit);
      }
    }
    return chosen;
  }

  /**
   * The enrolment an exit on {@code day} belongs to, -1 when none. An exit on the start day of a
   * later enrolment belongs to the one before it, and only if that one was still active the day
   * before (registers write the exit of the old enrolment on the day of the new one).
   */
  private static int ownerOf(LocalDate day, List<Dated<Enrolled>> standing, List<LocalDate> naturalEnds) {
    for (int i = 0; i < standing.size(); i++) {
      LocalDate start = standing.get(i).date();
      if (i > 0 && start.equals(day)) {
        return naturalEnds.get(i - 1).equals(day.minusDays(1)) ? i - 1 : -1;
      }
      if (!day.isBefore(start) && !day.isAfter(naturalEnds.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static Enrolment enrolment(Dated<Enrolled> enrolled, LocalDate naturalEnd, Dated<Exited> exit) {
    Enrolled payload = enrolled.payload();
    CellBase base = new CellBase(enrolled.siteId(), payload.getProgramme(), payload.getArm().name());
    if (exit == null) {
      return new Enrolment(enrolled.eventId(), base, enrolled.date(), naturalEnd, null, null);
    }
    LocalDate end = exit.date().isBefore(naturalEnd) ? exit.date() : naturalEnd;
    return new Enrolment(enrolled.eventId(), base, enrolled.date(), end, exit.payload().getReason().name(), exit.date());
  }
}
