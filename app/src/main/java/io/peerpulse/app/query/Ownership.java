package io.peerpulse.app.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Who holds which partitions of the published store, as Kafka Streams' metadata says now.
 *
 * @param partitionCount partitions of {@code peerpulse.indicators.v1}, hence of the store
 * @param partitionsByHost the active store partitions of each instance, by its {@code application.server}
 */
record Ownership(int partitionCount, Map<HostInfo, Set<Integer>> partitionsByHost) {

  Ownership {
    Map<HostInfo, Set<Integer>> copy = new LinkedHashMap<>();
    partitionsByHost.forEach((host, partitions) -> copy.put(host, Set.copyOf(partitions)));
    partitionsByHost = Collections.unmodifiableMap(copy);
  }

  /** Partitions {@code 0 .. partitionCount-1} that no instance holds, in order. */
  Set<Integer> unowned() {
    Set<Integer> missing = new TreeSet<>();
    for (int partition = 0; partition < partitionCount; partition++) {
      missing.add(partition);
    }
    partitionsByHost.values().forEach(missing::removeAll);
    return missing;
  }
}
