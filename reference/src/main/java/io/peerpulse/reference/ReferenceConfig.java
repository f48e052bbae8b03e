package io.peerpulse.reference;

import java.util.Objects;

/**
 * Settings of the reference computation, with the same meaning and defaults as the streaming
 * application's ({@code lateness.days}, {@code min.dose}, {@code threshold.hours},
 * {@code suppression.rule}).
 *
 * @param latenessDays   the site watermark is the site horizon minus this many days (default 35)
 * @param minDose        PSW contacts an enrolment needs for {@code MIN_DOSE_3} (default 3)
 * @param thresholdHours weekly direct hours per FTE above which a PSW is over threshold
 *                       (default 20; used by {@code PSW_OVER_THRESHOLD})
 * @param publication    the publication step's settings (default: NHS rule, 7, 5, 3 workers);
 *                       used by {@link ReferenceIndicators#computePublished}
 * @param futureHorizonDays FUTURE_EVENT: an event whose local occurred_at date is more than this many
 *                       days after the UTC date of its recorded_at is rejected (default 1)
 */
public record ReferenceConfig(int latenessDays, int minDose, double thresholdHours, PublicationConfig publication,
        int futureHorizonDays) {

    public static final int DEFAULT_FUTURE_HORIZON_DAYS = 1;

    public static final int DEFAULT_LATENESS_DAYS = 35;
    public static final int DEFAULT_MIN_DOSE = 3;
    public static final double DEFAULT_THRESHOLD_HOURS = 20.0;

    public ReferenceConfig {
        if (latenessDays < 0) {
            throw new IllegalArgumentException("latenessDays must be >= 0, was " + latenessDays);
        }
        if (minDose < 1) {
            throw new IllegalArgumentException("minDose must be >= 1, was " + minDose);
        }
        if (!(thresholdHours > 0) || Double.isInfinite(thresholdHours)) {
            throw new IllegalArgumentException("thresholdHours must be a positive number, was " + thresholdHours);
        }
        Objects.requireNonNull(publication, "publication");
        if (futureHorizonDays < 0) {
            throw new IllegalArgumentException("futureHorizonDays must be >= 0, was " + futureHorizonDays);
        }
    }

    /** The computation settings with the default future horizon. */
    public ReferenceConfig(int latenessDays, int minDose, double thresholdHours, PublicationConfig publication) {
        this(latenessDays, minDose, thresholdHours, publication, DEFAULT_FUTURE_HORIZON_DAYS);
    }

    /** The computation settings with the default publication settings. */
    public ReferenceConfig(int latenessDays, int minDose, double thresholdHours) {
        this(latenessDays, minDose, thresholdHours, PublicationConfig.defaults());
    }

    /** The defaults of indicators.md: lateness 35 days, minimum dose 3, threshold 20 hours, NHS rule. */
    public static ReferenceConfig defaults() {
        return new ReferenceConfig(DEFAULT_LATENESS_DAYS, DEFAULT_MIN_DOSE, DEFAULT_THRESHOLD_HOURS,
                PublicationConfig.defaults());
    }

    public ReferenceConfig withLatenessDays(int days) {
        return new ReferenceConfig(days, minDose, thresholdHours, publication, futureHorizonDays);
    }

    public ReferenceConfig withMinDose(int dose) {
        return new ReferenceConfig(latenessDays, dose, thresholdHours, publication, futureHorizonDays);
    }

    public ReferenceConfig withThresholdHours(double hours) {
        return new ReferenceConfig(latenessDays, minDose, hours, publication, futureHorizonDays);
    }

    public ReferenceConfig withFutureHorizonDays(int days) {
        return new ReferenceConfig(latenessDays, minDose, thresholdHours, publication, days);
    }

    public ReferenceConfig withPublication(PublicationConfig newPublication) {
        return new ReferenceConfig(latenessDays, minDose, thresholdHours, newPublication, futureHorizonDays);
    }
}
