package io.peerpulse.streams.topology;

import io.peerpulse.streams.cells.SiteRow;
import java.util.Collection;
import java.util.Map;
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

  public SiteRowSet with(SiteRow row) {
    SortedMap<String, SiteRow> rows = new TreeMap<>(bySite);
    rows.put(row.cell().base().siteId(), row);
    return new SiteRowSet(rows);
  }

  /** Removes the site's row if it is still {@code row} (an adder may already have replaced it). */
  public SiteRowSet without(SiteRow row) {
    String site = row.cell().base().siteId();
    if (!row.equals(bySite.get(site))) {
      return this;
    }
    SortedMap<String, SiteRow> rows = new TreeMap<>(bySite);
    rows.remove(site);
    return new SiteRowSet(rows);
  }

  public Collection<SiteRow> rows() {
    return bySite.values();
  }

  public boolean isEmpty() {
    return bySite.isEmpty();
  }

  static SiteRowSet of(Map<String, SiteRow> rows) {
    return new SiteRowSet(new TreeMap<>(rows));
  }
}
