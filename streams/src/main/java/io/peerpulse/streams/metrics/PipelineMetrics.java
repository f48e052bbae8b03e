package io.peerpulse.streams.metrics;

import io.peerpulse.mapping.Reason;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * What the pipeline tells its operators, without knowing how it is measured: the processors and
 * the ingest call these methods, an implementation in the application (Micrometer, {@code GET
 * /metrics}) turns them into meters. The domain and topology classes stay free of any metrics
 * library, and where no implementation is configured ({@code TopologyTestDriver}, the offline
 * {@code compute}) every call is a no-op ({@link #NOOP}).
 *
 * <p>Processors find the implementation in the application configuration under
 * {@value #CONFIG_KEY} ({@link #from}); Kafka Streams passes unknown keys through to
 * {@code ProcessorContext#appConfigs()} as the very object given. Implementations must be
 * thread-safe and cheap: they are called for every dead letter and every indicator row.
 * Arguments never carry person or worker ids.
 */
public interface PipelineMetrics {

  /** Configuration key under which the application passes its implementation to the processors. */
  String CONFIG_KEY = "peerpulse.pipeline.metrics";

  /** Where a row was accepted or rejected: the ingest (HTTP, CLI) or the streams' intake. */
  enum Source {
    INGEST, STREAMS;

    /** The tag value: {@code ingest}, {@code streams}. */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Does nothing: the default wherever no implementation is configured. */
  PipelineMetrics NOOP = new PipelineMetrics() {};

  /** {@code count} events accepted (written and acknowledged). */
  default void eventsAccepted(Source source, long count) {}

  /** One row or record rejected to the dead-letter topic for {@code reason}. */
  default void eventRejected(Source source, Reason reason) {}

  /**
   * A change to a row that was FINAL was written to the late-corrections topic.
   *
   * @param valueChanged whether the indicator's value itself changed (not only its numerator or
   *     denominator), i.e. a published figure evaluators may already have used is now different
   */
  default void lateCorrection(String indicator, boolean valueChanged) {}

  /** A row of {@code siteId} was written with the site's watermark {@code watermark}. */
  default void siteWatermark(String siteId, LocalDate watermark) {}

  /** An indicator row was written because of an event recorded at {@code causeRecordedAt}. */
  default void indicatorUpdated(Instant causeRecordedAt) {}

  /** The implementation configured under {@value #CONFIG_KEY} in {@code appConfigs}, or {@link #NOOP}. */
  static PipelineMetrics from(Map<String, ?> appConfigs) {
    Object configured = appConfigs == null ? null : appConfigs.get(CONFIG_KEY);
    return configured instanceof PipelineMetrics metrics ? metrics : NOOP;
  }
}
