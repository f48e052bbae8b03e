package io.peerpulse.registry.core;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry log on a compacted, single-partition Kafka topic ({@code _schemas} by default) in
 * Confluent's record format (see {@link StoreCodec}), so the registry survives restarts and any
 * number of instances on one topic converge on the same state.
 *
 * <p>One partition gives one total order that every instance replays identically; compaction
 * keeps the last record per key, which is why {@link SchemaRegistry} repairs keys it loses.
 * A dedicated reader thread (plain assignment, no consumer group) applies records; writes go
 * through an idempotent {@code acks=all} producer and return only once the reader has applied
 * them (read-your-writes). {@link #sync()} asks the broker for the log end and waits for the
 * reader to reach it, so a writer decides on the latest state.
 */
public final class KafkaSchemaStore implements SchemaStore {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String topic;
  private final TopicPartition partition;
  private final Duration timeout;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Object progress = new Object();
  private long appliedUpTo; // next offset the reader will apply; guarded by progress
  private volatile boolean running;
  private Thread reader;
  private Listener listener;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param topic the log topic, created compacted with one partition if missing
   * @param clientOverrides extra client settings (security etc.) for admin, producer, consumer
   * @param timeout how long a start, write or sync may wait for Kafka
   */
  public KafkaSchemaStore(String bootstrapServers, String topic,
      Map<String, Object> clientOverrides, Duration timeout) {
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.timeout = timeout;
    Map<String, Object> common = new HashMap<>(clientOverrides);
    common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(common);

    Map<String, Object> producerProps = new HashMap<>(common);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        (int) Math.min(timeout.toMillis(), 30_000));
    this.producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
        new ByteArraySerializer());

    Map<String, Object> consumerProps = new HashMap<>(common);
    consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG); // assignment, not a group
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Topic-level settings for a newly created log topic. */
  static Map<String, String> topicConfig() {
    return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  @Override
  public void start(Listener newListener) {
    if (listener != null) {
      throw new IllegalStateException("store already started");
    }
    listener = newListener;
    ensureTopic();
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    long end = logEnd();
    long deadline = System.nanoTime() + timeout.toNanos();
    // Replay on the caller's thread: the registry must not serve before it has read everything.
    while (consumer.position(partition) < end) {
      if (System.nanoTime() > deadline) {
        throw RegistryException.timeout("Reading topic '" + topic + "' to offset " + end
            + " took longer than " + timeout, null);
      }
      applyBatch(consumer.poll(POLL));
    }
    markApplied(consumer.position(partition));
    running = true;
    reader = new Thread(this::readLoop, "schema-store-reader-" + topic);
    reader.setDaemon(true);
    reader.start();
    LOG.info("Schema store on topic {} replayed up to offset {}", topic, end);
  }

  private void ensureTopic() {
    try {
      Optional<TopicDescription> existing = describeTopic();
      if (existing.isEmpty()) {
        int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .size();
        short replication = (short) Math.max(1, Math.min(3, brokers));
        NewTopic newTopic = new NewTopic(topic, 1, replication).configs(topicConfig());
        try {
          admin.createTopics(List.of(newTopic)).all()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          LOG.info("Created schema topic {} (compacted, 1 partition, replication {})", topic,
              replication);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e; // another instance may have created it meanwhile: that is fine
          }
        }
        return;
      }
      int partitions = existing.get().partitions().size();
      if (partitions != 1) {
        throw RegistryException.storeError("Schema topic '" + topic + "' has " + partitions
            + " partitions; expected exactly 1 so every instance reads one order", null);
      }
      warnIfNotCompacted();
    } catch (ExecutionException | TimeoutException e) {
      throw RegistryException.storeError("Cannot create or describe schema topic '" + topic
          + "': " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("Interrupted while preparing topic '" + topic + "'", e);
    }
  }

  private Optional<TopicDescription> describeTopic()
      throws InterruptedException, ExecutionException, TimeoutException {
    boolean exists = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .contains(topic);
    if (!exists) {
      return Optional.empty();
    }
    return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic));
  }

  private void warnIfNotCompacted()
      throws InterruptedException, ExecutionException, TimeoutException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
    String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      LOG.warn("Schema topic {} has cleanup.policy={}; expected compact, or schemas may be lost",
          topic, policy);
    }
  }

  private void readLoop() {
    while (running) {
      try {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        applyBatch(records);
        markApplied(consumer.position(partition));
      } catch (WakeupException e) {
        // close() is stopping us
      } catch (RuntimeException e) {
        LOG.warn("Schema store reader on {} failed, retrying: {}", topic, e.toString());
      }
    }
  }

  private void applyBatch(ConsumerRecords<byte[], byte[]> records) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      try {
        Optional<StoreKey> key = StoreCodec.decodeKey(record.key());
        if (key.isPresent()) {
          listener.onRecord(key.get(), StoreCodec.decodeValue(key.get(), record.value()));
        }
      } catch (IOException | RuntimeException e) {
        // One unreadable record (e.g. written by a newer Confluent) must not stop the registry.
        LOG.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), topic,
            e.toString());
      }
      markApplied(record.offset() + 1);
    }
  }

  private void markApplied(long nextOffset) {
    synchronized (progress) {
      if (nextOffset > appliedUpTo) {
        appliedUpTo = nextOffset;
        progress.notifyAll();
      }
    }
  }

  @Override
  public void append(StoreKey key, StoreValue value) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0,
        StoreCodec.encodeKey(key), StoreCodec.encodeValue(value));
    long offset;
    try {
      offset = producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
    } catch (ExecutionException e) {
      throw RegistryException.storeError("Writing to topic '" + topic + "' failed: "
          + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw RegistryException.timeout("Writing to topic '" + topic + "' took longer than "
          + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("Interrupted while writing to '" + topic + "'", e);
    }
    awaitApplied(offset + 1);
  }

  @Override
  public void sync() {
    awaitApplied(logEnd());
  }

  private long logEnd() {
    try {
      return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
    } catch (ExecutionException | TimeoutException e) {
      throw RegistryException.timeout("Cannot read the end offset of topic '" + topic + "': "
          + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("Interrupted while reading offsets of '" + topic + "'", e);
    }
  }

  private void awaitApplied(long offset) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (appliedUpTo < offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw RegistryException.timeout("The schema store reader did not reach offset " + offset
              + " of topic '" + topic + "' within " + timeout, null);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw RegistryException.storeError("Interrupted while waiting for topic '" + topic
              + "'", e);
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    if (reader != null) {
      consumer.wakeup();
      try {
        reader.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(5));
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    admin.close(Duration.ofSeconds(5));
  }
}
