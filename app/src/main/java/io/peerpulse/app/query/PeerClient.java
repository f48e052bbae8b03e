package io.peerpulse.app.query;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another instance for its store partitions ({@code GET /v1/internal/indicators}; a fake in tests). */
interface PeerClient {

  /**
   * The rows of {@code partitions} on {@code peer} that {@code filter} matches; completes
   * exceptionally with a {@link PartitionsUnavailableException} when the peer cannot answer all of
   * them (unreachable, timed out, not owning one, any non-200 answer).
   */
  CompletableFuture<IndicatorJson.PartitionAnswer> fetch(HostInfo peer, Set<Integer> partitions, IndicatorFilter filter);
}
