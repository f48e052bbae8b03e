package io.peerpulse.streams.publish;

import java.util.Objects;

/**
 * One change of an exact row on its way to its publication group.
 *
 * @param siteId the row's site ({@code "*"} for the total)
 * @param exact the row's new exact state; null when the row stopped existing (a tombstone)
 */
record ExactRowChange(String siteId, ExactState exact) {

  ExactRowChange {
    Objects.requireNonNull(siteId, "site_id");
  }
}
