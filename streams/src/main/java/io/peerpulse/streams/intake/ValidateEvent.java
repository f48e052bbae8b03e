package io.peerpulse.streams.intake;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.Rejection;
import io.peerpulse.streams.model.SequencedEvent;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Checks each event read from the events topic with the mapping's rules and attaches its arrival
 * sequence (partition and offset in the events topic). Stateless.
 */
final class ValidateEvent implements FixedKeyProcessor<String, Event, Screened> {

  private final int futureHorizonDays;
  private FixedKeyProcessorContext<String, Screened> context;

  ValidateEvent(int futureHorizonDays) {
    this.futureHorizonDays = futureHorizonDays;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Screened> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Event> record) {
    RecordMetadata source = context.recordMetadata()
        .orElseThrow(() -> new IllegalStateException("validate-event runs on records read from a topic"));
    SequencedEvent event = new SequencedEvent(SequencedEvent.sequence(source.partition(), source.offset()), record.value());
    Optional<Rejection> rejection = EventValidator.check(record.value(), futureHorizonDays);
    context.forward(record.withValue(rejection.map(r -> Screened.rejected(event, r)).orElseGet(() -> Screened.accepted(event))));
  }
}
