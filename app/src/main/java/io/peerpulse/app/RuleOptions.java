package io.peerpulse.app;

import io.peerpulse.streams.EngineConfig;
import picocli.CommandLine.Option;

/** The indicator rule settings shared by {@code compute}, {@code verify} and {@code run}. */
final class RuleOptions {

  @Option(names = "--lateness-days", defaultValue = "35",
      description = "Site watermark = site horizon - this many days (default: ${DEFAULT-VALUE}).")
  int latenessDays;

  @Option(names = "--min-dose", defaultValue = "3",
      description = "PSW contacts that make MIN_DOSE_3's numerator (default: ${DEFAULT-VALUE}).")
  int minDose;

  @Option(names = "--threshold-hours", defaultValue = "20",
      description = "Weekly direct hours per FTE above which a PSW is over threshold (default: ${DEFAULT-VALUE}).")
  double thresholdHours;

  @Option(names = "--future-horizon-days", defaultValue = "1",
      description = "FUTURE_EVENT: reject events dated more than this many days after the date they were recorded"
          + " (default: ${DEFAULT-VALUE}).")
  int futureHorizonDays;

  EngineConfig engineConfig() {
    return new EngineConfig(latenessDays, minDose, thresholdHours, EngineConfig.DEFAULTS.definitionVersion(),
        futureHorizonDays, EngineConfig.DEFAULTS.orphanVoidDays());
  }
}
