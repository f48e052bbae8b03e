package io.peerpulse.streams.person;

import io.peerpulse.event.Admitted;
import io.peerpulse.event.Contact;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.streams.model.SequencedEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One person's events split by type, each list in date order with arrival order breaking ties, so
 * the rules downstream never depend on the order the caller happened to pass them in.
 */
final class PersonEvents {

  /** An event's payload with what the rules need from its envelope. */
  record Dated<T>(LocalDate date, long seq, String eventId, String siteId, T payload) {}

  private static final Comparator<Dated<?>> DATE_THEN_ARRIVAL =
      Comparator.<Dated<?>, LocalDate>comparing(Dated::date).thenComparingLong(Dated::seq);

  final List<Dated<Enrolled>> enrolled = new ArrayList<>();
  final List<Dated<Exited>> exited = new ArrayList<>();
  final List<Dated<Contact>> contacts = new ArrayList<>();
  final List<Dated<Admitted>> admitted = new ArrayList<>();
  final List<Dated<Discharged>> discharged = new ArrayList<>();
  final List<Dated<Relapse>> relapses = new ArrayList<>();

  private PersonEvents() {}

  /** The events that name {@code personId}; the others (and non-person types) are ignored. */
  static PersonEvents of(String personId, List<SequencedEvent> events) {
    PersonEvents split = new PersonEvents();
    for (SequencedEvent sequenced : events) {
      split.add(personId, sequenced);
    }
    for (List<? extends Dated<?>> list : List.of(split.enrolled, split.exited, split.contacts, split.admitted, split.discharged, split.relapses)) {
      list.sort(DATE_THEN_ARRIVAL);
    }
    return split;
  }

  /** The person named by the person-level events, null when there are none (contacts only). */
  static String personOf(List<SequencedEvent> events) {
    String person = null;
    for (SequencedEvent sequenced : events) {
      String named = personIdOf(sequenced.event().getPayload());
      if (named == null) {
        continue;
      }
      if (person != null && !person.equals(named)) {
        throw new IllegalArgumentException("events: expected the events of one person, got several person_ids (event "
            + sequenced.event().getEventId() + ")");
      }
      person = named;
    }
    return person;
  }

  private void add(String personId, SequencedEvent sequenced) {
    Event event = sequenced.event();
    Object payload = event.getPayload();
    if (payload instanceof Contact contact) {
      if (contact.getPersonIds().contains(personId)) {
        contacts.add(dated(sequenced, contact));
      }
      return;
    }
    if (!personId.equals(personIdOf(payload))) {
      return;
    }
    if (payload instanceof Enrolled p) {
      enrolled.add(dated(sequenced, p));
    } else if (payload instanceof Exited p) {
      exited.add(dated(sequenced, p));
    } else if (payload instanceof Admitted p) {
      admitted.add(dated(sequenced, p));
    } else if (payload instanceof Discharged p) {
      discharged.add(dated(sequenced, p));
    } else if (payload instanceof Relapse p) {
      relapses.add(dated(sequenced, p));
    }
  }

  private static <T> Dated<T> dated(SequencedEvent sequenced, T payload) {
    Event event = sequenced.event();
    return new Dated<>(sequenced.date(), sequenced.seq(), event.getEventId(), event.getSiteId(), payload);
  }

  private static String personIdOf(Object payload) {
    if (payload instanceof Enrolled p) {
      return p.getPersonId();
    } else if (payload instanceof Exited p) {
      return p.getPersonId();
    } else if (payload instanceof Admitted p) {
      return p.getPersonId();
    } else if (payload instanceof Discharged p) {
      return p.getPersonId();
    } else if (payload instanceof Relapse p) {
      return p.getPersonId();
    }
    return null;
  }
}
