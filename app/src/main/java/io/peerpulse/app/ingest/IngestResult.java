package io.peerpulse.app.ingest;

import io.peerpulse.mapping.Reason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The per-row results of one ingest request, in input order. */
public record IngestResult(List<RowResult> rows) {

  public IngestResult {
    rows = List.copyOf(rows);
  }

  public long accepted() {
    return rows.stream().filter(RowResult::isAccepted).count();
  }

  public long rejected() {
    return rows.size() - accepted();
  }

  /** Rejected rows counted by reason, in the order of {@link Reason}. */
  public Map<Reason, Long> rejectedByReason() {
    Map<Reason, Long> counts = new EnumMap<>(Reason.class);
    rows.stream().filter(row -> !row.isAccepted()).forEach(row -> counts.merge(row.reason(), 1L, Long::sum));
    return counts;
  }
}
