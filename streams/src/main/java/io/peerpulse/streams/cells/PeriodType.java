package io.peerpulse.streams.cells;

/** Period types of spec/indicators.md; {@code period_start} and {@code period_end} are inclusive. */
public enum PeriodType {
  DAY,
  /** ISO week, Monday to Sunday. */
  WEEK,
  /** Calendar month. */
  MONTH,
  /** The 28 days ending on {@code period_end}, one value per day. */
  ROLLING_28D
}
