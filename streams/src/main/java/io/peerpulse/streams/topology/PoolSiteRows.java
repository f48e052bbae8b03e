package io.peerpulse.streams.topology;

import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.cells.Totals;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by total group: keeps the site rows under one {@code *} row ({@code total-rows-store}) and
 * emits the pooled row after each change, or null when no site row is left. The site stage sends
 * each site row's new state, so replacing the site's entry is both the adder and the subtractor.
 */
final class PoolSiteRows implements FixedKeyProcessor<String, SiteRowUpdate, SiteRow> {

  private FixedKeyProcessorContext<String, SiteRow> context;
  private KeyValueStore<String, SiteRowSet> totals;

  @Override
  public void init(FixedKeyProcessorContext<String, SiteRow> context) {
    this.context = context;
    this.totals = context.getStateStore(TotalsStage.TOTAL_ROWS_STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, SiteRowUpdate> record) {
    SiteRowSet before = totals.get(record.key());
    SiteRowSet after = (before == null ? SiteRowSet.empty() : before).apply(record.value());
    if (after.isEmpty()) {
      if (before == null) {
        return;
      }
      totals.delete(record.key());
      context.forward(record.withValue(null));
      return;
    }
    totals.put(record.key(), after);
    context.forward(record.withValue(Totals.pool(after.rows())));
  }
}
