package io.peerpulse.app.export;

import io.peerpulse.app.query.IndicatorFilter;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.compute.IndicatorRow;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the published topic ({@code peerpulse.indicators.v1}) as a table: from the beginning of
 * every partition to the end offsets taken when reading starts, {@code read_committed} (the streams
 * application writes it in transactions), the latest value per key, tombstones deleting. Records
 * written after the start are left for the next export, so the table is the topic as of one moment
 * per partition. The topic is compacted, so reading it costs about one record per key, plus
 * whatever the cleaner has not compacted yet.
 *
 * <p>Only keys the filter matches are kept: memory grows with the exported rows, not the topic.
 */
public final class PublishedTopicReader {

  /** How a read went. */
  public record Result(List<IndicatorRow> rows, long recordsRead, int partitions) {}

  /** Told about progress after every poll. */
  public interface Progress {
    /**
     * @param recordsRead records read so far
     * @param offsetsDone offsets consumed so far, summed over partitions (records, compacted gaps, markers)
     * @param offsetsTotal offsets to consume in all
     */
    void update(long recordsRead, long offsetsDone, long offsetsTotal);
  }

  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> consumerConfig;
  private final Topic<IndicatorKey, IndicatorValue> topic;
  private final Duration timeout;

  /**
   * @param consumerConfig {@code bootstrap.servers} and any other consumer keys (security); the
   *     deserializers, group and isolation settings are set here
   * @param registryConfig the serde keys ({@code schema.registry.url}, ...)
   * @param timeout how long Kafka may take to answer any one request, and to deliver the next
   *     records while some are still due
   */
  public PublishedTopicReader(Map<String, ?> consumerConfig, Map<String, ?> registryConfig, Duration timeout) {
    this(consumerConfig, Topics.of(registryConfig).indicators(), timeout);
  }

  /**
   * Reads another topic of indicator rows the same way: the reliability campaign reads the
   * internal topic ({@code Topics.of(registryConfig).indicatorsInternal()}) with it.
   */
  public PublishedTopicReader(Map<String, ?> consumerConfig, Topic<IndicatorKey, IndicatorValue> topic, Duration timeout) {
    this.consumerConfig = new HashMap<>(consumerConfig);
    this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.consumerConfig.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "peerpulse-export");
    this.consumerConfig.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG); // partitions are assigned, no offsets committed
    this.topic = Objects.requireNonNull(topic, "topic");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * @throws ExportException when Kafka cannot be reached within the timeout, the topic is missing,
   *     or a record cannot be decoded (naming its partition and offset)
   */
  public Result read(IndicatorFilter filter, Progress progress) throws ExportException {
    String servers = String.valueOf(consumerConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, servers);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout); // read_committed: the last stable offsets
      long total = 0;
      for (TopicPartition partition : partitions) {
        total += end.get(partition) - begin.get(partition);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<IndicatorKey, IndicatorRow> table = new HashMap<>();
      long records = 0;
      List<TopicPartition> due = new ArrayList<>(partitions);
      due.removeIf(p -> begin.get(p) >= end.get(p));
      consumer.pause(partitions.stream().filter(p -> !due.contains(p)).toList());
      long lastProgress = System.nanoTime();
      progress.update(0, 0, total);
      while (!due.isEmpty()) {
        int polled = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= end.get(partition)) {
            continue; // written after the export started
          }
          polled++;
          apply(table, record, filter);
        }
        records += polled;
        long done = 0;
        for (TopicPartition partition : partitions) {
          long position = due.contains(partition) ? Math.min(consumer.position(partition), end.get(partition)) : end.get(partition);
          done += position - begin.get(partition);
        }
        List<TopicPartition> finished = due.stream().filter(p -> consumer.position(p) >= end.get(p)).toList();
        if (!finished.isEmpty()) {
          consumer.pause(finished);
          due.removeAll(finished);
        }
        if (polled > 0 || !finished.isEmpty()) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
          throw new ExportException("no records from " + servers + " for " + timeout.toSeconds() + " s while " + due.size()
              + " partition(s) of " + topic.name() + " still have records to read (--bootstrap-servers, --timeout)");
        }
        progress.update(records, done, total);
      }
      List<IndicatorRow> rows = new ArrayList<>(table.values());
      rows.sort(IndicatorRow.CSV_ORDER);
      return new Result(rows, records, partitions.size());
    } catch (TimeoutException e) {
      throw new ExportException("Kafka at " + servers + " did not answer within " + timeout.toSeconds()
          + " s (--bootstrap-servers, --timeout): " + e.getMessage(), e);
    } catch (KafkaException e) {
      throw new ExportException("reading " + topic.name() + " from " + servers + " failed: " + e.getMessage(), e);
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String servers) throws ExportException {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic.name(), timeout);
    } catch (TimeoutException e) {
      throw new ExportException("cannot reach Kafka at " + servers + " within " + timeout.toSeconds()
          + " s (--bootstrap-servers, --timeout)", e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new ExportException("topic " + topic.name() + " does not exist on " + servers
          + " (create the topics with peerpulse topics and run the streams application)");
    }
    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
  }

  /** Upserts or deletes one record's key in the table, if the filter wants it. */
  private void apply(Map<IndicatorKey, IndicatorRow> table, ConsumerRecord<byte[], byte[]> record, IndicatorFilter filter)
      throws ExportException {
    if (record.key() == null) {
      return; // the streams application never writes one; nothing to key a row by
    }
    IndicatorKey key = decode(topic.keySerde().deserializer(), record, record.key(), "key");
    if (!filter.matches(key)) {
      return;
    }
    if (record.value() == null) {
      table.remove(key);
    } else {
      table.put(key, IndicatorRow.of(key, decode(topic.valueSerde().deserializer(), record, record.value(), "value")));
    }
  }

  private <T> T decode(Deserializer<T> deserializer, ConsumerRecord<?, ?> record, byte[] bytes, String part)
      throws ExportException {
    try {
      return deserializer.deserialize(record.topic(), record.headers(), bytes);
    } catch (RuntimeException e) {
      throw new ExportException("the " + part + " of the record at partition " + record.partition() + ", offset "
          + record.offset() + " of " + topic.name() + " cannot be decoded (is the schema registry reachable?"
          + " --schema-registry-url): " + e.getMessage(), e);
    }
  }
}
