package io.peerpulse.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  @Test
  void neverHoldsMoreThanItsCapacity() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(3);
    for (int i = 0; i < 10; i++) {
      cache.put(i, "v" + i);
    }
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get(9)).as("the newest entry is kept").isEqualTo("v9");
  }

  @Test
  void loadsOnceThenServesFromTheCache() {
    BoundedCache<String, Integer> cache = new BoundedCache<>(10);
    AtomicInteger loads = new AtomicInteger();
    assertThat(cache.getOrLoad("a", key -> loads.incrementAndGet())).isEqualTo(1);
    assertThat(cache.getOrLoad("a", key -> loads.incrementAndGet())).isEqualTo(1);
    assertThat(loads).hasValue(1);
    cache.remove("a");
    assertThat(cache.getOrLoad("a", key -> loads.incrementAndGet())).isEqualTo(2);
  }

  @Test
  void replacingAKeyWhenFullEvictsNothing() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(2);
    cache.put(1, "a");
    cache.put(2, "b");
    cache.put(2, "c");
    assertThat(cache.get(1)).isEqualTo("a");
    assertThat(cache.get(2)).isEqualTo("c");
  }
}
