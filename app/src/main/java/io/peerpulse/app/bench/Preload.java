package io.peerpulse.app.bench;

import io.peerpulse.app.generate.EventGenerator;
import io.peerpulse.app.generate.GeneratedLine;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.streams.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes generated events to the events topic as services do: Avro in the Confluent wire format,
 * key {@code site_id}. Lines the ingest validation would reject are left out (the benchmark measures
 * the valid path; the dead-letter path has its own campaign), so the topic holds exactly the
 * events counted.
 */
final class Preload {

  /** What was written. */
  record Written(long events, long bytes, double seconds) {}

  private Preload() {}

  /** Sends the next {@code count} valid events of {@code lines} (fewer if they run out). */
  static Written send(Iterator<GeneratedLine> lines, long count, String bootstrapServers, String registryUrl,
      LongConsumer progress) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.ACKS_CONFIG, "all");
    long start = System.nanoTime();
    long events = 0;
    long bytes = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
      serializer.configure(Map.of("schema.registry.url", registryUrl), false);
      while (events < count && lines.hasNext()) {
        GeneratedLine line = lines.next();
        if (!(EventJson.parse(line.json()) instanceof ParseResult.Accepted accepted)) {
          continue;
        }
        byte[] value = serializer.serialize(Topics.EVENTS, accepted.event());
        producer.send(new ProducerRecord<>(Topics.EVENTS, line.siteId(), value));
        events++;
        bytes += value.length + line.siteId().getBytes(StandardCharsets.UTF_8).length;
        if ((events & 0x3FFF) == 0) {
          progress.accept(events);
        }
      }
      producer.flush();
    }
    return new Written(events, bytes, (System.nanoTime() - start) / 1e9);
  }

  /** A generator that yields at least {@code events} valid events for {@code sites} sites. */
  static EventGenerator generator(long events, int sites, long seed) {
    return new EventGenerator(BenchSettings.generatorSettings(events, sites, seed));
  }
}
