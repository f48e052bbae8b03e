package io.peerpulse.streams.topology;

import io.peerpulse.streams.cells.SiteRow;
import java.util.Objects;

/**
 * One site's row under a {@code *} row changed ({@code row} set) or stopped existing ({@code row}
 * null). Keyed by the total group on {@code site-rows-by-total}.
 */
public record SiteRowUpdate(String siteId, SiteRow row) {

  public SiteRowUpdate {
    Objects.requireNonNull(siteId, "siteId");
  }
}
