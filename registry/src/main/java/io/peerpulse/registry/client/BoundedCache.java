package io.peerpulse.registry.client;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent map that never holds more than {@code capacity} entries. Reads are lock-free,
 * which matters because the serdes consult it for every record. When full, an arbitrary entry
 * makes room: the bound is a guard against unbounded growth (a producer that generates schemas
 * on the fly), not a hit-rate optimisation, so precise LRU order is not worth a lock. Shared by
 * the clients and the serdes.
 */
public final class BoundedCache<K, V> {

  private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
  private final int capacity;

  public BoundedCache(int capacity) {
    this.capacity = capacity;
  }

  public V get(K key) {
    return map.get(key);
  }

  public void put(K key, V value) {
    if (map.size() >= capacity && !map.containsKey(key)) {
      Iterator<K> keys = map.keySet().iterator();
      if (keys.hasNext()) {
        map.remove(keys.next());
      }
    }
    map.put(key, value);
  }

  /**
   * The cached value, or {@code loader}'s result cached. The loader runs outside any lock (it
   * may be an HTTP call); two threads racing may both load, which is harmless because every
   * loader here is an idempotent read of immutable registry data.
   */
  public V getOrLoad(K key, Function<K, V> loader) {
    V value = map.get(key);
    if (value == null) {
      value = loader.apply(key);
      put(key, value);
    }
    return value;
  }

  public void remove(K key) {
    map.remove(key);
  }

  public int size() {
    return map.size();
  }
}
