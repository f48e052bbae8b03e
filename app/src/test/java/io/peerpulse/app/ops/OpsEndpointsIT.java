package io.peerpulse.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerpulse.app.embedded.EmbeddedRuntime;
import io.peerpulse.streams.StreamsAppConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations endpoints of the embedded runtime, end to end: {@code /health/ready} turns 200 once
 * Kafka Streams runs; after a good event, a bad one (ingest rejection) and a conflicting duplicate
 * (streams rejection) {@code /metrics} shows Kafka Streams' and the producer's metrics and our
 * counters with those exact values; and no log line of the whole run contains the person id used
 * in the events.
 */
class OpsEndpointsIT {

  /** A person id that must never reach a log line (style.md; issue 9, Security). */
  private static final String PERSON_ID = "pZq81LogCanary";
  private static final String GOOD = """
      {"event_id":"ulm-ops-1","type":"ENROLLED","site_id":"ulm","occurred_at":"2021-02-01","recorded_at":"2021-02-01T09:00:00Z","person_id":"%s","programme":"UPSIDES","arm":"INTERVENTION","setting":"OUTPATIENT"}"""
      .formatted(PERSON_ID);
  private static final String BAD_ARM = GOOD.replace("ulm-ops-1", "ulm-ops-2").replace("INTERVENTION", "BOTH");
  /** The same event_id as GOOD with another body: valid for the ingest, a DUPLICATE_CONFLICT for the streams. */
  private static final String CONFLICT = GOOD.replace("INTERVENTION", "CONTROL");
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
  }

  @TempDir static Path dir;
  private static EmbeddedRuntime runtime;
  private static PrintStream originalErr;
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    // slf4j-simple writes to whatever System.err is at each line: keep a copy of everything logged.
    originalErr = System.err;
    System.setErr(new PrintStream(new Tee(originalErr, LOG), true, StandardCharsets.UTF_8));
    runtime = EmbeddedRuntime.start(EmbeddedRuntime.Settings.defaults(dir.resolve("data")).withPorts(0, 0, 0)
        .withStreamsConfig(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100", StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS, "200")));
  }

  @AfterAll
  static void stop() {
    try {
      if (runtime != null) {
        runtime.close();
      }
    } finally {
      System.setErr(originalErr);
    }
    // After the close too: shutdown logs count.
    String log;
    synchronized (LOG) {
      log = LOG.toString(StandardCharsets.UTF_8);
    }
    assertThat(log).as("captured log").contains("Embedded runtime started").doesNotContain(PERSON_ID);
  }

  @Test
  void healthAndMetricsFollowThePipeline() throws Exception {
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    await().atMost(WAIT).untilAsserted(() -> {
      HttpResponse<String> ready = get("/health/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).contains("\"state\":\"RUNNING\"");
    });

    assertThat(post(GOOD).statusCode()).isEqualTo(200);
    assertThat(post(BAD_ARM).statusCode()).isEqualTo(422);
    assertThat(post(CONFLICT).statusCode()).isEqualTo(200);

    String ingested = get("/metrics").body();
    assertThat(ingested)
        .contains("kafka_stream_", "kafka_producer_", "jvm_memory_used_bytes")
        .contains("peerpulse_events_accepted_total{source=\"ingest\"} 2.0")
        .contains("peerpulse_events_rejected_total{reason=\"BAD_VALUE\",source=\"ingest\"} 1.0");

    await().atMost(WAIT).untilAsserted(() -> assertThat(get("/metrics").body())
        .contains("peerpulse_events_rejected_total{reason=\"DUPLICATE_CONFLICT\",source=\"streams\"} 1.0")
        .contains("peerpulse_site_watermark_lag_seconds{site=\"ulm\"}")
        .containsPattern("peerpulse_end_to_end_latency_seconds_count [1-9]"));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String event) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(url("/v1/events")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI url(String path) {
    return runtime.httpUrl().resolve(path);
  }

  /** Writes to both streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final ByteArrayOutputStream copy;

    Tee(OutputStream first, ByteArrayOutputStream copy) {
      this.first = first;
      this.copy = copy;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      first.write(b);
      synchronized (copy) {
        copy.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      synchronized (copy) {
        copy.write(b, off, len);
      }
    }

    @Override
    public void flush() throws java.io.IOException {
      first.flush();
    }
  }
}
