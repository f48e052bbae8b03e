package io.peerpulse.streams.publish;

import java.util.Objects;

/**
 * The numbers of one exact row of a publication group, as the restricted topic holds them.
 *
 * @param siteId the row's site, {@code "*"} for the total row
 * @param numerator exact numerator, null when absent
 * @param denominator exact denominator, null when absent
 * @param value exact value (ratio on the indicator's scale, count or median), null when undefined
 * @param workers distinct workers who contributed (workload rows), null when not computed
 */
public record ExactRow(String siteId, Double numerator, Double denominator, Double value, Integer workers) {

  public ExactRow {
    Objects.requireNonNull(siteId, "site_id");
  }

  /** A person-level row (no worker count). */
  public static ExactRow of(String siteId, Double numerator, Double denominator, Double value) {
    return new ExactRow(siteId, numerator, denominator, value, null);
  }
}
