package io.peerpulse.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.mapping.Reason;
import io.peerpulse.streams.metrics.PipelineMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operations endpoints on a real JDK HTTP server (any free port), with the meters of the pipeline hook. */
class OpsHttpTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final AtomicReference<Health.StreamsStatus> status = new AtomicReference<>(new Health.StreamsStatus(State.REBALANCING, 0));
  private Observability metrics;
  private OpsHttp.Server server;

  @BeforeEach
  void start() {
    metrics = new Observability();
    server = OpsHttp.start(0, metrics, status::get);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    metrics.close();
  }

  @Test
  void readinessFollowsTheStreamsState() throws Exception {
    HttpResponse<String> rebalancing = get("/health/ready");
    assertThat(rebalancing.statusCode()).isEqualTo(503);
    assertThat(rebalancing.body()).contains("\"state\":\"REBALANCING\"");
    assertThat(rebalancing.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");

    status.set(new Health.StreamsStatus(State.RUNNING, 0));
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertThat(get("/health/other").statusCode()).isEqualTo(404);
    assertThat(get("/metrics/x").statusCode()).isEqualTo(404);
    HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(url("/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void metricsAreInPrometheusTextFormatAndMoveWithThePipeline() throws Exception {
    HttpResponse<String> before = get("/metrics");
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(before.headers().firstValue("Content-Type")).hasValue(OpsHttp.PROMETHEUS_CONTENT_TYPE);
    assertThat(before.body())
        .contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_gc_", "process_uptime_seconds")
        .contains("peerpulse_events_accepted_total{source=\"ingest\"} 0.0")
        .doesNotContain("peerpulse_events_rejected_total");

    PipelineMetrics pipeline = metrics.pipeline();
    pipeline.eventsAccepted(PipelineMetrics.Source.INGEST, 3);
    pipeline.eventRejected(PipelineMetrics.Source.INGEST, Reason.BAD_VALUE);
    pipeline.eventRejected(PipelineMetrics.Source.STREAMS, Reason.DUPLICATE_CONFLICT);
    pipeline.eventRejected(PipelineMetrics.Source.STREAMS, Reason.DUPLICATE_CONFLICT);
    pipeline.lateCorrection("REACH_30", true);
    pipeline.lateCorrection("REACH_30", false);
    pipeline.siteWatermark("ulm", LocalDate.now().minusDays(36));
    pipeline.siteWatermark("ulm", LocalDate.now().minusDays(40)); // older: the latest stays
    pipeline.indicatorUpdated(Instant.now().minusSeconds(120));

    String after = get("/metrics").body();
    assertThat(after)
        .contains("peerpulse_events_accepted_total{source=\"ingest\"} 3.0")
        .contains("peerpulse_events_rejected_total{reason=\"BAD_VALUE\",source=\"ingest\"} 1.0")
        .contains("peerpulse_events_rejected_total{reason=\"DUPLICATE_CONFLICT\",source=\"streams\"} 2.0")
        .contains("peerpulse_late_corrections_total{indicator=\"REACH_30\"} 2.0")
        .contains("peerpulse_final_values_changed_total{indicator=\"REACH_30\"} 1.0")
        .contains("peerpulse_end_to_end_latency_seconds_count 1");
    double lagDays = value(after, "peerpulse_site_watermark_lag_seconds{site=\"ulm\"}") / 86_400;
    assertThat(lagDays).isBetween(36.0, 37.0);
    double latency = value(after, "peerpulse_end_to_end_latency_seconds_sum");
    assertThat(latency).isBetween(119.0, 180.0);
  }

  @Test
  void latenciesOfYearsOldEventsDoNotOverflow() {
    // A replay of years of history: a nanosecond Timer's long total overflowed after ~50 such rows.
    for (int i = 0; i < 1_000; i++) {
      metrics.pipeline().indicatorUpdated(Instant.now().minusSeconds(6L * 365 * 86_400));
    }
    double sum = value(metrics.scrape(), "peerpulse_end_to_end_latency_seconds_sum");
    assertThat(sum / 1_000 / 86_400 / 365).isBetween(5.9, 6.1);
  }

  @Test
  void closingClosesTheRegistryOnce() {
    metrics.close();
    metrics.close();
    assertThat(metrics.registry().isClosed()).isTrue();
  }

  private static double value(String scrape, String series) {
    return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError(series + " not in the scrape"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + server.port() + path);
  }
}
