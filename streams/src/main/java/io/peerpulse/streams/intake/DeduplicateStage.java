package io.peerpulse.streams.intake;

import io.peerpulse.event.EventVoid;
import io.peerpulse.mapping.Reason;
import io.peerpulse.mapping.Rejection;
import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.intake.EventChange.Effect;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.serde.InternalSerdes;
import io.peerpulse.streams.topics.Topics;
import io.peerpulse.streams.topology.Suppliers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Stage 2, deduplicate and void, in two keyed steps.
 *
 * <pre>
 * valid events ─► key-by-event-id ─► [events-by-event-id] ─► deduplicate-events (event-store)
 *     ├─► conflicting duplicates ─► peerpulse.events-dlq.v1 (DUPLICATE_CONFLICT)
 *     └─► first arrivals ─► key-by-target-id ─► [events-by-target-id] ─► apply-voids
 *            (void-store, orphan-void-index-store) ─┬─► void-changes: event changes (first arrival, effect)
 *                                                   └─► orphan-voids ─► peerpulse.events-dlq.v1 (ORPHAN_VOID)
 * </pre>
 *
 * <p>Why two steps: a void must meet its target (key: the target's id), but a duplicate must meet
 * the first event with its own id, and a void's own id may be reused by any other event (a conflict
 * the first step must see). Keying once by the target id would miss such conflicts, so an event
 * could count twice. Each id reaches {@code apply-voids} once, which makes voids simple there.
 *
 * <p>Fan-out: per event in, at most one record to each repartition topic and at most two changes
 * out (a void: its own first arrival and its target's retraction). A void that waits for its target
 * costs one index entry, read once when its {@code orphan.void.days} deadline passes in stream time.
 */
public final class DeduplicateStage {

  public static final String EVENT_STORE = "event-store";
  public static final String VOID_STORE = "void-store";
  public static final String ORPHAN_VOID_INDEX_STORE = "orphan-void-index-store";
  public static final String BY_EVENT_ID = "events-by-event-id";
  public static final String BY_TARGET_ID = "events-by-target-id";

  private DeduplicateStage() {}

  /**
   * @param valid valid events keyed by site
   * @param settings the partition count of the stage's repartition topics, store logging
   * @return one change per accepted event (keyed by target id), plus retractions
   */
  public static KStream<String, EventChange> build(KStream<String, SequencedEvent> valid, Topics topics,
      TopologySettings settings) {
    int partitions = settings.repartitionPartitions();
    KStream<String, Screened> checked = valid
        .selectKey((site, event) -> event.event().getEventId(), Named.as("key-by-event-id"))
        .repartition(repartitioned(BY_EVENT_ID, partitions))
        .processValues(Suppliers.fixedKey(() -> new DeduplicateEvents(EVENT_STORE),
            Suppliers.store(EVENT_STORE, InternalSerdes.SEQUENCED_EVENT, settings)), Named.as("deduplicate-events"));
    KStream<String, EventChange> applied = DeadLetterBranch.split(checked, "dedupe", topics.eventsDlqForEvents())
        .selectKey((eventId, event) -> targetId(event), Named.as("key-by-target-id"))
        .repartition(repartitioned(BY_TARGET_ID, partitions))
        .process(Suppliers.keyed(
                () -> new ApplyVoids(VOID_STORE, ORPHAN_VOID_INDEX_STORE, settings.engine().orphanVoidDays()),
                Suppliers.store(VOID_STORE, InternalSerdes.VOID_SLOT, settings),
                Suppliers.store(ORPHAN_VOID_INDEX_STORE, InternalSerdes.SEQUENCED_EVENT, settings)),
            Named.as("apply-voids"));
    DeadLetterBranch.send(applied
            .filter((targetId, change) -> change.effect() == Effect.ORPHANED, Named.as("orphan-voids"))
            .mapValues((targetId, change) -> Screened.rejected(change.event(), orphanVoid(targetId, settings)),
                Named.as("orphan-void-rejections")),
        "orphan-void", topics.eventsDlqForEvents());
    return applied.filter((targetId, change) -> change.effect() != Effect.ORPHANED, Named.as("void-changes"));
  }

  private static Rejection orphanVoid(String targetId, TopologySettings settings) {
    return new Rejection(Reason.ORPHAN_VOID, "voids_event_id", "voids_event_id: no event with id " + targetId
        + " arrived within " + settings.engine().orphanVoidDays() + " days (orphan.void.days) after the void was"
        + " recorded; the void is kept and still retracts that event if it arrives");
  }

  /** The id a void or a target is matched on: a void's target, any other event's own id. */
  static String targetId(SequencedEvent event) {
    return event.event().getPayload() instanceof EventVoid v ? v.getVoidsEventId() : event.event().getEventId();
  }

  private static Repartitioned<String, SequencedEvent> repartitioned(String name, int partitions) {
    return Repartitioned.<String, SequencedEvent>as(name)
        .withKeySerde(Serdes.String())
        .withValueSerde(InternalSerdes.SEQUENCED_EVENT)
        .withNumberOfPartitions(partitions);
  }
}
