package io.peerpulse.streams.topology;

import io.peerpulse.streams.cells.SiteRow;
import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/** The site rows under one {@code *} row, by site (the totals aggregate; sorted for determinism). */
public record SiteRowSet(SortedMap<String, SiteRow> bySite) {

  public SiteRowSet {
    bySite = new TreeMap<>(bySite);
  }

  public static SiteRowSet empty() {
    return new SiteRowSet(new TreeMap<>());
  }

  /** The set with the site's row replaced ({@code row} set) or removed ({@code row} null). */
  public SiteRowSet apply(SiteRowUpdate update) {
    SortedMap<String, SiteRow> rows = new TreeMap<>(bySite);
    if (update.row() == null) {
      rows.remove(update.siteId());
    } else {
      rows.put(update.siteId(), update.row());
    }
    return new SiteRowSet(rows);
  }

  public Collection<SiteRow> rows() {
    return bySite.values();
  }

  public boolean isEmpty() {
    return bySite.isEmpty();
  }
}
