package io.peerpulse.streams.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Compares every topic of {@link TopicAdmin#specs()} on a cluster with what
 * {@link TopicAdmin#newTopics} would create: partitions, replication factor and each config the
 * application sets ({@code cleanup.policy}, {@code min.insync.replicas}, {@code retention.ms} where
 * set, ...). {@code retention.ms} is reported for every topic, and checked where the application
 * sets it. Reads only; {@code peerpulse topics} prints the result as a table.
 */
public final class TopicInspection {

  /** The settings reported for every topic, in column order. */
  public static final List<String> COLUMNS = List.of("partitions", "replication.factor", TopicConfig.CLEANUP_POLICY_CONFIG,
      TopicConfig.RETENTION_MS_CONFIG, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);

  /**
   * One setting of one topic.
   *
   * @param expected what the application wants, or null when it does not care (a broker default)
   * @param actual what the cluster reports, or null when the topic is missing
   */
  public record Setting(String name, String expected, String actual) {
    public boolean matches() {
      return expected == null || (actual != null && normalised(actual).equals(normalised(expected)));
    }

    /** A policy list in any order and spacing ("delete, compact") is one set. */
    private static String normalised(String value) {
      return String.join(",", new TreeSet<>(Arrays.asList(value.replace(" ", "").split(","))));
    }
  }

  /** One topic: whether it exists, and its settings ({@link #COLUMNS} first, then further configs). */
  public record TopicState(String topic, boolean exists, List<Setting> settings) {
    public TopicState {
      settings = List.copyOf(settings);
    }

    /** Exists with every setting as expected. */
    public boolean ok() {
      return exists && mismatches().isEmpty();
    }

    public List<Setting> mismatches() {
      return settings.stream().filter(s -> !s.matches()).toList();
    }

    /** The setting called {@code name}; an unchecked empty one when absent. */
    public Setting setting(String name) {
      return settings.stream().filter(s -> s.name().equals(name)).findFirst().orElse(new Setting(name, null, null));
    }
  }

  private TopicInspection() {}

  /**
   * The state of every application topic against {@code partitions} and {@code replicationFactor}.
   *
   * @throws IllegalStateException when the cluster cannot be asked (the message says what failed)
   */
  public static List<TopicState> inspect(Admin admin, int partitions, short replicationFactor) {
    List<NewTopic> wanted = TopicAdmin.newTopics(partitions, replicationFactor);
    Set<String> existing = TopicAdmin.await(admin.listTopics().names(), "listing topics");
    List<String> present = wanted.stream().map(NewTopic::name).filter(existing::contains).toList();
    Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of()
        : TopicAdmin.await(admin.describeTopics(present).allTopicNames(), "describing topics " + present);
    Map<ConfigResource, Config> configs = present.isEmpty() ? Map.of()
        : TopicAdmin.await(admin.describeConfigs(present.stream().map(TopicInspection::resource).toList()).all(),
            "describing the configs of " + present);
    List<TopicState> states = new ArrayList<>();
    for (NewTopic topic : wanted) {
      TopicDescription description = descriptions.get(topic.name());
      Config config = configs.get(resource(topic.name()));
      states.add(state(topic, description, config));
    }
    return states;
  }

  private static TopicState state(NewTopic wanted, TopicDescription description, Config config) {
    boolean exists = description != null;
    List<Setting> settings = new ArrayList<>();
    settings.add(new Setting("partitions", Integer.toString(wanted.numPartitions()),
        exists ? Integer.toString(description.partitions().size()) : null));
    settings.add(new Setting("replication.factor", Short.toString(wanted.replicationFactor()),
        exists ? Integer.toString(description.partitions().get(0).replicas().size()) : null));
    Map<String, String> wantedConfigs = wanted.configs();
    for (String name : COLUMNS.subList(2, COLUMNS.size())) {
      settings.add(new Setting(name, wantedConfigs.get(name), value(config, name)));
    }
    new TreeSet<>(wantedConfigs.keySet()).stream().filter(name -> !COLUMNS.contains(name))
        .forEach(name -> settings.add(new Setting(name, wantedConfigs.get(name), value(config, name))));
    return new TopicState(wanted.name(), exists, settings);
  }

  private static String value(Config config, String name) {
    if (config == null) {
      return null;
    }
    ConfigEntry entry = config.get(name);
    return entry == null ? null : entry.value();
  }

  private static ConfigResource resource(String topic) {
    return new ConfigResource(ConfigResource.Type.TOPIC, topic);
  }
}
