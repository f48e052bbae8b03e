package io.peerpulse.app.chaos;

import io.peerpulse.event.Event;
import io.peerpulse.event.EventVoid;
import io.peerpulse.mapping.DeadLetterHeaders;
import io.peerpulse.mapping.Reason;
import io.peerpulse.registry.serde.SpecificAvroSerde;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the whole dead-letter topic (read_committed) as the audit sees it. */
final class DeadLetterTopic {

  private static final Duration POLL = Duration.ofMillis(200);

  private DeadLetterTopic() {}

  static List<DeadLetterAudit.Observed> read(String bootstrapServers, String registryUrl) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, "peerpulse-chaos-dead-letters");
    List<DeadLetterAudit.Observed> observed = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        SpecificAvroSerde<Event> events = new SpecificAvroSerde<>(Event.class)) {
      events.configure(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS_DLQ).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          observed.add(observe(record, events));
        }
      }
    }
    return observed;
  }

  private static DeadLetterAudit.Observed observe(ConsumerRecord<byte[], byte[]> record, SpecificAvroSerde<Event> events) {
    Headers headers = record.headers();
    String reason = DeadLetters.text(headers, DeadLetters.REASON);
    String sourceName = DeadLetters.text(headers, DeadLetterHeaders.SOURCE_NAME);
    String partition = DeadLetters.text(headers, DeadLetters.SOURCE_PARTITION);
    String offset = DeadLetters.text(headers, DeadLetters.SOURCE_OFFSET);
    String identity;
    if (sourceName != null) {
      identity = "ingest " + sourceName + "#" + DeadLetters.text(headers, DeadLetterHeaders.SOURCE_LINE);
    } else if (partition != null && offset != null) {
      identity = EventStream.identity(Integer.parseInt(partition), Long.parseLong(offset));
    } else { // no source named: unexpected whatever it is, so it must not collide with another
      identity = "dead letter " + record.partition() + "@" + record.offset();
    }
    String voidTarget = null;
    if (Reason.ORPHAN_VOID.name().equals(reason) && record.value() != null) {
      Event event = events.deserializer().deserialize(Topics.EVENTS, record.value());
      if (event.getPayload() instanceof EventVoid voidEvent) {
        voidTarget = voidEvent.getVoidsEventId();
      }
    }
    return new DeadLetterAudit.Observed(identity, reason, voidTarget);
  }
}
