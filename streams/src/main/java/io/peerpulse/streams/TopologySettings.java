package io.peerpulse.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the topology needs to be built: rule settings, the serde settings of the Avro topics and the
 * shape of internal topics and punctuation. {@link StreamsAppConfig} reads them from properties.
 *
 * @param engine indicator rule settings
 * @param registryConfig Avro serde settings, Confluent keys ({@code schema.registry.url}, ...)
 * @param repartitionPartitions partition count of every repartition topic the topology names: equal
 *     everywhere so that member changes and site facts are co-partitioned
 * @param cellsFlushInterval wall-clock interval of the site-cells punctuation
 * @param cellsFlushMaxCells cells recomputed per punctuation at most (per task)
 * @param changelogs whether stores are changelogged: always in an application; the offline compute
 *     turns them off (no broker to restore from, and writing them is most of its cost)
 * @param inMemoryStores whether stores are kept in memory instead of RocksDB: never in an
 *     application (state must survive and may exceed memory); the offline compute uses them by
 *     default, because TopologyTestDriver commits every store after every record and RocksDB makes
 *     that commit cost half of the run
 */
public record TopologySettings(EngineConfig engine, Map<String, Object> registryConfig, int repartitionPartitions,
    Duration cellsFlushInterval, int cellsFlushMaxCells, boolean changelogs, boolean inMemoryStores) {

  public static final int DEFAULT_REPARTITION_PARTITIONS = 6;
  public static final Duration DEFAULT_CELLS_FLUSH_INTERVAL = Duration.ofMillis(1000);
  public static final int DEFAULT_CELLS_FLUSH_MAX_CELLS = 5000;

  public TopologySettings {
    Objects.requireNonNull(engine, "engine");
    registryConfig = Map.copyOf(registryConfig);
    require(registryConfig.containsKey("schema.registry.url"), "schema.registry.url", null, "a registry URL");
    require(repartitionPartitions >= 1, StreamsAppConfig.REPARTITION_PARTITIONS, repartitionPartitions, "an integer >= 1");
    require(cellsFlushInterval != null && cellsFlushInterval.toMillis() >= 1, StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS,
        cellsFlushInterval, "a duration >= 1 ms");
    require(cellsFlushMaxCells >= 1, StreamsAppConfig.CELLS_FLUSH_MAX_CELLS, cellsFlushMaxCells, "an integer >= 1");
  }

  /** Settings with persistent (RocksDB) stores. */
  public TopologySettings(EngineConfig engine, Map<String, Object> registryConfig, int repartitionPartitions,
      Duration cellsFlushInterval, int cellsFlushMaxCells, boolean changelogs) {
    this(engine, registryConfig, repartitionPartitions, cellsFlushInterval, cellsFlushMaxCells, changelogs, false);
  }

  /** Defaults with the given registry URL ({@code mock://scope} in tests). */
  public static TopologySettings defaults(String registryUrl) {
    return new TopologySettings(EngineConfig.DEFAULTS, Map.of("schema.registry.url", registryUrl),
        DEFAULT_REPARTITION_PARTITIONS, DEFAULT_CELLS_FLUSH_INTERVAL, DEFAULT_CELLS_FLUSH_MAX_CELLS, true);
  }

  public TopologySettings withEngine(EngineConfig changed) {
    return new TopologySettings(changed, registryConfig, repartitionPartitions, cellsFlushInterval, cellsFlushMaxCells,
        changelogs, inMemoryStores);
  }

  private static void require(boolean ok, String key, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": expected " + expected + ", got " + value);
    }
  }
}
