package io.peerpulse.streams.topology;

import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.SiteFacts;
import io.peerpulse.streams.model.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code site-facts-store} keeps per site.
 *
 * @param horizon the latest local date of the site's accepted events, null before the first
 * @param pauses effective pauses by SITE_PAUSE event id
 * @param bases every base (site, programme, arm) any member of the site ever counted for: the
 *     cells a horizon or pause change may touch are enumerated over them
 */
public record SiteState(LocalDate horizon, Map<String, DateRange> pauses, List<CellBase> bases) {

  public SiteState {
    pauses = new TreeMap<>(pauses);
    bases = List.copyOf(bases);
  }

  public static SiteState empty() {
    return new SiteState(null, Map.of(), List.of());
  }

  public SiteState withHorizon(LocalDate day) {
    return new SiteState(day, pauses, bases);
  }

  public SiteState withPause(String eventId, DateRange days) {
    Map<String, DateRange> changed = new TreeMap<>(pauses);
    if (days == null) {
      changed.remove(eventId);
    } else {
      changed.put(eventId, days);
    }
    return new SiteState(horizon, changed, bases);
  }

  public SiteState withBase(CellBase base) {
    if (bases.contains(base)) {
      return this;
    }
    List<CellBase> more = new ArrayList<>(bases);
    more.add(base);
    return new SiteState(horizon, pauses, more);
  }

  /** The site's facts as the cell calculator takes them (pauses in date order). */
  public SiteFacts facts(String siteId) {
    List<DateRange> ordered = new ArrayList<>(pauses.values());
    ordered.sort(Comparator.comparing(DateRange::first).thenComparing(DateRange::last));
    return new SiteFacts(siteId, horizon, ordered);
  }
}
