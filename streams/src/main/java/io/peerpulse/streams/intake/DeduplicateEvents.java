package io.peerpulse.streams.intake;

import io.peerpulse.mapping.Reason;
import io.peerpulse.mapping.Rejection;
import io.peerpulse.streams.model.SequencedEvent;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by the event's own event_id: the first arrival of an id is accepted and kept in
 * {@code event-store}; a later one with the same body is dropped; one with a different body is
 * rejected as DUPLICATE_CONFLICT. Only accepted events reserve an id (rejected ones never get here).
 */
final class DeduplicateEvents implements FixedKeyProcessor<String, SequencedEvent, Screened> {

  private final String storeName;
  private FixedKeyProcessorContext<String, Screened> context;
  private KeyValueStore<String, SequencedEvent> accepted;

  DeduplicateEvents(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Screened> context) {
    this.context = context;
    this.accepted = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, SequencedEvent> record) {
    SequencedEvent arrival = record.value();
    SequencedEvent first = accepted.get(record.key());
    if (first == null) {
      accepted.put(record.key(), arrival);
      context.forward(record.withValue(Screened.accepted(arrival)));
      return;
    }
    Optional<String> field = DuplicateCheck.conflictingField(first.event(), arrival.event());
    if (field.isPresent()) {
      context.forward(record.withValue(Screened.rejected(arrival,
          new Rejection(Reason.DUPLICATE_CONFLICT, field.get(), DuplicateCheck.message(field.get())))));
    }
  }
}
