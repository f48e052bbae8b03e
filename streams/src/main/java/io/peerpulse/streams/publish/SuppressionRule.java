package io.peerpulse.streams.publish;

import java.util.Locale;
import java.util.Map;

/**
 * The statistical disclosure control settings of the published topic (spec/indicators.md,
 * "Publication and suppression"), with the arithmetic on one count.
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #RULE}</td><td>nhs</td><td>{@code nhs}: suppress, round and apply the worker rule;
 *       {@code none}: publish exact values (restricted views only)</td></tr>
 *   <tr><td>{@value #MIN_COUNT}</td><td>7</td><td>person counts 1 … this value are suppressed (nulled)</td></tr>
 *   <tr><td>{@value #ROUNDING_BASE}</td><td>5</td><td>other person counts are rounded to the nearest
 *       multiple of this (1 = no rounding)</td></tr>
 *   <tr><td>{@value #MIN_WORKERS}</td><td>3</td><td>a workload row is nulled when fewer distinct workers
 *       contributed</td></tr>
 * </table>
 *
 * <p>Rounding is half-up (a count exactly half-way between two multiples goes to the larger). With
 * the default base 5 an integer count is never half-way, so the mode only matters for even bases
 * (base 10: 15 → 20). A published count is never rounded down to 0: a positive count that is not
 * suppressed publishes at least one base, so 0 on the published topic always means an exact 0.
 *
 * @param mode {@link Mode#NHS} or {@link Mode#NONE}
 * @param minCount the largest suppressed count (≥ 1)
 * @param roundingBase the rounding base (≥ 1)
 * @param minWorkers the fewest distinct workers a published workload row needs (≥ 1)
 */
public record SuppressionRule(Mode mode, int minCount, int roundingBase, int minWorkers) {

  public static final String RULE = "suppression.rule";
  public static final String MIN_COUNT = "suppression.min.count";
  public static final String ROUNDING_BASE = "suppression.rounding.base";
  public static final String MIN_WORKERS = "suppression.min.workers";

  /** NHS small-number rule: 1–7 suppressed, rounding to 5, at least 3 workers. */
  public static final SuppressionRule NHS = new SuppressionRule(Mode.NHS, 7, 5, 3);
  /** Exact values, nothing suppressed (the restricted internal view, {@code compute --no-suppress}). */
  public static final SuppressionRule NONE = new SuppressionRule(Mode.NONE, 7, 5, 3);

  /** Which rule applies. */
  public enum Mode {
    NHS,
    NONE;

    /** The configuration spelling: {@code nhs} or {@code none}. */
    public String configValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SuppressionRule {
    if (mode == null) {
      throw new IllegalArgumentException(RULE + ": expected nhs or none, got null");
    }
    require(minCount >= 1, MIN_COUNT, minCount, "an integer >= 1");
    require(roundingBase >= 1, ROUNDING_BASE, roundingBase, "an integer >= 1");
    require(minWorkers >= 1, MIN_WORKERS, minWorkers, "an integer >= 1");
  }

  /** The rule of the four keys in {@code config}, each defaulting to {@link #NHS}'s value. */
  public static SuppressionRule fromConfig(Map<String, ?> config) {
    return new SuppressionRule(
        mode(config.get(RULE)),
        intValue(config, MIN_COUNT, NHS.minCount()),
        intValue(config, ROUNDING_BASE, NHS.roundingBase()),
        intValue(config, MIN_WORKERS, NHS.minWorkers()));
  }

  /** The four keys with this rule's values, e.g. for a defaults table. */
  public Map<String, String> toConfig() {
    return Map.of(RULE, mode.configValue(), MIN_COUNT, Integer.toString(minCount),
        ROUNDING_BASE, Integer.toString(roundingBase), MIN_WORKERS, Integer.toString(minWorkers));
  }

  public boolean suppresses() {
    return mode == Mode.NHS;
  }

  /**
   * The published form of an exact person count: null when it is small (1 … {@code minCount}), 0 for
   * 0, else the nearest multiple of the base (half-up), at least one base. A count that is not a
   * finite number ≥ 0 is nulled: publication fails closed.
   */
  public Double publishCount(double exact) {
    if (!Double.isFinite(exact) || exact < 0) {
      return null;
    }
    if (exact == 0) {
      return 0.0;
    }
    if (exact < minCount + 1) {
      return null;
    }
    return round(exact);
  }

  /** The nearest multiple of the base, half-up, never below one base for a positive count. */
  double round(double exact) {
    double multiples = Math.floor(exact / roundingBase + 0.5);
    return Math.max(1.0, multiples) * roundingBase;
  }

  /** True when a workload row with this many contributing workers must be nulled; null counts as 0. */
  public boolean tooFewWorkers(Integer workers) {
    return workers == null || workers < minWorkers;
  }

  private static Mode mode(Object given) {
    if (given == null) {
      return NHS.mode();
    }
    String text = String.valueOf(given).trim().toLowerCase(Locale.ROOT);
    for (Mode mode : Mode.values()) {
      if (mode.configValue().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(RULE + ": expected nhs or none, got \"" + given + "\"");
  }

  private static int intValue(Map<String, ?> config, String key, int fallback) {
    Object given = config.get(key);
    if (given == null) {
      return fallback;
    }
    String text = String.valueOf(given).trim();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": expected an integer, got \"" + text + "\"", e);
    }
  }

  private static void require(boolean ok, String key, int value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": expected " + expected + ", got " + value);
    }
  }
}
