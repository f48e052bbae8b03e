package io.peerpulse.streams.topology;

import io.peerpulse.streams.TopologySettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Processor suppliers that declare their own stores, so a stage's wiring shows what it keeps. Stores
 * keep their declaration order, which keeps {@code describe()} stable across runs.
 */
public final class Suppliers {

  private Suppliers() {}

  /**
   * A key-value store with String keys: persistent (RocksDB) unless {@code settings.inMemoryStores()},
   * changelogged unless {@code settings.changelogs()} is false (the offline compute, which has no
   * broker to restore from).
   */
  public static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde, TopologySettings settings) {
    StoreBuilder<KeyValueStore<String, V>> builder = Stores.keyValueStoreBuilder(
        settings.inMemoryStores() ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name),
        Serdes.String(), valueSerde);
    return settings.changelogs() ? builder : builder.withLoggingDisabled();
  }

  public static <K, V, O> FixedKeyProcessorSupplier<K, V, O> fixedKey(
      Supplier<FixedKeyProcessor<K, V, O>> processor, StoreBuilder<?>... stores) {
    Set<StoreBuilder<?>> declared = new LinkedHashSet<>(List.of(stores));
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<K, V, O> get() {
        return processor.get();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return declared;
      }
    };
  }

  public static <K, V, KO, VO> ProcessorSupplier<K, V, KO, VO> keyed(
      Supplier<Processor<K, V, KO, VO>> processor, StoreBuilder<?>... stores) {
    Set<StoreBuilder<?>> declared = new LinkedHashSet<>(List.of(stores));
    return new ProcessorSupplier<>() {
      @Override
      public Processor<K, V, KO, VO> get() {
        return processor.get();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return declared;
      }
    };
  }
}
