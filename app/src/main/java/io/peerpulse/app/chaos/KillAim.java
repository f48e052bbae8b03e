package io.peerpulse.app.chaos;

import io.peerpulse.mapping.DeadLetterHeaders;
import io.peerpulse.mapping.Reason;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.topics.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Aims kills at the moment that matters: after the application has written something for an
 * input record and before it has committed that record's offset. It watches the dead-letter topic
 * read_uncommitted for dead letters of the intake (written by the sub-topology that reads the
 * events topic) whose source offset is still at or beyond the group's committed offset on that
 * partition, and names the instance that owns the partition (from the group's assignment; the
 * instances are static members). Killed then, the instance must process that record again after
 * its restart: under exactly-once the first attempt's transaction is aborted and the dead letter
 * appears once; under at-least-once it appears twice, which {@link DeadLetterAudit} reports.
 */
final class KillAim implements AutoCloseable {

  /** Dead letters written after the events topic was read, in another sub-topology: not aimed at. */
  private static final Set<String> LATER_STAGES = Set.of(Reason.DUPLICATE_CONFLICT.name(), Reason.ORPHAN_VOID.name());
  private static final int REMEMBERED = 200;

  /**
   * An input record with a dead letter written for it at {@code writtenAt} (epoch ms: the broker's
   * append time, the dead-letter topic has {@code message.timestamp.type=LogAppendTime}).
   */
  record Target(int partition, long offset, long writtenAt) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Admin admin;
  private final String groupId;
  private final Deque<Target> recent = new ArrayDeque<>();

  KillAim(String bootstrapServers, Admin admin, String groupId) {
    this.admin = admin;
    this.groupId = groupId;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, "peerpulse-chaos-aim"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS_DLQ).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
  }

  /**
   * An uncommitted target and the group instance id of its owner, if there is one now.
   *
   * @param candidates the configured group instance ids of the instances that may be killed now
   *     (ready ones), each with when its process was started (epoch ms): only a dead letter written
   *     since then counts, one its current process wrote, so killing it now makes the record be
   *     processed once more (an older one, from before its last kill, it may not have processed
   *     again yet)
   */
  Optional<Aimed> aim(Map<String, Long> candidates) throws InterruptedException {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
      if (DeadLetters.text(record.headers(), DeadLetterHeaders.SOURCE_NAME) != null
          || LATER_STAGES.contains(DeadLetters.text(record.headers(), DeadLetters.REASON))) {
        continue; // the ingest's, or written downstream of the events topic
      }
      String partition = DeadLetters.text(record.headers(), DeadLetters.SOURCE_PARTITION);
      String offset = DeadLetters.text(record.headers(), DeadLetters.SOURCE_OFFSET);
      if (partition != null && offset != null) {
        recent.addLast(new Target(Integer.parseInt(partition), Long.parseLong(offset), record.timestamp()));
        if (recent.size() > REMEMBERED) {
          recent.removeFirst();
        }
      }
    }
    if (recent.isEmpty()) {
      return Optional.empty();
    }
    Optional<Map<TopicPartition, OffsetAndMetadata>> known = committed();
    if (known.isEmpty()) {
      return Optional.empty();
    }
    Map<TopicPartition, OffsetAndMetadata> committed = known.get();
    for (Iterator<Target> it = recent.descendingIterator(); it.hasNext(); ) {
      Target target = it.next();
      if (!isUncommitted(target, committed)) {
        it.remove(); // committed now, and so forever
        continue;
      }
      Optional<String> owner = ownerOf(target.partition());
      if (owner.isPresent()) {
        for (Map.Entry<String, Long> entry : candidates.entrySet()) {
          String candidate = entry.getKey();
          // Kafka Streams gives each stream thread's consumer the instance id plus "-<thread>".
          boolean owns = owner.get().equals(candidate) || owner.get().startsWith(candidate + "-");
          if (owns && target.writtenAt() > entry.getValue()) {
            return Optional.of(new Aimed(target, candidate));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A target and the group instance id of the instance that owns its partition. */
  record Aimed(Target target, String groupInstanceId) {}

  /** Whether the group still has not committed past {@code target} (asked again after the kill, to confirm the aim). */
  boolean isUncommitted(Target target) throws InterruptedException {
    Optional<Map<TopicPartition, OffsetAndMetadata>> committed = committed();
    return committed.isPresent() && isUncommitted(target, committed.get());
  }

  private static boolean isUncommitted(Target target, Map<TopicPartition, OffsetAndMetadata> committed) {
    OffsetAndMetadata offset = committed.get(new TopicPartition(Topics.EVENTS, target.partition()));
    return offset == null || offset.offset() <= target.offset();
  }

  /** The group's committed offsets, or empty when the cluster does not answer (then nothing is aimed at). */
  private Optional<Map<TopicPartition, OffsetAndMetadata>> committed() throws InterruptedException {
    try {
      return Optional.of(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    }
  }

  private Optional<String> ownerOf(int partition) throws InterruptedException {
    TopicPartition input = new TopicPartition(Topics.EVENTS, partition);
    try {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
          .get(10, TimeUnit.SECONDS);
      for (MemberDescription member : group.members()) {
        if (member.assignment().topicPartitions().contains(input) && member.groupInstanceId().isPresent()) {
          return member.groupInstanceId();
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      // the group is rebalancing: no owner to aim at now
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
