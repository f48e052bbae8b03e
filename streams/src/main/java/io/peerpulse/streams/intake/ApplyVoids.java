package io.peerpulse.streams.intake;

import io.peerpulse.event.EventVoid;
import io.peerpulse.streams.intake.EventChange.Effect;
import io.peerpulse.streams.model.SequencedEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by target id (a VOID by its {@code voids_event_id}, any other event by its own id), after
 * deduplication: each id arrives here once. {@code void-store} holds per id either the effective
 * event (a void may still come) or the void that came first (the event must not count when it
 * arrives). A void retracts its target whichever arrives first; further voids of a voided id change
 * nothing. A VOID of a VOID is ignored by construction: only non-void events are kept as targets
 * here, and an id that belongs to a void never belongs to another event (deduplication).
 */
final class ApplyVoids implements FixedKeyProcessor<String, SequencedEvent, EventChange> {

  private final String storeName;
  private FixedKeyProcessorContext<String, EventChange> context;
  private KeyValueStore<String, VoidSlot> slots;

  ApplyVoids(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EventChange> context) {
    this.context = context;
    this.slots = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, SequencedEvent> record) {
    SequencedEvent arrival = record.value();
    VoidSlot slot = slots.get(record.key());
    if (arrival.event().getPayload() instanceof EventVoid) {
      context.forward(record.withValue(new EventChange(arrival, true, Effect.NONE)));
      if (slot != null && slot.voidedBy() != null) {
        return;
      }
      if (slot != null && slot.event() != null) {
        context.forward(record.withValue(new EventChange(slot.event(), false, Effect.RETRACTED)));
        // Nothing can come for this id any more but further voids, which find no slot and wait harmlessly.
        slots.delete(record.key());
      } else {
        slots.put(record.key(), new VoidSlot(null, arrival.event().getEventId()));
      }
      return;
    }
    if (slot != null && slot.voidedBy() != null) {
      slots.delete(record.key());
      context.forward(record.withValue(new EventChange(arrival, true, Effect.NONE)));
      return;
    }
    slots.put(record.key(), new VoidSlot(arrival, null));
    context.forward(record.withValue(new EventChange(arrival, true, Effect.EFFECTIVE)));
  }
}
