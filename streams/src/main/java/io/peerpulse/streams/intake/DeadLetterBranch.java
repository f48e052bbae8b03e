package io.peerpulse.streams.intake;

import io.peerpulse.event.Event;
import io.peerpulse.streams.metrics.PipelineMetrics;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Splits checked events: rejections go to the dead-letter topic with the reason headers of
 * {@link DeadLetters}, keyed by site like the events topic; accepted events continue. One helper
 * for every check, so every rejection looks the same on the topic.
 */
final class DeadLetterBranch {

  private DeadLetterBranch() {}

  /**
   * @param name the check's name: filters {@code <name>-accepted} and {@code <name>-rejected},
   *     {@code <name>-to-dead-letter}, {@code <name>-accepted-events} and sink
   *     {@code <name>-dead-letter-sink}
   */
  static KStream<String, SequencedEvent> split(KStream<String, Screened> screened, String name,
      Topic<String, Event> deadLetters) {
    send(screened.filter((key, checked) -> !checked.isAccepted(), Named.as(name + "-rejected")), name, deadLetters);
    return screened
        .filter((key, checked) -> checked.isAccepted(), Named.as(name + "-accepted"))
        .mapValues(Screened::event, Named.as(name + "-accepted-events"));
  }

  /**
   * Sends rejections to the dead-letter topic: processor {@code <name>-to-dead-letter}, sink
   * {@code <name>-dead-letter-sink}.
   */
  static void send(KStream<String, Screened> rejected, String name, Topic<String, Event> deadLetters) {
    rejected
        .process(ToDeadLetter::new, Named.as(name + "-to-dead-letter"))
        .to(deadLetters.name(), deadLetters.produced(name + "-dead-letter-sink"));
  }

  /** The rejected event keyed by its site, with the reason and where it was read from in headers. */
  private static final class ToDeadLetter implements Processor<String, Screened, String, Event> {

    private ProcessorContext<String, Event> context;
    private PipelineMetrics metrics;

    @Override
    public void init(ProcessorContext<String, Event> context) {
      this.context = context;
      this.metrics = PipelineMetrics.from(context.appConfigs());
    }

    @Override
    public void process(Record<String, Screened> record) {
      Screened rejected = record.value();
      long seq = rejected.event().seq();
      Event event = rejected.avro();
      context.forward(new Record<>(
          event == null ? null : event.getSiteId(),
          event,
          record.timestamp(),
          DeadLetters.headers(record.headers(), rejected.rejection().reason(), rejected.rejection().field(),
              rejected.rejection().message(), Topics.EVENTS, DeadLetters.partitionOf(seq),
              DeadLetters.offsetOf(seq), context.currentSystemTimeMs())));
      metrics.eventRejected(PipelineMetrics.Source.STREAMS, rejected.rejection().reason());
    }
  }
}
