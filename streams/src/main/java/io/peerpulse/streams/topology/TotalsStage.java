package io.peerpulse.streams.topology;

import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.cells.Totals;
import io.peerpulse.streams.serde.InternalSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 6, totals: the {@code *} row of each (indicator, programme, arm, period) pools the site rows
 * that exist under it ({@link Totals#pool}); it exists while any of them does.
 *
 * <pre>
 * site rows ─► site-rows-table (site-rows-store) ─► groupBy total ─► [site-rows-by-total]
 *   ─► pool-site-rows (total-rows-store: the site rows per total, adder/subtractor)
 *   ─► total-row-sets ─► pool-total-row ─► * rows (key: total group; null when none is left)
 * </pre>
 * Fan-out: one site row change is one subtract and one add on its total; the pool is recomputed
 * over the sites of that total only.
 */
public final class TotalsStage {

  public static final String SITE_ROWS_STORE = "site-rows-store";
  public static final String TOTAL_ROWS_STORE = "total-rows-store";
  public static final String BY_TOTAL = "site-rows-by-total";

  private TotalsStage() {}

  /** @return {@code *} rows keyed by {@link CellKeys#totalGroup}; null when a total stops existing */
  public static KStream<String, SiteRow> build(KStream<String, SiteRow> siteRows) {
    return siteRows
        .toTable(Named.as("site-rows-table"),
            Materialized.<String, SiteRow, KeyValueStore<Bytes, byte[]>>as(SITE_ROWS_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(InternalSerdes.SITE_ROW))
        .groupBy((key, row) -> KeyValue.pair(CellKeys.totalGroup(row.indicator(), row.cell()), row),
            Grouped.with(BY_TOTAL, Serdes.String(), InternalSerdes.SITE_ROW))
        .aggregate(SiteRowSet::empty,
            (total, row, set) -> set.with(row),
            (total, row, set) -> set.without(row),
            Named.as("pool-site-rows"),
            Materialized.<String, SiteRowSet, KeyValueStore<Bytes, byte[]>>as(TOTAL_ROWS_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(InternalSerdes.SITE_ROW_SET))
        .toStream(Named.as("total-row-sets"))
        .mapValues(set -> set == null || set.isEmpty() ? null : Totals.pool(set.rows()), Named.as("pool-total-row"));
  }
}
