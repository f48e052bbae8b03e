package io.peerpulse.app.query;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.compute.IndicatorRow;
import io.peerpulse.streams.publish.PublishedStore;
import io.peerpulse.streams.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The published store ({@link PublishedStore#STORE}) of a running {@link KafkaStreams} client:
 * who holds which partition (Kafka Streams metadata, active partitions only) and this instance's
 * own partitions (interactive queries, no stale stores: a standby or restoring copy is never read).
 *
 * <p>The partition count comes from the broker (an {@link Admin} describe of
 * {@code peerpulse.indicators.v1}), not from the metadata it is checked against: a partition that
 * no instance lists is then noticed. It is read once and kept (Kafka Streams does not support
 * adding partitions to an input topic under a running application).
 */
final class StreamsPublishedStore implements PartitionDirectory, LocalPartitions, AutoCloseable {

  private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaStreams streams;
  private final Admin admin;
  private volatile int partitionCount;

  /**
   * @param admin reads the partition count of the published topic; closed with this
   */
  StreamsPublishedStore(KafkaStreams streams, Admin admin) {
    this.streams = streams;
    this.admin = admin;
  }

  @Override
  public Ownership current() throws PartitionsUnavailableException {
    int count = partitionCount();
    Collection<StreamsMetadata> instances;
    try {
      instances = streams.streamsMetadataForStore(PublishedStore.STORE);
    } catch (InvalidStateStoreException | IllegalStateException e) { // not started yet, or stopping / stopped
      throw new PartitionsUnavailableException("the streams application is " + streams.state(), e);
    }
    Map<HostInfo, Set<Integer>> byHost = new LinkedHashMap<>();
    for (StreamsMetadata instance : instances) {
      for (TopicPartition partition : instance.topicPartitions()) {
        if (partition.topic().equals(Topics.INDICATORS)) {
          byHost.computeIfAbsent(instance.hostInfo(), host -> new TreeSet<>()).add(partition.partition());
        }
      }
    }
    return new Ownership(count, byHost);
  }

  @Override
  public List<IndicatorRow> read(int partition, IndicatorFilter filter) throws PartitionsUnavailableException {
    List<IndicatorRow> rows = new ArrayList<>();
    try {
      ReadOnlyKeyValueStore<IndicatorKey, IndicatorValue> store = streams.store(StoreQueryParameters
          .fromNameAndType(PublishedStore.STORE, QueryableStoreTypes.<IndicatorKey, IndicatorValue>keyValueStore())
          .withPartition(partition));
      try (KeyValueIterator<IndicatorKey, IndicatorValue> all = store.all()) {
        while (all.hasNext()) {
          KeyValue<IndicatorKey, IndicatorValue> entry = all.next();
          if (entry.value != null && filter.matches(entry.key)) {
            rows.add(IndicatorRow.of(entry.key, entry.value));
          }
        }
      }
    } catch (InvalidStateStoreException | IllegalStateException e) { // migrated, restoring, rebalancing, stopped
      throw new PartitionsUnavailableException("partition " + partition + " of " + PublishedStore.STORE
          + " is not readable here: " + e.getMessage(), e);
    }
    return rows;
  }

  private int partitionCount() throws PartitionsUnavailableException {
    int known = partitionCount;
    if (known > 0) {
      return known;
    }
    try {
      TopicDescription description = admin.describeTopics(List.of(Topics.INDICATORS),
              new DescribeTopicsOptions().timeoutMs((int) DESCRIBE_TIMEOUT.toMillis()))
          .allTopicNames().get(DESCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(Topics.INDICATORS);
      partitionCount = description.partitions().size();
      return partitionCount;
    } catch (ExecutionException | TimeoutException e) {
      throw new PartitionsUnavailableException("cannot read the partition count of " + Topics.INDICATORS + ": "
          + (e.getCause() == null ? e : e.getCause()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PartitionsUnavailableException("interrupted while reading the partition count of " + Topics.INDICATORS, e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
