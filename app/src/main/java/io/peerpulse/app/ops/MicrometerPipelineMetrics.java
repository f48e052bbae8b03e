package io.peerpulse.app.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.peerpulse.mapping.Reason;
import io.peerpulse.streams.metrics.PipelineMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link PipelineMetrics} as Micrometer meters (names as Prometheus shows them):
 *
 * <table>
 *   <caption>PeerPulse meters</caption>
 *   <tr><th>meter</th><th>tags</th><th>meaning</th></tr>
 *   <tr><td>{@code peerpulse_events_accepted_total}</td><td>source</td><td>events written to the events topic by the ingest</td></tr>
 *   <tr><td>{@code peerpulse_events_rejected_total}</td><td>source (ingest, streams), reason</td><td>rows and records sent to the dead-letter topic</td></tr>
 *   <tr><td>{@code peerpulse_late_corrections_total}</td><td>indicator</td><td>changes to FINAL rows written to the late-corrections topic</td></tr>
 *   <tr><td>{@code peerpulse_final_values_changed_total}</td><td>indicator</td><td>of those, changes of the value itself</td></tr>
 *   <tr><td>{@code peerpulse_site_watermark_lag_seconds}</td><td>site</td><td>wall clock minus the site's watermark (start of its day, UTC)</td></tr>
 *   <tr><td>{@code peerpulse_end_to_end_latency_seconds}</td><td></td><td>wall clock at the revise step minus {@code recorded_at} of the event that caused the row</td></tr>
 * </table>
 *
 * Counters move when a processor runs; under exactly-once a task that aborts and reprocesses
 * counts again, so these are operational signals, not indicator values. Tags never carry person or
 * worker ids: sites, indicators and reason codes only.
 */
public final class MicrometerPipelineMetrics implements PipelineMetrics {

  /**
   * Buckets of the latency histogram, in seconds: a live upload (seconds to an hour) and register
   * uploads (days, weeks). A distribution in seconds, not a Timer: a Timer totals nanoseconds in a
   * long, which a replay of years-old events overflows after a few dozen rows.
   */
  private static final double[] LATENCY_BUCKETS = {1, 5, 30, 300, 3_600, 86_400, 7 * 86_400, 35 * 86_400};

  private final MeterRegistry registry;
  private final Map<Source, Counter> accepted = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Counter> corrections = new ConcurrentHashMap<>();
  private final Map<String, Counter> valuesChanged = new ConcurrentHashMap<>();
  /** Per site the latest watermark seen, as an epoch day; the gauges read it (strong references: gauges hold weak ones). */
  private final Map<String, AtomicLong> watermarks = new ConcurrentHashMap<>();
  private final DistributionSummary latency;

  public MicrometerPipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency = DistributionSummary.builder("peerpulse.end.to.end.latency")
        .description("Wall clock at the revise step minus recorded_at of the event that caused the indicator row")
        .baseUnit("seconds")
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
    // Present from the first scrape, so a rate() over the ingest has a starting point.
    acceptedCounter(Source.INGEST);
  }

  @Override
  public void eventsAccepted(Source source, long count) {
    if (count > 0) {
      acceptedCounter(source).increment(count);
    }
  }

  @Override
  public void eventRejected(Source source, Reason reason) {
    rejected.computeIfAbsent(source.tag() + '|' + reason.name(), key -> Counter.builder("peerpulse.events.rejected")
        .description("Rows and records sent to the dead-letter topic, by where and why")
        .tag("source", source.tag()).tag("reason", reason.name())
        .register(registry)).increment();
  }

  @Override
  public void lateCorrection(String indicator, boolean valueChanged) {
    corrections.computeIfAbsent(indicator, key -> Counter.builder("peerpulse.late.corrections")
        .description("Changes to FINAL indicator rows written to peerpulse.late-corrections.v1")
        .tag("indicator", key).register(registry)).increment();
    if (valueChanged) {
      valuesChanged.computeIfAbsent(indicator, key -> Counter.builder("peerpulse.final.values.changed")
          .description("Changes of a FINAL indicator value itself (not only its numerator or denominator)")
          .tag("indicator", key).register(registry)).increment();
    }
  }

  @Override
  public void siteWatermark(String siteId, LocalDate watermark) {
    long day = watermark.toEpochDay();
    AtomicLong latest = watermarks.get(siteId);
    if (latest == null) {
      latest = watermarks.computeIfAbsent(siteId, this::registerWatermarkGauge);
    }
    latest.accumulateAndGet(day, Math::max);
  }

  private AtomicLong registerWatermarkGauge(String siteId) {
    AtomicLong latest = new AtomicLong(Long.MIN_VALUE);
    Gauge.builder("peerpulse.site.watermark.lag", latest, this::lagSeconds)
        .description("Wall clock minus the site's watermark (the start of its day, UTC): how far behind the FINAL values are")
        .baseUnit("seconds").tag("site", siteId)
        .register(registry);
    return latest;
  }

  private double lagSeconds(AtomicLong epochDay) {
    long day = epochDay.get();
    if (day == Long.MIN_VALUE) {
      return Double.NaN;
    }
    long watermarkMs = LocalDate.ofEpochDay(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return (registry.config().clock().wallTime() - watermarkMs) / 1000.0;
  }

  @Override
  public void indicatorUpdated(Instant causeRecordedAt) {
    long ms = registry.config().clock().wallTime() - causeRecordedAt.toEpochMilli();
    // An event "recorded" ahead of the clock (the demo's accelerated feed) has no latency to report.
    if (ms >= 0) {
      latency.record(ms / 1000.0);
    }
  }

  private Counter acceptedCounter(Source source) {
    return accepted.computeIfAbsent(source, key -> Counter.builder("peerpulse.events.accepted")
        .description("Events written to the events topic and acknowledged")
        .tag("source", key.tag()).register(registry));
  }
}
