package io.peerpulse.reference;

import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the publication step (indicators.md "Publication and suppression"), with the same
 * meaning and defaults as the streaming application's {@code suppression.rule}.
 *
 * @param rule         {@link SuppressionRule#NHS} (default) or {@link SuppressionRule#NONE} (no
 *                     suppression: the restricted internal view)
 * @param threshold    person-level counts from 1 to this value are suppressed (default 7)
 * @param roundingBase other person-level counts are rounded to the nearest multiple of this
 *                     (default 5; half up)
 * @param minWorkers   a workload row is nulled when fewer distinct workers contributed (default 3)
 */
public record PublicationConfig(SuppressionRule rule, int threshold, int roundingBase, int minWorkers) {

    public static final int DEFAULT_THRESHOLD = 7;
    public static final int DEFAULT_ROUNDING_BASE = 5;
    public static final int DEFAULT_MIN_WORKERS = 3;

    /** {@code suppression.rule}: {@code nhs} or {@code none}. */
    public enum SuppressionRule {
        NHS, NONE;

        /** The config value, {@code nhs} or {@code none} (any case). */
        public static SuppressionRule parse(String text) {
            Objects.requireNonNull(text, "suppression rule");
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "nhs" -> NHS;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("suppression rule must be nhs or none, was '" + text + "'");
            };
        }

        /** The config value: {@code nhs} or {@code none}. */
        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PublicationConfig {
        Objects.requireNonNull(rule, "rule");
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be >= 0, was " + threshold);
        }
        if (roundingBase < 1) {
            throw new IllegalArgumentException("roundingBase must be >= 1, was " + roundingBase);
        }
        if (minWorkers < 0) {
            throw new IllegalArgumentException("minWorkers must be >= 0, was " + minWorkers);
        }
    }

    /** The defaults of indicators.md: NHS rule, counts 1-7 suppressed, rounding to 5, 3 workers. */
    public static PublicationConfig defaults() {
        return new PublicationConfig(SuppressionRule.NHS, DEFAULT_THRESHOLD, DEFAULT_ROUNDING_BASE, DEFAULT_MIN_WORKERS);
    }

    /** {@code suppression.rule = none}: exact values, nothing suppressed. */
    public static PublicationConfig none() {
        return defaults().withRule(SuppressionRule.NONE);
    }

    public PublicationConfig withRule(SuppressionRule newRule) {
        return new PublicationConfig(newRule, threshold, roundingBase, minWorkers);
    }

    public PublicationConfig withThreshold(int newThreshold) {
        return new PublicationConfig(rule, newThreshold, roundingBase, minWorkers);
    }

    public PublicationConfig withRoundingBase(int newBase) {
        return new PublicationConfig(rule, threshold, newBase, minWorkers);
    }

    public PublicationConfig withMinWorkers(int newMinWorkers) {
        return new PublicationConfig(rule, threshold, roundingBase, newMinWorkers);
    }
}
