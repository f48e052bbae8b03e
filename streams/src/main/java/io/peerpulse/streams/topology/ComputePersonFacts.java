package io.peerpulse.streams.topology;

import io.peerpulse.streams.intake.EventChange;
import io.peerpulse.streams.intake.EventChange.Effect;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.person.MemberFact;
import io.peerpulse.streams.person.PersonTimeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by person_id: keeps the person's effective events, recomputes their member facts on every
 * change and emits only the members that changed, keyed by the site they count for.
 */
final class ComputePersonFacts implements Processor<String, EventChange, String, SiteInput> {

  private ProcessorContext<String, SiteInput> context;
  private KeyValueStore<String, List<SequencedEvent>> eventsStore;
  private KeyValueStore<String, List<MemberFact>> factsStore;

  @Override
  public void init(ProcessorContext<String, SiteInput> context) {
    this.context = context;
    this.eventsStore = context.getStateStore(PersonStage.EVENTS_STORE);
    this.factsStore = context.getStateStore(PersonStage.FACTS_STORE);
  }

  @Override
  public void process(Record<String, EventChange> record) {
    String person = record.key();
    EventChange change = record.value();
    List<SequencedEvent> events = updatedEvents(eventsStore.get(person), change);
    if (events.isEmpty()) {
      eventsStore.delete(person);
    } else {
      eventsStore.put(person, events);
    }
    List<MemberFact> facts = events.isEmpty() ? List.of() : PersonTimeline.facts(events);
    List<MemberFact> previous = factsStore.get(person);
    emitChanges(previous == null ? List.of() : previous, facts, record);
    if (facts.isEmpty()) {
      factsStore.delete(person);
    } else {
      factsStore.put(person, facts);
    }
  }

  static List<SequencedEvent> updatedEvents(List<SequencedEvent> stored, EventChange change) {
    String eventId = change.event().event().getEventId();
    List<SequencedEvent> events = new ArrayList<>(stored == null ? List.of() : stored);
    events.removeIf(e -> e.event().getEventId().equals(eventId));
    if (change.effect() == Effect.EFFECTIVE) {
      events.add(change.event());
      events.sort(Comparator.comparingLong(SequencedEvent::seq));
    }
    return events;
  }

  private void emitChanges(List<MemberFact> before, List<MemberFact> after, Record<String, EventChange> cause) {
    Map<String, MemberFact> old = byKey(before);
    Map<String, MemberFact> now = byKey(after);
    for (Map.Entry<String, MemberFact> gone : old.entrySet()) {
      if (!now.containsKey(gone.getKey())) {
        retract(gone.getValue(), cause);
      }
    }
    for (Map.Entry<String, MemberFact> entry : now.entrySet()) {
      MemberFact was = old.get(entry.getKey());
      MemberFact is = entry.getValue();
      if (is.equals(was)) {
        continue;
      }
      if (was != null && !was.base().siteId().equals(is.base().siteId())) {
        retract(was, cause);
      }
      context.forward(cause.withKey(is.base().siteId()).withValue(new SiteInput.MemberChange(is.memberKey(), is)));
    }
  }

  private void retract(MemberFact fact, Record<String, EventChange> cause) {
    context.forward(cause.withKey(fact.base().siteId()).withValue(new SiteInput.MemberChange(fact.memberKey(), null)));
  }

  private static Map<String, MemberFact> byKey(List<MemberFact> facts) {
    Map<String, MemberFact> map = new LinkedHashMap<>();
    for (MemberFact fact : facts) {
      map.put(fact.memberKey(), fact);
    }
    return map;
  }
}
