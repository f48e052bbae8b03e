package io.peerpulse.streams;

/**
 * Indicator rule settings (spec/indicators.md). Changing one changes published numbers, so each
 * is explicit and documented in the README's configuration table.
 *
 * @param latenessDays site watermark = site horizon - latenessDays (default 35)
 * @param minDose PSW contacts that make MIN_DOSE_3's numerator (default 3)
 * @param thresholdHours weekly direct hours per FTE above which a PSW is over threshold (default 20)
 * @param definitionVersion the indicator definition version written on every value (1)
 */
public record EngineConfig(int latenessDays, int minDose, double thresholdHours, int definitionVersion) {

  public static final EngineConfig DEFAULTS = new EngineConfig(35, 3, 20.0, 1);

  public EngineConfig {
    require(latenessDays >= 0, "lateness.days", latenessDays, "an integer >= 0");
    require(minDose >= 1, "min.dose", minDose, "an integer >= 1");
    require(thresholdHours > 0, "threshold.hours", thresholdHours, "a number > 0");
    require(definitionVersion >= 1, "definition.version", definitionVersion, "an integer >= 1");
  }

  private static void require(boolean ok, String key, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": expected " + expected + ", got " + value);
    }
  }
}
