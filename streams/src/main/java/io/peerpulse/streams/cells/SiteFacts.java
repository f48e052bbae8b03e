package io.peerpulse.streams.cells;

import io.peerpulse.streams.model.DateRange;
import java.time.LocalDate;
import java.util.List;

/**
 * What a site knows about itself: its horizon (latest local event date among its accepted events,
 * voids and later-voided events included; null before its first event) and its effective pauses.
 * The watermark is {@code horizon - lateness_days}.
 */
public record SiteFacts(String siteId, LocalDate horizon, List<DateRange> pauses) {

  public SiteFacts {
    pauses = List.copyOf(pauses);
  }

  public LocalDate watermark(int latenessDays) {
    return horizon == null ? null : horizon.minusDays(latenessDays);
  }

  public boolean isPaused(LocalDate day) {
    for (DateRange pause : pauses) {
      if (pause.contains(day)) {
        return true;
      }
    }
    return false;
  }
}
