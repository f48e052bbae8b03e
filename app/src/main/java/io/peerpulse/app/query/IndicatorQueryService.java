package io.peerpulse.app.query;

import io.peerpulse.streams.compute.IndicatorRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers an indicator query for the whole published table from whichever instances hold it.
 *
 * <p>One attempt: read the {@link Ownership} of every store partition; if some partition has no
 * owner, the attempt fails. Otherwise each partition is read exactly once, from one owner: this
 * instance's from its local store, every other instance's over HTTP, all at once. The attempt
 * succeeds only when every partition {@code 0 .. n-1} was read in full; any failure (an instance
 * unreachable or answering 503, a partition migrated away between the metadata and the read, the
 * streams application rebalancing) fails the whole attempt. Failed attempts are retried with
 * backoff for {@link QuerySettings#retryFor()}; after that the query fails with
 * {@link QueryUnavailableException}, so a caller never sees part of the table as if it were all.
 */
public final class IndicatorQueryService {

  private static final Logger LOG = LoggerFactory.getLogger(IndicatorQueryService.class);
  private static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 1000;

  private final PartitionDirectory directory;
  private final LocalPartitions local;
  private final PeerClient peers;
  private final HostInfo self;
  private final QuerySettings settings;

  /**
   * @param self this instance as the others reach it: its {@code application.server}
   */
  IndicatorQueryService(PartitionDirectory directory, LocalPartitions local, PeerClient peers, HostInfo self,
      QuerySettings settings) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.local = Objects.requireNonNull(local, "local");
    this.peers = Objects.requireNonNull(peers, "peers");
    this.self = Objects.requireNonNull(self, "self");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Every published row {@code filter} matches, from all partitions, sorted like the CSV.
   *
   * @throws QueryUnavailableException when no attempt within the retry budget read every partition
   */
  public List<IndicatorRow> query(IndicatorFilter filter) throws QueryUnavailableException, InterruptedException {
    long deadline = System.nanoTime() + settings.retryFor().toNanos();
    long backoff = FIRST_BACKOFF_MS;
    int attempts = 0;
    while (true) {
      attempts++;
      try {
        return attempt(filter);
      } catch (PartitionsUnavailableException e) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left < backoff) {
          LOG.info("Indicator query unavailable after {} attempt(s): {}", attempts, e.getMessage());
          throw new QueryUnavailableException("the published indicators are not completely available right now ("
              + e.getMessage() + "); retry later", settings.retryAfter(), e);
        }
        LOG.debug("Indicator query attempt {} incomplete, retrying in {} ms: {}", attempts, backoff, e.getMessage());
        Thread.sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }

  /**
   * The rows of {@code partitions} of this instance's store ({@code GET /v1/internal/indicators}):
   * all of them or none, no retry (the asking instance retries).
   */
  public List<IndicatorRow> readLocal(Set<Integer> partitions, IndicatorFilter filter) throws PartitionsUnavailableException {
    List<IndicatorRow> rows = new ArrayList<>();
    for (int partition : new TreeSet<>(partitions)) {
      rows.addAll(local.read(partition, filter));
    }
    return rows;
  }

  /** One try at the whole table. */
  List<IndicatorRow> attempt(IndicatorFilter filter) throws PartitionsUnavailableException, InterruptedException {
    Ownership ownership = directory.current();
    Set<Integer> unowned = ownership.unowned();
    if (!unowned.isEmpty()) {
      throw new PartitionsUnavailableException("store partition(s) " + unowned + " of " + ownership.partitionCount()
          + " have no running owner (rebalancing or starting)");
    }
    Map<HostInfo, Set<Integer>> plan = plan(ownership);
    Map<HostInfo, CompletableFuture<IndicatorJson.PartitionAnswer>> asked = new LinkedHashMap<>();
    plan.forEach((host, partitions) -> {
      if (!host.equals(self)) {
        asked.put(host, peers.fetch(host, partitions, filter));
      }
    });
    try {
      List<IndicatorRow> rows = new ArrayList<>(readLocal(plan.getOrDefault(self, Set.of()), filter));
      for (Map.Entry<HostInfo, CompletableFuture<IndicatorJson.PartitionAnswer>> answer : asked.entrySet()) {
        IndicatorJson.PartitionAnswer partitions = await(answer.getKey(), answer.getValue());
        if (!partitions.partitions().equals(plan.get(answer.getKey()))) {
          throw new PartitionsUnavailableException("instance " + endpoint(answer.getKey()) + " answered for partitions "
              + partitions.partitions() + " instead of " + plan.get(answer.getKey()));
        }
        rows.addAll(partitions.rows());
      }
      rows.sort(IndicatorRow.CSV_ORDER);
      return rows;
    } finally {
      asked.values().forEach(future -> future.cancel(true)); // no-ops when done; frees the rest after a failure
    }
  }

  /** Each partition once: from this instance when it holds it, else from its first listed owner. */
  private Map<HostInfo, Set<Integer>> plan(Ownership ownership) {
    Set<Integer> assigned = new HashSet<>();
    Map<HostInfo, Set<Integer>> plan = new LinkedHashMap<>();
    Set<Integer> mine = ownership.partitionsByHost().getOrDefault(self, Set.of());
    if (!mine.isEmpty()) {
      plan.put(self, new TreeSet<>(mine));
      assigned.addAll(mine);
    }
    ownership.partitionsByHost().forEach((host, partitions) -> {
      for (int partition : partitions) {
        if (partition < ownership.partitionCount() && assigned.add(partition)) {
          plan.computeIfAbsent(host, h -> new TreeSet<>()).add(partition);
        }
      }
    });
    return plan;
  }

  private static IndicatorJson.PartitionAnswer await(HostInfo host, CompletableFuture<IndicatorJson.PartitionAnswer> future)
      throws PartitionsUnavailableException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() instanceof CompletionException nested ? nested.getCause() : e.getCause();
      if (cause instanceof PartitionsUnavailableException unavailable) {
        throw unavailable;
      }
      throw new PartitionsUnavailableException("instance " + endpoint(host) + " did not answer: " + cause, cause);
    } catch (CancellationException e) {
      throw new PartitionsUnavailableException("the request to instance " + endpoint(host) + " was cancelled", e);
    }
  }

  /** {@code host:port}, as in {@code application.server}. */
  static String endpoint(HostInfo host) {
    return host.host() + ":" + host.port();
  }
}
