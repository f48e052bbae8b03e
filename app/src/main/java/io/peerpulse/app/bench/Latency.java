package io.peerpulse.app.bench;

import io.peerpulse.app.generate.GeneratedLine;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.registry.serde.SpecificAvroSerde;
import io.peerpulse.streams.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end latency at a steady live rate, measured from outside like an evaluator sees it: while
 * the generator's next events are sent at {@code rate} per second, every half second a probe (an
 * enrolment at a new site {@code bench-probe-N}) is sent too, and a consumer of the published topic
 * notes when the first row of that site appears. Probe latency = that moment minus the send.
 */
final class Latency {

  static final String PROBE_SITE_PREFIX = "bench-probe-";
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
  private static final Duration DRAIN = Duration.ofSeconds(60);

  /** p50/p99/max in milliseconds over the probes seen; probes not seen within the drain time are counted. */
  record Result(int rate, int seconds, long liveEvents, int probes, int probesSeen, double p50Ms, double p99Ms,
      double maxMs) {}

  private Latency() {}

  static Result measure(Iterator<GeneratedLine> lines, int rate, Duration duration, String bootstrapServers,
      String registryUrl) throws InterruptedException {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> latencies = new ConcurrentHashMap<>();
    Watcher watcher = new Watcher(bootstrapServers, registryUrl, sentAt, latencies);
    watcher.start();
    watcher.awaitAssigned();
    long live = 0;
    int probes = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
            new StringSerializer(), new ByteArraySerializer());
        KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
      serializer.configure(Map.of("schema.registry.url", registryUrl), false);
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long nextProbe = start;
      Instant clock = Instant.parse("2023-01-01T00:00:00Z");
      while (System.nanoTime() < end) {
        long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
        while (live < due && lines.hasNext()) {
          GeneratedLine line = lines.next();
          clock = line.recordedAt();
          if (EventJson.parse(line.json()) instanceof ParseResult.Accepted accepted) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, line.siteId(), serializer.serialize(Topics.EVENTS, accepted.event())));
            live++;
          }
        }
        if (System.nanoTime() >= nextProbe) {
          String site = PROBE_SITE_PREFIX + probes++;
          ParseResult probe = EventJson.parse(probeJson(site, clock));
          if (!(probe instanceof ParseResult.Accepted accepted)) {
            throw new IllegalStateException("invalid probe event: " + probe);
          }
          sentAt.put(site, System.nanoTime());
          producer.send(new ProducerRecord<>(Topics.EVENTS, site, serializer.serialize(Topics.EVENTS, accepted.event())));
          producer.flush();
          nextProbe += PROBE_INTERVAL.toNanos();
        }
        Thread.sleep(2);
      }
    }
    long drainUntil = System.nanoTime() + DRAIN.toNanos();
    while (latencies.size() < probes && System.nanoTime() < drainUntil) {
      Thread.sleep(100);
    }
    watcher.stop();
    List<Long> sorted = new ArrayList<>(latencies.values());
    Collections.sort(sorted);
    return new Result(rate, (int) duration.toSeconds(), live, probes, sorted.size(), percentile(sorted, 0.50),
        percentile(sorted, 0.99), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6);
  }

  static String probeJson(String site, Instant recordedAt) {
    String date = recordedAt.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    return "{\"event_id\":\"" + site + "-enr\",\"type\":\"ENROLLED\",\"site_id\":\"" + site + "\",\"occurred_at\":\"" + date
        + "\",\"recorded_at\":\"" + recordedAt + "\",\"person_id\":\"" + site + "-person\",\"programme\":\"UPSIDES\","
        + "\"arm\":\"INTERVENTION\",\"setting\":\"OUTPATIENT\"}";
  }

  /** Nearest-rank percentile in milliseconds. */
  static double percentile(List<Long> sortedNanos, double quantile) {
    if (sortedNanos.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(quantile * sortedNanos.size());
    return sortedNanos.get(Math.max(0, rank - 1)) / 1e6;
  }

  /** Reads the published topic from its current end, noting the first row of each probe site. */
  private static final class Watcher implements Runnable {
    private final KafkaConsumer<IndicatorKey, byte[]> consumer;
    private final Map<String, Long> sentAt;
    private final Map<String, Long> latencies;
    private final Thread thread = new Thread(this, "peerpulse-bench-latency-watcher");
    private final java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean running = true;

    Watcher(String bootstrapServers, String registryUrl, Map<String, Long> sentAt, Map<String, Long> latencies) {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      SpecificAvroSerde<IndicatorKey> keys = new SpecificAvroSerde<>(IndicatorKey.class);
      keys.configure(Map.of("schema.registry.url", registryUrl), true);
      this.consumer = new KafkaConsumer<>(props, keys.deserializer(), new ByteArrayDeserializer());
      this.sentAt = sentAt;
      this.latencies = latencies;
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void awaitAssigned() throws InterruptedException {
      assigned.await();
    }

    @Override
    public void run() {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.INDICATORS).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve the end now, before the first probe is sent
      assigned.countDown();
      while (running) {
        for (ConsumerRecord<IndicatorKey, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          String site = record.key() == null ? null : record.key().getSiteId().toString();
          if (site != null && site.startsWith(PROBE_SITE_PREFIX) && !latencies.containsKey(site)) {
            Long sent = sentAt.get(site);
            if (sent != null) {
              latencies.put(site, System.nanoTime() - sent);
            }
          }
        }
      }
      consumer.close();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(10_000);
    }
  }
}
