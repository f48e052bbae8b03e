package io.peerpulse.streams.intake;

import io.peerpulse.event.Event;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Stage 1, intake: reads the events topic and checks every event with the mapping's rules.
 *
 * <pre>
 * peerpulse.events.v1 ─► read-events ─► validate-event ─┬─► (accepted, with arrival sequence)
 *                                                      └─► peerpulse.events-dlq.v1 (reason headers)
 * </pre>
 * Bytes that are not an Avro event never reach {@code validate-event}: Kafka Streams' dead-letter
 * queue sends them to the same topic ({@link IntakeDeserializationHandler}). Stateless; one record
 * out per record in.
 */
public final class IntakeStage {

  public static final String SOURCE = "read-events";
  public static final String VALIDATE = "validate-event";

  private IntakeStage() {}

  /** @return the valid events with their arrival sequence, still keyed by site */
  public static KStream<String, SequencedEvent> build(StreamsBuilder builder, Topics topics, EngineConfig engine) {
    Topic<String, Event> events = topics.events();
    KStream<String, Screened> checked = builder
        .stream(events.name(), events.consumed(SOURCE))
        .processValues(() -> new ValidateEvent(engine.futureHorizonDays()), Named.as(VALIDATE));
    return DeadLetterBranch.split(checked, "intake", topics.eventsDlqForEvents());
  }
}
