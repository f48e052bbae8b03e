package io.peerpulse.streams.topology;

import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.indicator.LateCorrection;

/**
 * One output of a revise processor: an indicator value (null: a tombstone) for the internal topic,
 * or a late correction for {@code peerpulse.late-corrections.v1}. Never serialized: it lives between
 * the processor and the two sinks of its stage.
 */
record Revised(IndicatorValue value, LateCorrection correction) {

  static Revised value(IndicatorValue value) {
    return new Revised(value, null);
  }

  static Revised correction(LateCorrection correction) {
    return new Revised(null, correction);
  }

  boolean isCorrection() {
    return correction != null;
  }
}
