package io.peerpulse.streams.publish;

import io.peerpulse.indicator.IndicatorKey;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The key of one publication group: the key of its {@code *} row, so the site rows of one
 * (indicator, programme, arm, period) meet their total. A workload row (programme = arm = "*") has
 * no total and is a group of its own: its key keeps the site.
 */
record PublicationGroupKey(String indicator, String siteId, String programme, String arm, String periodType,
    LocalDate periodStart, LocalDate periodEnd) {

  static final String ALL = CellGroupPublisher.TOTAL_SITE;

  PublicationGroupKey {
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(siteId, "site_id");
    Objects.requireNonNull(programme, "programme");
    Objects.requireNonNull(arm, "arm");
    Objects.requireNonNull(periodType, "period_type");
    Objects.requireNonNull(periodStart, "period_start");
    Objects.requireNonNull(periodEnd, "period_end");
  }

  static PublicationGroupKey of(IndicatorKey row) {
    boolean perSite = ALL.equals(row.getProgramme()) && ALL.equals(row.getArm());
    return new PublicationGroupKey(row.getIndicator(), perSite ? row.getSiteId() : ALL, row.getProgramme(),
        row.getArm(), row.getPeriodType(), row.getPeriodStart(), row.getPeriodEnd());
  }

  /** The key of this group's row of {@code site}. */
  IndicatorKey rowKey(String site) {
    return IndicatorKey.newBuilder()
        .setIndicator(indicator)
        .setSiteId(site)
        .setProgramme(programme)
        .setArm(arm)
        .setPeriodType(periodType)
        .setPeriodStart(periodStart)
        .setPeriodEnd(periodEnd)
        .build();
  }
}
