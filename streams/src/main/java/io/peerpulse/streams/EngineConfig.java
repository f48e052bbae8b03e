package io.peerpulse.streams;

/**
 * Indicator rule settings (spec/indicators.md). Changing one changes published numbers, so each
 * is explicit and documented in the README's configuration table.
 *
 * @param latenessDays site watermark = site horizon - latenessDays (default 35)
 * @param minDose PSW contacts that make MIN_DOSE_3's numerator (default 3)
 * @param thresholdHours weekly direct hours per FTE above which a PSW is over threshold (default 20)
 * @param definitionVersion the indicator definition version written on every value (1)
 * @param futureHorizonDays FUTURE_EVENT: an event whose local occurred_at date is more than this
 *     many days after the UTC date of its recorded_at is rejected (default 1, indicators.md)
 * @param orphanVoidDays a VOID whose target has not arrived this many days (of recorded_at, as the
 *     application's stream time) after the void was recorded is reported as ORPHAN_VOID; it is
 *     still held and applies if its target comes later (default 90)
 */
public record EngineConfig(int latenessDays, int minDose, double thresholdHours, int definitionVersion,
    int futureHorizonDays, int orphanVoidDays) {

  public static final int DEFAULT_FUTURE_HORIZON_DAYS = 1;
  public static final int DEFAULT_ORPHAN_VOID_DAYS = 90;
  public static final EngineConfig DEFAULTS = new EngineConfig(35, 3, 20.0, 1);

  /** The rule settings with the default input horizons. */
  public EngineConfig(int latenessDays, int minDose, double thresholdHours, int definitionVersion) {
    this(latenessDays, minDose, thresholdHours, definitionVersion, DEFAULT_FUTURE_HORIZON_DAYS, DEFAULT_ORPHAN_VOID_DAYS);
  }

  public EngineConfig {
    require(latenessDays >= 0, "lateness.days", latenessDays, "an integer >= 0");
    require(minDose >= 1, "min.dose", minDose, "an integer >= 1");
    require(thresholdHours > 0, "threshold.hours", thresholdHours, "a number > 0");
    require(definitionVersion >= 1, "definition.version", definitionVersion, "an integer >= 1");
    require(futureHorizonDays >= 0, "future.horizon.days", futureHorizonDays, "an integer >= 0");
    require(orphanVoidDays >= 1, "orphan.void.days", orphanVoidDays, "an integer >= 1");
  }

  public EngineConfig withFutureHorizonDays(int days) {
    return new EngineConfig(latenessDays, minDose, thresholdHours, definitionVersion, days, orphanVoidDays);
  }

  public EngineConfig withOrphanVoidDays(int days) {
    return new EngineConfig(latenessDays, minDose, thresholdHours, definitionVersion, futureHorizonDays, days);
  }

  private static void require(boolean ok, String key, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": expected " + expected + ", got " + value);
    }
  }
}
