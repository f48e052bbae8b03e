package io.peerpulse.streams.topology;

import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.cells.Totals;
import io.peerpulse.streams.serde.InternalSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Stage 6, totals: the {@code *} row of each (indicator, programme, arm, period) pools the site rows
 * that exist under it ({@link Totals#pool}); it exists while any of them does.
 *
 * <pre>
 * site rows ─► keep-pooled-indicators ─► key-by-total ─► [site-rows-by-total]
 *     ─► pool-site-rows (total-rows-store) ─► * rows
 * </pre>
 * Workload rows are per site only ("workload has no `*` rows", spec/indicators.md; the reference's
 * {@code 90_rows_and_totals.sql} pools only family PERSON): {@code keep-pooled-indicators} drops them
 * (and their tombstones, by the indicator in the key) before the repartition.
 *
 * <p>This is a KTable aggregate with adder and subtractor done by hand, on purpose: the DSL's
 * {@code toTable().groupBy().aggregate()} would first repartition every site row by its own key (the
 * site stage changes the key, so Streams must assume the table is not partitioned by it) and keep a
 * second copy of the rows the site stage already keeps. Here every site row change goes through one
 * repartition, as its new state for its site: replacing the site's entry subtracts the old row and
 * adds the new one. Fan-out: one site row change, one pool over the sites of its total.
 */
public final class TotalsStage {

  public static final String TOTAL_ROWS_STORE = "total-rows-store";
  public static final String BY_TOTAL = "site-rows-by-total";

  private TotalsStage() {}

  /** @return {@code *} rows keyed by {@link CellKeys#totalGroup}; null when a total stops existing */
  public static KStream<String, SiteRow> build(KStream<String, SiteRow> siteRows, TopologySettings settings) {
    return siteRows
        .filter((rowKey, row) -> CellKeys.indicatorOfSiteRow(rowKey).hasTotals(), Named.as("keep-pooled-indicators"))
        .map((rowKey, row) -> KeyValue.pair(totalGroupOf(rowKey), new SiteRowUpdate(siteOf(rowKey), row)),
            Named.as("key-by-total"))
        .repartition(Repartitioned.<String, SiteRowUpdate>as(BY_TOTAL)
            .withKeySerde(Serdes.String())
            .withValueSerde(InternalSerdes.SITE_ROW_UPDATE)
            .withNumberOfPartitions(settings.repartitionPartitions()))
        .processValues(Suppliers.fixedKey(PoolSiteRows::new,
            Suppliers.store(TOTAL_ROWS_STORE, InternalSerdes.SITE_ROW_SET, settings)), Named.as("pool-site-rows"));
  }

  private static String totalGroupOf(String siteRowKey) {
    return CellKeys.totalGroupOfSiteRow(siteRowKey);
  }

  private static String siteOf(String siteRowKey) {
    return CellKeys.siteOfSiteRow(siteRowKey);
  }
}
