package io.peerpulse.streams.publish;

import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One exact row as the publication store keeps it: the numbers publication decides on and the
 * fields it passes through unchanged (status, revision, definition version, computed_at, watermark).
 */
record ExactState(Double numerator, Double denominator, Double value, Integer workers, String status, int revision,
    int definitionVersion, long computedAt, LocalDate watermark) {

  static ExactState of(IndicatorValue exact) {
    return new ExactState(exact.getNumerator(), exact.getDenominator(), exact.getValue(), exact.getWorkers(),
        exact.getStatus().name(), exact.getRevision(), exact.getDefinitionVersion(),
        exact.getComputedAt().toEpochMilli(), exact.getWatermark());
  }

  ExactRow row(String siteId) {
    return new ExactRow(siteId, numerator, denominator, value, workers);
  }

  /** The published record: {@code published}'s numbers, this row's pass-through fields, no worker count. */
  IndicatorValue publishedAs(PublishedRow published) {
    return IndicatorValue.newBuilder()
        .setNumerator(published.numerator())
        .setDenominator(published.denominator())
        .setValue(published.value())
        .setStatus(IndicatorStatus.valueOf(status))
        .setSuppressed(published.suppressed())
        .setRevision(revision)
        .setDefinitionVersion(definitionVersion)
        .setComputedAt(Instant.ofEpochMilli(computedAt))
        .setWatermark(watermark)
        .setWorkers(null)
        .build();
  }
}
