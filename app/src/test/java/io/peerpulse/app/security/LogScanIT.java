package io.peerpulse.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerpulse.app.embedded.EmbeddedRuntime;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs never contain person or worker ids or event bodies (style.md; issue 9, Security): the real
 * embedded runtime (broker, registry, streams, ingest API) takes every kind of bad input, each with
 * ids found nowhere else, and everything logged from start to close is scanned for them.
 */
class LogScanIT {

  /** Valid, so the pipeline carries these ids all the way to the indicators. */
  private static final String ENROLLED = """
      {"event_id":"ulm-log-1","type":"ENROLLED","site_id":"ulm","occurred_at":"2021-02-01","recorded_at":"2021-02-01T09:00:00Z","person_id":"pSECRET123","programme":"UPSIDES","arm":"INTERVENTION","setting":"OUTPATIENT"}""";
  private static final String CONTACT = """
      {"event_id":"ulm-log-2","type":"CONTACT","site_id":"ulm","occurred_at":"2021-02-09T14:00:00+01:00","recorded_at":"2021-02-10T08:00:00Z","person_ids":["pSECRET123"],"worker_id":"wSECRET456","worker_role":"PSW","mode":"HOME_VISIT","duration_minutes":60,"outcome":"ATTENDED"}""";
  /** Rejected by the ingest: a value outside its enum. */
  private static final String BAD_ARM = ENROLLED.replace("ulm-log-1", "ulm-log-3").replace("pSECRET123", "pSECRET321")
      .replace("INTERVENTION", "BOTH");
  /** Rejected by the ingest: JSON cut off. */
  private static final String CUT_OFF = "{\"event_id\":\"ulm-log-4\",\"type\":\"ENROLLED\",\"person_id\":\"pSECRET789\",";
  /** Valid for the ingest, a DUPLICATE_CONFLICT for the streams: the same event_id with another worker. */
  private static final String CONFLICT = CONTACT.replace("wSECRET456", "wSECRET654");
  /** Held by the streams: its target never comes. */
  private static final String VOID = """
      {"event_id":"ulm-log-5","type":"VOID","site_id":"ulm","occurred_at":"2021-03-02","recorded_at":"2021-03-02T08:00:00Z","voids_event_id":"ulm-log-404"}""";
  /** Not Avro: dead-lettered by the streams' deserialization handler. */
  private static final String RAW_BYTES = "{\"person_id\":\"pSECRET555\",\"worker_id\":\"wSECRET555\"}";
  private static final String REGISTER = """
      type,event_id,site_id,occurred_at,recorded_at,person_id,programme,arm,setting
      ENROLLED,ulm-log-6,ulm,2021-02-03,2021-02-03T09:00:00Z,pSECRETreg1,UPSIDES,CONTROL,OUTPATIENT
      ENROLLED,ulm-log-7,ulm,2021-02-04,2021-02-04T09:00:00Z,pSECRETreg2,UPSIDES,NEITHER,OUTPATIENT
      """;
  /** Refused as a whole: raw identifiers and no pseudonym key. */
  private static final String RAW_REGISTER = """
      type,site_id,occurred_at,recorded_at,person_raw_id,programme,arm,setting
      ENROLLED,ulm,2021-02-05,2021-02-05T09:00:00Z,MRN-SECRET-777,UPSIDES,CONTROL,OUTPATIENT
      """;
  private static final List<String> IDS = List.of("pSECRET123", "wSECRET456", "pSECRET321", "pSECRET789", "wSECRET654",
      "ulm-log-404", "pSECRET555", "wSECRET555", "pSECRETreg1", "pSECRETreg2", "MRN-SECRET-777");
  /** Dead letters: BAD_ARM, CUT_OFF, the register's bad row (ingest), CONFLICT and RAW_BYTES (streams). */
  private static final int DEAD_LETTERS = 5;
  private static final Duration WAIT = Duration.ofSeconds(90);

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
  }

  @TempDir Path dir;
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void badInputLeavesNoIdsOrBodiesInTheLog() throws Exception {
    String log;
    try (CapturedStderr captured = new CapturedStderr()) {
      try (EmbeddedRuntime runtime = EmbeddedRuntime.start(EmbeddedRuntime.Settings.defaults(dir.resolve("data"))
          .withPorts(0, 0, 0).withStreamsConfig(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100",
              StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS, "200")))) {
        URI events = runtime.httpUrl().resolve("/v1/events");
        URI registers = runtime.httpUrl().resolve("/v1/registers");
        assertThat(post(events, "application/x-ndjson", String.join("\n", ENROLLED, CONTACT, BAD_ARM, CUT_OFF)).statusCode())
            .isEqualTo(422);
        assertThat(post(events, "application/json", CONFLICT).statusCode()).isEqualTo(200);
        assertThat(post(events, "application/json", VOID).statusCode()).isEqualTo(200);
        assertThat(post(registers, "text/csv", REGISTER).statusCode()).isEqualTo(422);
        HttpResponse<String> raw = post(registers, "text/csv", RAW_REGISTER);
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.body()).doesNotContain("MRN-SECRET-777");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            runtime.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
          producer.send(new ProducerRecord<>(Topics.EVENTS, "ulm", RAW_BYTES)).get();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters(runtime.bootstrapServers()))
            .as("every bad input went through the pipeline").isEqualTo(DEAD_LETTERS));
      }
      log = captured.text();
    }
    assertThat(log).as("the capture worked").contains("Embedded runtime started").contains("Embedded runtime stopped")
        .containsPattern("Ingest from http /v1/events: 4 rows, 2 accepted, 2 rejected");
    for (String id : IDS) {
      assertThat(log).as("no log line has %s", id).doesNotContain(id);
    }
    assertThat(log).as("no event body, whole or in part")
        .doesNotContainPattern("\"(person_id|person_ids|worker_id|voids_event_id)\"\\s*:")
        .doesNotContain("ENROLLED,ulm-log", "HOME_VISIT");
  }

  private HttpResponse<String> post(URI uri, String contentType, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int deadLetters(String bootstrapServers) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(Topics.EVENTS_DLQ).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      int count = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        count += consumer.poll(Duration.ofMillis(200)).count();
      }
      return count;
    }
  }
}
