package io.peerpulse.streams.topology;

import io.peerpulse.event.Admitted;
import io.peerpulse.event.Contact;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.SitePause;
import io.peerpulse.event.Supervision;
import io.peerpulse.event.WorkerStatus;
import io.peerpulse.streams.intake.EventChange;
import io.peerpulse.streams.intake.EventChange.Effect;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.workload.SupervisionSession;
import io.peerpulse.streams.workload.WorkerStatusChange;
import io.peerpulse.streams.workload.WorkloadContact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Stage 3, routing: sends each event change where it counts. Pure re-keying; the receiving stages
 * repartition.
 *
 * <ul>
 *   <li>to persons (key person_id): ENROLLED, EXITED, ADMITTED, DISCHARGED, RELAPSE, and a CONTACT
 *       once per distinct person in {@code person_ids};
 *   <li>to sites (key site_id, the recording site): the date of every first arrival (the site
 *       horizon), SITE_PAUSE changes, and the workload inputs: attended CONTACT changes (workload
 *       counts for the recording site, events.md), WORKER_STATUS changes (a worker is the
 *       status's site and worker_id) and SUPERVISION changes (PSW_SUPERVISED_14D, per site: the
 *       supervised worker is the supervision's site and worker_id). A CONTACT thus goes to its persons and to its site. The date
 *       seen comes first in one flatMap, so on the one repartition topic the site stage has raised
 *       its horizon before it sees the event's own workload change.
 * </ul>
 * Only changes that alter what counts (effective or retracted, after deduplication and voids) go
 * on.
 */
public final class RouteStage {

  public static final String TO_PERSONS = "route-to-persons";
  public static final String TO_SITES = "route-to-sites";

  private RouteStage() {}

  /** The changes re-keyed for each receiving stage. */
  public record Routed(KStream<String, EventChange> toPersons, KStream<String, SiteInput> toSites) {}

  public static Routed build(KStream<String, EventChange> changes) {
    return new Routed(
        changes.flatMap((key, change) -> toPersons(change), Named.as(TO_PERSONS)),
        changes.flatMap((key, change) -> toSites(change), Named.as(TO_SITES)));
  }

  static List<KeyValue<String, EventChange>> toPersons(EventChange change) {
    if (change.effect() == Effect.NONE) {
      return List.of();
    }
    List<KeyValue<String, EventChange>> routed = new ArrayList<>(1);
    for (String person : personsOf(change.event().event())) {
      routed.add(KeyValue.pair(person, change));
    }
    return routed;
  }

  static List<KeyValue<String, SiteInput>> toSites(EventChange change) {
    Event event = change.event().event();
    List<KeyValue<String, SiteInput>> routed = new ArrayList<>(2);
    if (change.firstArrival()) {
      routed.add(KeyValue.pair(event.getSiteId(), new SiteInput.DateSeen(change.event().date())));
    }
    if (event.getPayload() instanceof SitePause pause && change.effect() != Effect.NONE) {
      DateRange days = change.effect() == Effect.EFFECTIVE
          ? new DateRange(change.event().date(), pause.getPausedUntil())
          : null;
      routed.add(KeyValue.pair(event.getSiteId(), new SiteInput.PauseChange(event.getEventId(), days)));
    }
    if (change.effect() == Effect.EFFECTIVE || change.effect() == Effect.RETRACTED) {
      SiteInput workload = workloadInput(change);
      if (workload != null) {
        routed.add(KeyValue.pair(event.getSiteId(), workload));
      }
    }
    return routed;
  }

  /** The workload side of a change, or null: not-attended contacts count nowhere in workload. */
  static SiteInput workloadInput(EventChange change) {
    boolean counts = change.effect() == Effect.EFFECTIVE;
    Object payload = change.event().event().getPayload();
    if (payload instanceof Contact) {
      WorkloadContact contact = WorkloadContact.of(change.event());
      return contact.attended() ? new SiteInput.ContactChange(contact, counts) : null;
    }
    if (payload instanceof WorkerStatus) {
      return new SiteInput.StatusChange(change.event().event().getEventId(), WorkerStatusChange.of(change.event()), counts);
    }
    if (payload instanceof Supervision) {
      return new SiteInput.SupervisionChange(SupervisionSession.of(change.event()), counts);
    }
    return null;
  }

  /** The distinct persons an event is about, in order; empty for events that name none. */
  static Set<String> personsOf(Event event) {
    Object payload = event.getPayload();
    if (payload instanceof Contact contact) {
      return new LinkedHashSet<>(contact.getPersonIds());
    }
    String person = null;
    if (payload instanceof Enrolled e) {
      person = e.getPersonId();
    } else if (payload instanceof Exited e) {
      person = e.getPersonId();
    } else if (payload instanceof Admitted e) {
      person = e.getPersonId();
    } else if (payload instanceof Discharged e) {
      person = e.getPersonId();
    } else if (payload instanceof Relapse e) {
      person = e.getPersonId();
    }
    return person == null ? Set.of() : Set.of(person);
  }
}
