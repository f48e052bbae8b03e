package io.peerpulse.streams.topology;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.indicator.LateCorrection;
import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.metrics.PipelineMetrics;
import io.peerpulse.streams.model.Cause;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns exact rows into indicator records: decides the revision (how many times the exact
 * numerator, denominator and value changed after the row first became FINAL; a row that stops or
 * starts existing after that counts as a change too) and writes a tombstone when a row stops
 * existing. Each such change after FINAL is also written as a {@link LateCorrection} (old and new
 * values, the event that caused it from the record's {@link CauseHeaders}, how late it was).
 * {@code computed_at} is the record's timestamp (stream time), never the wall clock.
 */
final class ReviseIndicator implements Processor<String, SiteRow, IndicatorKey, Revised> {

  private final String storeName;
  private final int definitionVersion;
  private ProcessorContext<IndicatorKey, Revised> context;
  private KeyValueStore<String, RevisionState> revisions;
  private PipelineMetrics metrics;

  ReviseIndicator(String storeName, int definitionVersion) {
    this.storeName = storeName;
    this.definitionVersion = definitionVersion;
  }

  @Override
  public void init(ProcessorContext<IndicatorKey, Revised> context) {
    this.context = context;
    this.revisions = context.getStateStore(storeName);
    this.metrics = PipelineMetrics.from(context.appConfigs());
  }

  @Override
  public void process(Record<String, SiteRow> record) {
    RevisionState before = revisions.get(record.key());
    SiteRow row = record.value();
    if (row == null) {
      if (before != null && before.present()) {
        int revision = before.revision() + (before.everFinal() ? 1 : 0);
        RevisionState after = new RevisionState(before.indicator(), before.cell(), false, before.everFinal(), revision,
            null, null, null, false, before.watermark(), null, before.finalSince());
        revisions.put(record.key(), after);
        IndicatorKey key = key(before.indicator(), before.cell());
        context.forward(new Record<>(key, Revised.value(null), record.timestamp()));
        if (before.everFinal()) {
          context.forward(new Record<>(key, Revised.correction(correction(before, after, record)), record.timestamp()));
          metrics.lateCorrection(before.indicator().name(), true);
        }
        observe(before.cell(), null, record);
      }
      return;
    }
    boolean present = before != null && before.present();
    boolean changed = !present
        || !Objects.equals(before.numerator(), row.numerator())
        || !Objects.equals(before.denominator(), row.denominator())
        || !Objects.equals(before.value(), row.value());
    if (!changed && before.finalStatus() == row.finalStatus() && Objects.equals(before.watermark(), row.watermark())
        && Objects.equals(before.workers(), row.workers())) {
      return;
    }
    boolean everFinal = before != null && before.everFinal();
    boolean revised = everFinal && changed;
    int revision = before == null ? 0 : before.revision() + (revised ? 1 : 0);
    LocalDate finalSince = everFinal ? before.finalSince() : row.finalStatus() ? row.watermark() : null;
    RevisionState after = new RevisionState(row.indicator(), row.cell(), true, everFinal || row.finalStatus(), revision,
        row.numerator(), row.denominator(), row.value(), row.finalStatus(), row.watermark(), row.workers(), finalSince);
    revisions.put(record.key(), after);
    IndicatorKey key = key(row.indicator(), row.cell());
    context.forward(new Record<>(key, Revised.value(value(row, revision, record.timestamp())), record.timestamp()));
    if (revised) {
      context.forward(new Record<>(key, Revised.correction(correction(before, after, record)), record.timestamp()));
      metrics.lateCorrection(row.indicator().name(), !Objects.equals(before.value(), row.value()));
    }
    observe(row.cell(), row.watermark(), record);
  }

  /** Watermark per site (site rows only: a pooled row's watermark is no one site's) and end-to-end latency. */
  private void observe(CellKey cell, LocalDate watermark, Record<String, SiteRow> record) {
    if (metrics == PipelineMetrics.NOOP) {
      return; // no header parsing per row where nobody measures (offline compute, tests)
    }
    String siteId = cell.base().siteId();
    if (watermark != null && !CellBase.ALL.equals(siteId)) {
      metrics.siteWatermark(siteId, watermark);
    }
    Cause cause = CauseHeaders.read(record.headers());
    if (cause != null) {
      metrics.indicatorUpdated(cause.recordedAt());
    }
  }

  /** {@code before} → {@code after} of a row that was FINAL, caused by the event the record's headers name. */
  private static LateCorrection correction(RevisionState before, RevisionState after, Record<String, SiteRow> record) {
    Cause cause = CauseHeaders.read(record.headers());
    LocalDate now = after.watermark();
    LocalDate finalSince = after.finalSince();
    return LateCorrection.newBuilder()
        .setOldNumerator(before.present() ? before.numerator() : null)
        .setOldDenominator(before.present() ? before.denominator() : null)
        .setOldValue(before.present() ? before.value() : null)
        .setNewNumerator(after.present() ? after.numerator() : null)
        .setNewDenominator(after.present() ? after.denominator() : null)
        .setNewValue(after.present() ? after.value() : null)
        .setRevision(after.revision())
        .setFinalSince(finalSince)
        .setCauseEventId(cause == null ? null : cause.eventId())
        .setCauseEventDate(cause == null ? null : cause.eventDate())
        .setCauseRecordedAt(cause == null ? null : cause.recordedAt())
        .setDaysLate(cause == null ? null : cause.daysLate())
        .setDaysAfterFinal(finalSince == null || now == null ? null : (int) ChronoUnit.DAYS.between(finalSince, now))
        .setCorrectedAt(Instant.ofEpochMilli(Math.max(0L, record.timestamp())))
        .build();
  }

  static IndicatorKey key(Indicator indicator, CellKey cell) {
    return IndicatorKey.newBuilder()
        .setIndicator(indicator.name())
        .setSiteId(cell.base().siteId())
        .setProgramme(cell.base().programme())
        .setArm(cell.base().arm())
        .setPeriodType(cell.period().type().name())
        .setPeriodStart(cell.period().start())
        .setPeriodEnd(cell.period().end())
        .build();
  }

  private IndicatorValue value(SiteRow row, int revision, long timestamp) {
    return IndicatorValue.newBuilder()
        .setNumerator(row.numerator())
        .setDenominator(row.denominator())
        .setValue(row.value())
        .setStatus(row.finalStatus() ? IndicatorStatus.FINAL : IndicatorStatus.PROVISIONAL)
        .setSuppressed(false)
        .setRevision(revision)
        .setDefinitionVersion(definitionVersion)
        .setComputedAt(Instant.ofEpochMilli(Math.max(0L, timestamp)))
        .setWatermark(row.watermark())
        .setWorkers(row.workers())
        .build();
  }
}
