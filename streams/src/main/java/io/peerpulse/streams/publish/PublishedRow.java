package io.peerpulse.streams.publish;

import java.util.Objects;

/**
 * The numbers of one published row.
 *
 * @param siteId the row's site, {@code "*"} for the total row
 * @param numerator published numerator: rounded, exact (measures) or null
 * @param denominator published denominator: rounded, exact (measures) or null
 * @param value the value recomputed from the published numbers, the exact median, or null
 * @param suppressed true when a field that is non-null in the exact row is null here
 */
public record PublishedRow(String siteId, Double numerator, Double denominator, Double value, boolean suppressed) {

  public PublishedRow {
    Objects.requireNonNull(siteId, "site_id");
  }
}
