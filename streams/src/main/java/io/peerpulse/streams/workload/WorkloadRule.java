package io.peerpulse.streams.workload;

/**
 * The rule of one workload indicator: counts a site's contacts and roster in one period.
 * {@link WorkloadCalculator} dispatches to the rules and turns their tallies into rows.
 */
interface WorkloadRule {

  WorkloadIndicator indicator();

  /** The tally of this indicator in the period; the calculator omits it when empty. */
  WorkloadTally tally(WorkloadContext period);
}
