package io.peerpulse.streams.topology;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.serde.InternalSerdes;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Stage 7, status and revision: exact rows ─► {@code revise-<kind>-indicator}
 * ({@code <kind>-revision-store}) ─► {@code peerpulse.indicators-internal.v1} (sink
 * {@code write-<kind>-indicators}).
 *
 * <p>Built twice, once for site rows and once for {@code *} rows, each in the sub-topology that
 * produces them: site rows are partitioned by site and totals by total, and bringing both to one
 * processor would cost a repartition of every row for nothing, as revisions are per row.
 * Status comes with the row (decided against the site watermark by the cell calculator).
 */
public final class RevisionStage {

  public static final String SITE = "site";
  public static final String TOTAL = "total";

  private RevisionStage() {}

  public static String storeName(String kind) {
    return kind + "-revision-store";
  }

  /**
   * @param kind {@link #SITE} or {@link #TOTAL}
   * @param rows rows keyed uniquely per row; null values when a row stops existing
   */
  public static void build(String kind, KStream<String, SiteRow> rows, Topics topics, TopologySettings settings) {
    Topic<IndicatorKey, IndicatorValue> out = topics.indicatorsInternal();
    String store = storeName(kind);
    rows.process(Suppliers.keyed(() -> new ReviseIndicator(store, settings.engine().definitionVersion()),
                Suppliers.store(store, InternalSerdes.REVISION_STATE, settings)),
            Named.as("revise-" + kind + "-indicator"))
        .to(out.name(), out.produced("write-" + kind + "-indicators"));
  }
}
