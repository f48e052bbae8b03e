package io.peerpulse.app;

import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.TopicInspection;
import io.peerpulse.streams.topics.TopicInspection.Setting;
import io.peerpulse.streams.topics.TopicInspection.TopicState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peerpulse topics}: creates the application's missing topics and checks the existing ones
 * against what the application needs ({@link TopicInspection}), idempotently, printing one row per
 * topic. Existing topics are never changed: a partition count or cleanup policy cannot be changed
 * safely under a running application, so a mismatch is reported for an operator to resolve.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = {
      "Creates every PeerPulse topic that is missing and checks the existing ones (partitions, replication factor,",
      "cleanup.policy, retention.ms, min.insync.replicas and the other configs the application sets); prints a table.",
      "Idempotent: running it again creates nothing. Existing topics are never altered.",
      "With --check nothing is created. Exit code 0 when every topic is as expected, 1 on a mismatch (or, with",
      "--check, a missing topic) or when the cluster cannot be reached, 2 on bad arguments."
    })
final class TopicsCommand implements java.util.concurrent.Callable<Integer> {

  static final int DEFAULT_PARTITIONS = 6;
  static final short MAX_DEFAULT_REPLICATION = 3;

  @Spec CommandSpec spec;

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
      description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--partitions", defaultValue = "" + DEFAULT_PARTITIONS,
      description = "Partitions of every topic; give the streams application the same repartition.partitions (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor",
      description = "Replicas of every topic (default: 3, or the number of brokers when there are fewer).")
  Short replicationFactor;

  @Option(names = "--check", description = "Only check: create nothing; a missing topic is an error.")
  boolean check;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Java properties file with admin client settings (security.protocol, sasl.*, ssl.*, ...).")
  Path configFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (partitions < 1) {
      err.println("topics: --partitions: expected an integer >= 1, got " + partitions);
      return 2;
    }
    if (replicationFactor != null && replicationFactor < 1) {
      err.println("topics: --replication-factor: expected an integer >= 1, got " + replicationFactor);
      return 2;
    }
    Map<String, Object> adminConfig;
    try {
      adminConfig = adminConfig();
    } catch (IOException | IllegalArgumentException e) {
      err.println("topics: --config " + configFile + ": cannot be read as a properties file: " + e.getMessage());
      return 2;
    }
    try (Admin admin = Admin.create(adminConfig)) {
      short replication = replicationFactor != null ? replicationFactor : defaultReplication(admin);
      List<TopicState> before = TopicInspection.inspect(admin, partitions, replication);
      Set<String> created = check ? Set.of() : createMissing(admin, before, replication);
      List<TopicState> after = created.isEmpty() ? before : TopicInspection.inspect(admin, partitions, replication);
      print(out, after, created);
      out.flush();
      boolean bad = after.stream().anyMatch(state -> !state.ok());
      if (bad) {
        err.println("topics: " + after.stream().filter(state -> !state.ok()).count() + " of " + after.size()
            + " topics on " + bootstrapServers + " are not as the application needs them (see the table)");
      }
      return bad ? 1 : 0;
    } catch (IllegalStateException | KafkaException e) {
      err.println("topics: cannot create or check the topics on " + bootstrapServers + ": " + e.getMessage());
      return 1;
    }
  }

  private Map<String, Object> adminConfig() throws IOException {
    Map<String, Object> config = new HashMap<>();
    if (configFile != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key).trim()));
    }
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // A wrong address should fail within seconds, not after the default minute.
    config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return config;
  }

  /** Three replicas, or as many as there are brokers when fewer (one on a single-broker cluster). */
  private static short defaultReplication(Admin admin) {
    try {
      int brokers = admin.describeCluster().nodes().get(TopicAdmin.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      return (short) Math.max(1, Math.min(MAX_DEFAULT_REPLICATION, brokers));
    } catch (ExecutionException e) {
      throw new IllegalStateException("describing the cluster failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("describing the cluster: no answer within " + TopicAdmin.TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private Set<String> createMissing(Admin admin, List<TopicState> states, short replication) {
    Set<String> missing = states.stream().filter(state -> !state.exists()).map(TopicState::topic).collect(Collectors.toSet());
    if (missing.isEmpty()) {
      return Set.of();
    }
    List<NewTopic> topics = TopicAdmin.newTopics(partitions, replication).stream()
        .filter(topic -> missing.contains(topic.name())).toList();
    Set<String> created = new java.util.TreeSet<>();
    admin.createTopics(topics).values().forEach((name, future) -> {
      try {
        future.get(TopicAdmin.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        created.add(name);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) { // created meanwhile by someone else: fine
          throw new IllegalStateException("creating topic " + name + " failed: " + e.getCause().getMessage(), e.getCause());
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException("creating topic " + name + ": no answer within " + TopicAdmin.TIMEOUT, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("creating topic " + name + ": interrupted", e);
      }
    });
    return created;
  }

  /** One row per topic; a mismatching cell shows the actual value and the expected one; details below. */
  static void print(PrintWriter out, List<TopicState> states, Set<String> created) {
    List<String> header = new ArrayList<>();
    header.add("topic");
    header.addAll(TopicInspection.COLUMNS);
    header.add("status");
    List<List<String>> rows = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (TopicState state : states) {
      List<String> row = new ArrayList<>();
      row.add(state.topic());
      for (String column : TopicInspection.COLUMNS) {
        row.add(cell(state.setting(column)));
      }
      row.add(status(state, created));
      rows.add(row);
      for (Setting mismatch : state.mismatches()) {
        if (state.exists() && !TopicInspection.COLUMNS.contains(mismatch.name())) {
          details.add(state.topic() + ": " + mismatch.name() + " is " + mismatch.actual() + ", expected " + mismatch.expected());
        }
      }
    }
    int[] widths = new int[header.size()];
    for (List<String> row : concat(header, rows)) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : concat(header, rows)) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == 0 ? "" : "  ").append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]));
      }
      out.println(line);
    }
    details.forEach(out::println);
  }

  private static String status(TopicState state, Set<String> created) {
    if (!state.exists()) {
      return "MISSING";
    }
    if (!state.ok()) {
      return "MISMATCH";
    }
    return created.contains(state.topic()) ? "created" : "ok";
  }

  private static String cell(Setting setting) {
    if (setting.actual() == null) {
      return setting.expected() == null ? "-" : "(" + setting.expected() + ")";
    }
    return setting.matches() ? setting.actual() : setting.actual() + " (expected " + setting.expected() + ")";
  }

  private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
