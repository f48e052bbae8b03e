package io.peerpulse.streams.publish;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The exact rows of one publication group by site, sorted (the stored state of a group). */
record PublicationGroup(SortedMap<String, ExactState> rows) {

  static final PublicationGroup EMPTY = new PublicationGroup(new TreeMap<>());

  PublicationGroup {
    rows = Collections.unmodifiableSortedMap(new TreeMap<>(rows));
  }

  /** This group with {@code site}'s row replaced by {@code exact}, or removed when it is null. */
  PublicationGroup with(String site, ExactState exact) {
    TreeMap<String, ExactState> changed = new TreeMap<>(rows);
    if (exact == null) {
      changed.remove(site);
    } else {
      changed.put(site, exact);
    }
    return new PublicationGroup(changed);
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  List<ExactRow> exactRows() {
    List<ExactRow> out = new ArrayList<>(rows.size());
    for (Map.Entry<String, ExactState> entry : rows.entrySet()) {
      out.add(entry.getValue().row(entry.getKey()));
    }
    return out;
  }
}
