package io.peerpulse.streams.publish;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.serde.JsonSerde;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topology.Suppliers;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Publication: exact indicator rows ─► suppressed, rounded rows for evaluators.
 *
 * <pre>
 * peerpulse.indicators-internal.v1 ─► read-exact-indicators ─► key-by-publication-group
 *   ─► [group-for-publication] ─► publish-cell-group (publication-group-store)
 *   ─► write-published-indicators ─► peerpulse.indicators.v1
 * </pre>
 *
 * <p>The internal topic is read as a changelog (its compacted records are upserts, tombstones
 * deletes). Each change is re-keyed to its publication group ({@link PublicationGroupKey}: the
 * {@code *} row's key, or a workload row's own key) and repartitioned, so the site rows of one
 * (indicator, programme, arm, period) and their total meet in one task; {@link PublishCellGroup}
 * keeps the group's exact rows, publishes the group with {@link CellGroupPublisher} and emits only the
 * rows whose published record changed, tombstones for rows that disappeared. The published topic
 * has exactly the keys of the internal one.
 *
 * <p>This is a KTable aggregate with adder and subtractor done by hand, like the totals stage: a
 * change replaces its site's entry in the group. The DSL's {@code table().groupBy().aggregate()} would
 * also keep a copy of the whole internal topic in a source store, and it would give the processor only
 * the new aggregate, while deciding what changed needs the old one.
 *
 * <p>Cost per exact change: one record through the repartition topic, one read and one write of the
 * group in {@code publication-group-store}, two publications of the group (before and after), each
 * linear in its size: the number of sites running the programme and arm, plus the total (one row for
 * workload groups). Output per change: the changed row, plus at most the row secondary suppression
 * moves to or from. State: one entry per group, holding every exact row of the group, so about as
 * many rows as the internal topic. Groups of one indicator and period are spread over tasks by
 * programme and arm.
 */
public final class PublishStage {

  public static final String SOURCE = "read-exact-indicators";
  public static final String KEY_BY_GROUP = "key-by-publication-group";
  /** The repartition topic: {@code <application.id>-group-for-publication-repartition}. */
  public static final String BY_GROUP = "group-for-publication";
  public static final String PUBLISH = "publish-cell-group";
  public static final String GROUP_STORE = "publication-group-store";
  public static final String SINK = "write-published-indicators";

  /** Internal formats: JSON (see {@link io.peerpulse.streams.serde.InternalSerdes}); a change needs a reset. */
  static final Serde<PublicationGroupKey> GROUP_KEY = JsonSerde.of(PublicationGroupKey.class);
  static final Serde<ExactRowChange> ROW_CHANGE = JsonSerde.of(ExactRowChange.class);
  static final Serde<PublicationGroup> GROUP = JsonSerde.of(PublicationGroup.class);

  private PublishStage() {}

  /**
   * Adds the stage to {@code builder}.
   *
   * @param exact the exact indicator topic ({@code peerpulse.indicators-internal.v1}) with its serdes
   * @param published the published topic ({@code peerpulse.indicators.v1}, compacted) with its serdes
   * @param rule the publication rule ({@link SuppressionRule#fromConfig})
   * @param partitions partitions of the {@code group-for-publication} repartition topic
   */
  public static void build(StreamsBuilder builder, Topic<IndicatorKey, IndicatorValue> exact,
      Topic<IndicatorKey, IndicatorValue> published, SuppressionRule rule, int partitions) {
    Objects.requireNonNull(rule, "rule");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: expected an integer >= 1, got " + partitions);
    }
    builder.stream(exact.name(), exact.consumed(SOURCE))
        .filter((key, value) -> key != null, Named.as("skip-keyless-indicators"))
        .map((key, value) -> KeyValue.pair(PublicationGroupKey.of(key),
                new ExactRowChange(key.getSiteId(), value == null ? null : ExactState.of(value))),
            Named.as(KEY_BY_GROUP))
        .repartition(Repartitioned.<PublicationGroupKey, ExactRowChange>as(BY_GROUP)
            .withKeySerde(GROUP_KEY)
            .withValueSerde(ROW_CHANGE)
            .withNumberOfPartitions(partitions))
        .process(publisher(rule), Named.as(PUBLISH))
        .to(published.name(), published.produced(SINK));
  }

  private static ProcessorSupplier<PublicationGroupKey, ExactRowChange, IndicatorKey, IndicatorValue> publisher(
      SuppressionRule rule) {
    StoreBuilder<KeyValueStore<PublicationGroupKey, PublicationGroup>> store =
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(GROUP_STORE), GROUP_KEY, GROUP);
    return Suppliers.keyed(() -> new PublishCellGroup(GROUP_STORE, rule), store);
  }
}
