package io.peerpulse.streams.workload;

import java.util.Set;

/**
 * What one workload rule found in one cell, before value and status.
 *
 * @param workers the ids of the contributing workers of the site
 */
public record WorkloadTally(double numerator, double denominator, Set<String> workers) {

  public WorkloadTally {
    workers = Set.copyOf(workers);
  }

  /** Numerator and denominator both 0: the row is omitted. */
  public boolean isEmpty() {
    return numerator == 0 && denominator == 0;
  }
}
