package io.peerpulse.streams.topology;

import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.intake.EventChange;
import io.peerpulse.streams.serde.InternalSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Stage 4, persons, keyed by person_id.
 *
 * <pre>
 * changes to persons ─► [person-events-by-person] ─► compute-person-facts
 *     (person-events-store: the person's effective events with their arrival sequence;
 *      person-facts-store: the member facts last emitted)
 *   ─► member changes keyed by the member's site
 * </pre>
 *
 * <p>Fan-out: one change in recomputes {@link io.peerpulse.streams.person.PersonTimeline#facts} over
 * the person's history (bounded by one person: hundreds of events) and emits one record per member
 * that changed, two when a member moves site (retraction at the old site, upsert at the new one).
 * Facts never depend on site facts, so horizon and pause changes never reach this stage.
 */
public final class PersonStage {

  public static final String EVENTS_STORE = "person-events-store";
  public static final String FACTS_STORE = "person-facts-store";
  public static final String BY_PERSON = "person-events-by-person";
  public static final String COMPUTE = "compute-person-facts";

  private PersonStage() {}

  /** @return member changes keyed by site_id (not yet repartitioned) */
  public static KStream<String, SiteInput> build(KStream<String, EventChange> toPersons, TopologySettings settings) {
    return toPersons
        .repartition(Repartitioned.<String, EventChange>as(BY_PERSON)
            .withKeySerde(Serdes.String())
            .withValueSerde(InternalSerdes.EVENT_CHANGE)
            .withNumberOfPartitions(settings.repartitionPartitions()))
        .process(Suppliers.keyed(ComputePersonFacts::new,
                Suppliers.store(EVENTS_STORE, InternalSerdes.SEQUENCED_EVENTS, settings),
                Suppliers.store(FACTS_STORE, InternalSerdes.MEMBER_FACTS, settings)),
            Named.as(COMPUTE));
  }
}
