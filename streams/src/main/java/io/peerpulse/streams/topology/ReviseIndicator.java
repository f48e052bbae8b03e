package io.peerpulse.streams.topology;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.SiteRow;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns exact rows into indicator records: decides the revision (how many times the exact
 * numerator, denominator and value changed after the row first became FINAL; a row that stops or
 * starts existing after that counts as a change too) and writes a tombstone when a row stops
 * existing. {@code computed_at} is the record's timestamp (stream time), never the wall clock.
 */
final class ReviseIndicator implements Processor<String, SiteRow, IndicatorKey, IndicatorValue> {

  private final String storeName;
  private final int definitionVersion;
  private ProcessorContext<IndicatorKey, IndicatorValue> context;
  private KeyValueStore<String, RevisionState> revisions;

  ReviseIndicator(String storeName, int definitionVersion) {
    this.storeName = storeName;
    this.definitionVersion = definitionVersion;
  }

  @Override
  public void init(ProcessorContext<IndicatorKey, IndicatorValue> context) {
    this.context = context;
    this.revisions = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, SiteRow> record) {
    RevisionState before = revisions.get(record.key());
    SiteRow row = record.value();
    if (row == null) {
      if (before != null && before.present()) {
        revisions.put(record.key(), new RevisionState(before.indicator(), before.cell(), false, before.everFinal(),
            before.revision() + (before.everFinal() ? 1 : 0), null, null, null, false, before.watermark()));
        context.forward(new Record<>(key(before.indicator(), before.cell()), null, record.timestamp()));
      }
      return;
    }
    boolean present = before != null && before.present();
    boolean changed = !present
        || !Objects.equals(before.numerator(), row.numerator())
        || !Objects.equals(before.denominator(), row.denominator())
        || !Objects.equals(before.value(), row.value());
    if (!changed && before.finalStatus() == row.finalStatus() && Objects.equals(before.watermark(), row.watermark())) {
      return;
    }
    boolean everFinal = before != null && before.everFinal();
    int revision = before == null ? 0 : before.revision() + (everFinal && changed ? 1 : 0);
    RevisionState after = new RevisionState(row.indicator(), row.cell(), true, everFinal || row.finalStatus(), revision,
        row.numerator(), row.denominator(), row.value(), row.finalStatus(), row.watermark());
    revisions.put(record.key(), after);
    context.forward(new Record<>(key(row.indicator(), row.cell()), value(row, revision, record.timestamp()),
        record.timestamp()));
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
        .build();
  }
}
