package io.peerpulse.app.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * When a Kafka Streams application has processed everything: its consumer group has committed,
 * on every partition of every topic it reads (the input and its own repartition topics), the last
 * stable offset, and nothing moved for {@link #STABLE}.
 *
 * <p>A committed offset may trail the end by one: the end counts the marker that closed the last
 * transaction, which is not a record. A record truly left over would be processed and committed
 * within a commit interval, so "lag of at most one, and no offset moved for longer than a commit
 * interval" is caught up. The time reported is when that state was first seen.
 */
public final class CatchUp {

  /** Longer than the longest commit interval benchmarked (1 s under at-least-once). */
  static final Duration STABLE = Duration.ofMillis(1_500);
  private static final long POLL_MILLIS = 100;

  private CatchUp() {}

  /**
   * Waits until {@code groupId} has caught up on {@code topics}.
   *
   * @return nanoTime when the caught-up state was first seen
   * @throws IllegalStateException after {@code timeout}, with the remaining lag
   */
  public static long await(Admin admin, String groupId, Collection<String> topics, Duration timeout, Runnable onPoll)
      throws InterruptedException {
    Set<TopicPartition> partitions = null;
    long deadline = System.nanoTime() + timeout.toNanos();
    long firstSeen = -1;
    Map<TopicPartition, Long> seenCommitted = Map.of();
    Map<TopicPartition, Long> seenEnds = Map.of();
    long lag = -1;
    while (System.nanoTime() < deadline) {
      onPoll.run();
      if (partitions == null) {
        partitions = existingPartitions(admin, topics); // the application creates its repartition topics on start
        if (partitions == null) {
          Thread.sleep(POLL_MILLIS);
          continue;
        }
      }
      Map<TopicPartition, Long> committed = committed(admin, groupId, partitions);
      Map<TopicPartition, Long> ends = stableEnds(admin, partitions);
      lag = 0;
      boolean caughtUp = true;
      for (TopicPartition partition : partitions) {
        long behind = ends.get(partition) - committed.getOrDefault(partition, 0L);
        lag += Math.max(0, behind);
        caughtUp &= behind <= 1;
      }
      if (!caughtUp) {
        firstSeen = -1;
      } else if (firstSeen < 0 || !committed.equals(seenCommitted) || !ends.equals(seenEnds)) {
        firstSeen = System.nanoTime();
        seenCommitted = committed;
        seenEnds = ends;
      } else if (System.nanoTime() - firstSeen >= STABLE.toNanos()) {
        return firstSeen;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IllegalStateException("group " + groupId + " did not catch up within " + timeout.toSeconds()
        + " s; " + lag + " records behind on " + topics);
  }

  /** The partitions of {@code topics}, or null while one of them does not exist yet. */
  private static Set<TopicPartition> existingPartitions(Admin admin, Collection<String> topics) throws InterruptedException {
    try {
      if (!admin.listTopics().names().get().containsAll(topics)) {
        return null;
      }
    } catch (ExecutionException e) {
      return null;
    }
    return partitionsOf(admin, topics);
  }

  public static Set<TopicPartition> partitionsOf(Admin admin, Collection<String> topics) {
    try {
      Set<TopicPartition> partitions = new HashSet<>();
      for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
        topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
      }
      return partitions;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe " + topics + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Map<TopicPartition, Long> committed(Admin admin, String groupId, Set<TopicPartition> partitions)
      throws InterruptedException {
    try {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      for (Map.Entry<TopicPartition, OffsetAndMetadata> entry
          : admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet()) {
        if (partitions.contains(entry.getKey()) && entry.getValue() != null) {
          offsets.put(entry.getKey(), entry.getValue().offset());
        }
      }
      return offsets;
    } catch (ExecutionException e) {
      return Map.of(); // the group does not exist yet
    }
  }

  public static Map<TopicPartition, Long> stableEnds(Admin admin, Set<TopicPartition> partitions) throws InterruptedException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
    try {
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
          .forEach((partition, info) -> ends.put(partition, info.offset()));
      return ends;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read end offsets: " + e.getCause().getMessage(), e);
    }
  }
}
