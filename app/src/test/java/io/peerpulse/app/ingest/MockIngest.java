package io.peerpulse.app.ingest;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.Pseudonymiser;
import io.peerpulse.mapping.RegisterCsv;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/** An {@link IngestService} on Kafka's {@link MockProducer} and an in-memory registry, for tests without a broker. */
final class MockIngest implements AutoCloseable {

  static final String KEY = "peerpulse-test-key-not-a-secret-0001";
  /** HMAC-SHA-256 of MRN-0042-7731 under KEY, computed with openssl and Python (see PseudonymiserTest in mapping). */
  static final String MRN_0042_7731 = "H2QSInrzypul4T29-ubcHb";
  static final Instant NOW = Instant.parse("2021-07-02T12:00:00Z");

  static final String ENROLLED = """
      {"event_id":"ulm-e-0001","type":"ENROLLED","site_id":"ulm","occurred_at":"2021-02-01","recorded_at":"2021-02-01T09:00:00Z","person_id":"p7Hq2","programme":"UPSIDES","arm":"INTERVENTION","setting":"OUTPATIENT"}""";
  static final String BAD_ARM = """
      {"event_id":"ulm-e-0002","type":"ENROLLED","site_id":"ulm","occurred_at":"2021-02-01","recorded_at":"2021-02-01T09:00:00Z","person_id":"secretPerson","programme":"UPSIDES","arm":"BOTH","setting":"OUTPATIENT"}""";
  static final String CONTACT = """
      {"event_id":"santiago-c-1","type":"CONTACT","site_id":"santiago","occurred_at":"2021-02-09T14:00:00-03:00","recorded_at":"2021-03-01T10:00:00Z","person_ids":["p7Hq2"],"worker_id":"w12","worker_role":"PSW","mode":"HOME_VISIT","duration_minutes":60,"outcome":"ATTENDED"}""";

  final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  final String registryUrl = "mock://ingest-" + UUID.randomUUID();
  final KafkaAvroSerializer serializer = new KafkaAvroSerializer();
  final IngestService service;

  MockIngest(Optional<Pseudonymiser> pseudonymiser) {
    serializer.configure(Map.of("schema.registry.url", registryUrl), false);
    service = new IngestService(producer, serializer, RegisterCsv.of(pseudonymiser), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static MockIngest withoutKey() {
    return new MockIngest(Optional.empty());
  }

  static MockIngest withKey() {
    return new MockIngest(Optional.of(Pseudonymiser.ofKey(KEY, "test")));
  }

  List<ProducerRecord<String, byte[]>> sent(String topic) {
    return producer.history().stream().filter(record -> record.topic().equals(topic)).toList();
  }

  List<Event> events() {
    Serde<Event> serde = Topics.of(Map.of("schema.registry.url", registryUrl)).events().valueSerde();
    return sent(Topics.EVENTS).stream().map(record -> serde.deserializer().deserialize(Topics.EVENTS, record.value())).toList();
  }

  static String header(ProducerRecord<String, byte[]> record, String key) {
    return DeadLetters.text(record.headers(), key);
  }

  static String value(ProducerRecord<String, byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    service.close();
    serializer.close();
  }
}
