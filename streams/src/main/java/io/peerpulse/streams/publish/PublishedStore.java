package io.peerpulse.streams.publish;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topology.Suppliers;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The published indicators, queryable: {@code peerpulse.indicators.v1} read back into a store.
 *
 * <pre>
 * peerpulse.indicators.v1 ─► read-published-indicators ─► keep-latest-published (published-indicators-store)
 * </pre>
 *
 * <p>The query API ({@code GET /v1/indicators}) answers from this store with interactive queries,
 * so evaluators see exactly what the published topic holds (suppressed values only, never the
 * exact ones of {@code publication-group-store}). A sub-topology of its own whose only source is the
 * published topic, so store partition {@code p} holds exactly the keys of topic partition {@code p}
 * and Kafka Streams' metadata for the topic tells which instance holds which part of the table.
 * Each record replaces its key's value, a tombstone deletes it: the latest record per key, as in the
 * compacted topic. The store is changelogged like every other, so a task that moves restores it.
 *
 * <p>Not {@code builder.table()}: a KTable source checks that a key's record timestamps never go
 * back and warns on every update that does, and published records carry the stream time of the
 * cell they come from, which goes back whenever an older cell is revised after a newer one.
 */
public final class PublishedStore {

  public static final String SOURCE = "read-published-indicators";
  public static final String KEEP_LATEST = "keep-latest-published";
  public static final String STORE = "published-indicators-store";

  private PublishedStore() {}

  /**
   * Adds the store to {@code builder}.
   *
   * @param published the published topic ({@code peerpulse.indicators.v1}) with its serdes
   * @param settings in-memory store and changelog choices ({@link TopologySettings#inMemoryStores()},
   *     {@link TopologySettings#changelogs()})
   */
  public static void build(StreamsBuilder builder, Topic<IndicatorKey, IndicatorValue> published, TopologySettings settings) {
    StoreBuilder<KeyValueStore<IndicatorKey, IndicatorValue>> store = Stores.keyValueStoreBuilder(
        settings.inMemoryStores() ? Stores.inMemoryKeyValueStore(STORE) : Stores.persistentKeyValueStore(STORE),
        published.keySerde(), published.valueSerde());
    builder.stream(published.name(), published.consumed(SOURCE))
        .process(Suppliers.keyed(KeepLatest::new, settings.changelogs() ? store : store.withLoggingDisabled()),
            Named.as(KEEP_LATEST));
  }

  /** Upserts each record's value under its key; a tombstone deletes the key. */
  private static final class KeepLatest implements Processor<IndicatorKey, IndicatorValue, Void, Void> {

    private KeyValueStore<IndicatorKey, IndicatorValue> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<IndicatorKey, IndicatorValue> record) {
      if (record.key() == null) {
        return; // the publish stage never writes one
      }
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }
}
