package io.peerpulse.streams.topology;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.indicator.LateCorrection;
import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.serde.InternalSerdes;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Stage 7, status and revision:
 * <pre>
 * exact rows ─► revise-&lt;kind&gt;-indicator (&lt;kind&gt;-revision-store)
 *   ├─► &lt;kind&gt;-indicator-values ─► peerpulse.indicators-internal.v1 (sink write-&lt;kind&gt;-indicators)
 *   └─► &lt;kind&gt;-late-corrections ─► peerpulse.late-corrections.v1 (sink write-&lt;kind&gt;-late-corrections)
 * </pre>
 * A late correction is written for every change to a row that was FINAL (the same changes that
 * increase {@code revision}).
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
    Topic<IndicatorKey, LateCorrection> corrections = topics.lateCorrections();
    String store = storeName(kind);
    KStream<IndicatorKey, Revised> revised = rows.process(
        Suppliers.keyed(() -> new ReviseIndicator(store, settings.engine().definitionVersion()),
            Suppliers.store(store, InternalSerdes.REVISION_STATE, settings)),
        Named.as("revise-" + kind + "-indicator"));
    revised
        .filterNot((key, change) -> change.isCorrection(), Named.as(kind + "-indicator-values"))
        .mapValues(Revised::value, Named.as(kind + "-indicator-value"))
        .to(out.name(), out.produced("write-" + kind + "-indicators"));
    revised
        .filter((key, change) -> change.isCorrection(), Named.as(kind + "-late-corrections"))
        .mapValues(Revised::correction, Named.as(kind + "-late-correction"))
        .to(corrections.name(), corrections.produced("write-" + kind + "-late-corrections"));
  }
}
