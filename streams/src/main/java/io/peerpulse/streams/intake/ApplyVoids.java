package io.peerpulse.streams.intake;

import io.peerpulse.event.EventVoid;
import io.peerpulse.streams.intake.EventChange.Effect;
import io.peerpulse.streams.model.Cause;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.topology.CauseHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by target id (a VOID by its {@code voids_event_id}, any other event by its own id), after
 * deduplication: each id arrives here once. {@code void-store} holds a {@link VoidSlot} per id. A
 * void retracts its target whichever arrives first; further voids of a voided id change nothing. A
 * VOID of a VOID is ignored by construction: only non-void events are kept as targets here, and an
 * id that belongs to a void never belongs to another event (deduplication).
 *
 * <p>Orphan voids (events.md, ORPHAN_VOID): a void waiting for its target is also indexed in
 * {@code orphan-void-index-store} under its deadline (its recorded_at + {@code orphan.void.days}).
 * A stream-time punctuation reports each void whose deadline passed while it still waits, once, as an
 * {@link Effect#ORPHANED} change for the dead-letter topic. The void stays held: if its target comes
 * after all, it still does not count, as the reference decides. The index is read by deadline range,
 * so a punctuation costs the voids it reports, not the store's size.
 */
final class ApplyVoids implements Processor<String, SequencedEvent, String, EventChange> {

  /** How often (in stream time) overdue voids are looked for: finer than a day is pointless. */
  static final Duration ORPHAN_CHECK_INTERVAL = Duration.ofHours(1);
  private static final int DEADLINE_DIGITS = 20;

  private final String slotStoreName;
  private final String orphanIndexName;
  private final long orphanAfterMs;
  private ProcessorContext<String, EventChange> context;
  private KeyValueStore<String, VoidSlot> slots;
  private KeyValueStore<String, SequencedEvent> orphanIndex;

  ApplyVoids(String slotStoreName, String orphanIndexName, int orphanVoidDays) {
    this.slotStoreName = slotStoreName;
    this.orphanIndexName = orphanIndexName;
    this.orphanAfterMs = Duration.ofDays(orphanVoidDays).toMillis();
  }

  @Override
  public void init(ProcessorContext<String, EventChange> context) {
    this.context = context;
    this.slots = context.getStateStore(slotStoreName);
    this.orphanIndex = context.getStateStore(orphanIndexName);
    context.schedule(ORPHAN_CHECK_INTERVAL, PunctuationType.STREAM_TIME, this::reportOrphans);
  }

  @Override
  public void process(Record<String, SequencedEvent> record) {
    SequencedEvent arrival = record.value();
    // Everything this arrival changes names it as the cause (a retraction: the void, not its target).
    record = record.withHeaders(CauseHeaders.of(Cause.of(arrival)));
    VoidSlot slot = slots.get(record.key());
    if (arrival.event().getPayload() instanceof EventVoid) {
      context.forward(record.withValue(new EventChange(arrival, true, Effect.NONE)));
      if (slot == null) {
        slots.put(record.key(), VoidSlot.waiting(arrival.event().getEventId()));
        orphanIndex.put(deadlineKey(record.timestamp() + orphanAfterMs, record.key()), arrival);
      } else if (slot.event() != null) {
        context.forward(record.withValue(new EventChange(slot.event(), false, Effect.RETRACTED)));
        slots.put(record.key(), VoidSlot.settled(arrival.event().getEventId()));
      }
      // Otherwise the id is already voided (or a void waits for it): a further void changes nothing.
      return;
    }
    if (slot != null && slot.voidedBy() != null) {
      slots.put(record.key(), VoidSlot.settled(slot.voidedBy()));
      context.forward(record.withValue(new EventChange(arrival, true, Effect.NONE)));
      return;
    }
    slots.put(record.key(), VoidSlot.effective(arrival));
    context.forward(record.withValue(new EventChange(arrival, true, Effect.EFFECTIVE)));
  }

  /** Reports every void whose deadline is at or before {@code streamTime} and that still waits. */
  private void reportOrphans(long streamTime) {
    List<KeyValue<String, SequencedEvent>> due = new ArrayList<>();
    try (KeyValueIterator<String, SequencedEvent> it = orphanIndex.range(deadlineKey(0, ""), deadlineKey(streamTime, "\uffff"))) {
      it.forEachRemaining(due::add);
    }
    for (KeyValue<String, SequencedEvent> entry : due) {
      orphanIndex.delete(entry.key);
      String targetId = entry.key.substring(DEADLINE_DIGITS + 1);
      VoidSlot slot = slots.get(targetId);
      SequencedEvent theVoid = entry.value;
      if (slot != null && slot.isWaitingVoid() && slot.voidedBy().equals(theVoid.event().getEventId())) {
        context.forward(new Record<>(targetId, new EventChange(theVoid, false, Effect.ORPHANED), streamTime));
      }
    }
  }

  /** deadline (zero-padded epoch ms, so keys sort by deadline) | target id */
  static String deadlineKey(long deadlineMs, String targetId) {
    return String.format("%0" + DEADLINE_DIGITS + "d|%s", Math.max(0, deadlineMs), targetId);
  }
}
