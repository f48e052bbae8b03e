package io.peerpulse.streams.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the application's public topics (spec/interfaces.md, "Topics") or checks the existing
 * ones, idempotently. Internal repartition and changelog topics are Kafka Streams' own.
 *
 * <table>
 *   <caption>Topics and their settings</caption>
 *   <tr><th>topic</th><th>cleanup.policy</th><th>other settings</th></tr>
 *   <tr><td>{@value Topics#EVENTS}</td><td>delete</td><td>{@code retention.ms=-1}: the events are the
 *       system of record, a full replay ({@code reset}) reads them from the start</td></tr>
 *   <tr><td>{@value Topics#EVENTS_DLQ}</td><td>delete</td><td>{@code message.timestamp.type=LogAppendTime}:
 *       a dead letter keeps its event's timestamp, often months old, which would let retention
 *       delete it as soon as it arrived</td></tr>
 *   <tr><td>{@value Topics#INDICATORS_INTERNAL}</td><td>compact</td><td>a table: the latest exact value
 *       per indicator key, tombstones delete</td></tr>
 *   <tr><td>{@value Topics#INDICATORS}</td><td>compact</td><td>the same keys, published (suppressed)
 *       values</td></tr>
 * </table>
 * Every topic gets {@code min.insync.replicas = min(2, replication factor)}, so with three replicas
 * an acknowledged write (producers and Kafka Streams use {@code acks=all}) survives a broker loss.
 *
 * <p>An existing topic is accepted when its partition count and {@code cleanup.policy} are the
 * expected ones; otherwise {@link #ensure} fails naming the topic, the setting, what it is and what
 * was expected (changing either would break keyed ordering or the table semantics, so it is left
 * to an operator). Other settings of existing topics are left alone.
 */
public final class TopicAdmin {

  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** A topic to create: name, cleanup policy and further topic configs. */
  public record TopicSpec(String name, String cleanupPolicy, Map<String, String> configs) {
    public TopicSpec {
      configs = Map.copyOf(configs);
    }
  }

  /**
   * What {@link #ensure} found.
   *
   * @param created topics created by this call
   * @param existing topics that existed with the expected partitions and cleanup policy
   */
  public record Result(List<String> created, List<String> existing) {}

  private TopicAdmin() {}

  /** The application's topics, in creation order. */
  public static List<TopicSpec> specs() {
    return List.of(
        new TopicSpec(Topics.EVENTS, TopicConfig.CLEANUP_POLICY_DELETE, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
        new TopicSpec(Topics.EVENTS_DLQ, TopicConfig.CLEANUP_POLICY_DELETE,
            Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")),
        new TopicSpec(Topics.INDICATORS_INTERNAL, TopicConfig.CLEANUP_POLICY_COMPACT, Map.of()),
        new TopicSpec(Topics.INDICATORS, TopicConfig.CLEANUP_POLICY_COMPACT, Map.of()),
        // Every correction is kept: it is a history of what moved after release, not a table.
        new TopicSpec(Topics.LATE_CORRECTIONS, TopicConfig.CLEANUP_POLICY_DELETE, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
  }

  /**
   * Creates the missing topics with {@code partitions} partitions and {@code replicationFactor}
   * replicas and checks the existing ones.
   *
   * @throws IllegalStateException when an existing topic has another partition count or cleanup
   *     policy (the message names the topic and the setting), or the cluster cannot be asked
   */
  public static Result ensure(Admin admin, int partitions, short replicationFactor) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: expected an integer >= 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor: expected an integer >= 1, got " + replicationFactor);
    }
    Map<String, KafkaFuture<Void>> creations = admin.createTopics(newTopics(partitions, replicationFactor)).values();
    List<String> created = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (Map.Entry<String, KafkaFuture<Void>> creation : creations.entrySet()) {
      try {
        await(creation.getValue(), "creating topic " + creation.getKey());
        created.add(creation.getKey());
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        existing.add(creation.getKey());
      }
    }
    check(admin, existing, partitions);
    return new Result(List.copyOf(created), List.copyOf(existing));
  }

  /**
   * The application's topics that do not exist (Kafka Streams creates its internal topics, but a
   * missing events topic stops it and a missing output topic blocks every write for
   * {@code max.block.ms}).
   *
   * @throws IllegalStateException when the cluster cannot be asked
   */
  public static List<String> missing(Admin admin) {
    Set<String> existing = await(admin.listTopics().names(), "listing topics");
    return specs().stream().map(TopicSpec::name).filter(name -> !existing.contains(name)).toList();
  }

  /** The topics as {@link NewTopic}s with their configs. */
  public static List<NewTopic> newTopics(int partitions, short replicationFactor) {
    String minInsync = Integer.toString(Math.min(2, replicationFactor));
    List<NewTopic> topics = new ArrayList<>();
    for (TopicSpec spec : specs()) {
      Map<String, String> configs = new LinkedHashMap<>(spec.configs());
      configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy());
      configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync);
      topics.add(new NewTopic(spec.name(), partitions, replicationFactor).configs(configs));
    }
    return topics;
  }

  private static void check(Admin admin, List<String> names, int partitions) {
    if (names.isEmpty()) {
      return;
    }
    Map<String, TopicDescription> descriptions = await(admin.describeTopics(names).allTopicNames(), "describing topics " + names);
    List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), "describing the configs of " + names);
    for (TopicSpec spec : specs()) {
      if (!names.contains(spec.name())) {
        continue;
      }
      int actualPartitions = descriptions.get(spec.name()).partitions().size();
      if (actualPartitions != partitions) {
        throw mismatch(spec.name(), "partitions", Integer.toString(actualPartitions), Integer.toString(partitions));
      }
      ConfigEntry policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
          .get(TopicConfig.CLEANUP_POLICY_CONFIG);
      // Brokers always report the effective value; absent means Kafka's default, delete.
      String actualPolicy = policy == null || policy.value() == null ? TopicConfig.CLEANUP_POLICY_DELETE : policy.value();
      if (!sameCleanupPolicy(actualPolicy, spec.cleanupPolicy())) {
        throw mismatch(spec.name(), TopicConfig.CLEANUP_POLICY_CONFIG, actualPolicy, spec.cleanupPolicy());
      }
    }
  }

  /** Whether a topic's policy list (e.g. {@code "compact,delete"}) is exactly the expected single policy. */
  private static boolean sameCleanupPolicy(String actual, String expected) {
    List<String> values = List.of(actual.replace(" ", "").split(","));
    return values.size() == 1 && values.get(0).equals(expected);
  }

  private static IllegalStateException mismatch(String topic, String setting, String actual, String expected) {
    return new IllegalStateException("topic " + topic + ": " + setting + " is " + actual + ", expected " + expected
        + " (the topic exists with other settings; change or recreate it, the application cannot run on it as it is)");
  }

  static <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + ": no answer from the cluster within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    }
  }
}
