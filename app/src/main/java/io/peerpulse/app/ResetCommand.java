package io.peerpulse.app;

import io.peerpulse.streams.IndicatorApplication;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.StreamsResetter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peerpulse reset}: a full replay after a definition change. Kafka's own application reset
 * ({@link StreamsResetter}, what {@code kafka-streams-application-reset.sh} runs) moves the
 * application's committed offsets on {@value Topics#EVENTS} to the earliest and deletes its
 * internal topics (repartition and changelog topics, {@code <application.id>-...}); then the local
 * state directory {@code <state.dir>/<application.id>} is deleted with
 * {@link org.apache.kafka.streams.KafkaStreams#cleanUp()}. The next {@code peerpulse run} with the
 * same {@code application.id} recomputes everything from the events. Output topics are not
 * touched: docs/operations.md explains why a blue/green replay into new topics is usually better.
 */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "Resets the streams application for a full replay with Kafka's own StreamsResetter: committed offsets on",
      "peerpulse.events.v1 back to the earliest, the application's internal topics deleted; then its local",
      "state directory is deleted. Stop every instance first. Output topics are not touched (docs/operations.md).",
      "Settings: defaults < --config file < environment variables PEERPULSE_FOO_BAR < flags (as for run).",
      "Exit code 0 when reset (or after a dry run), 1 when Kafka's reset failed, 2 on bad usage or no confirmation."
    })
final class ResetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--application-id", description = "Kafka Streams application id (key application.id; default peerpulse-indicators).")
  String applicationId;

  @Option(names = "--bootstrap-servers", description = "Kafka brokers (key bootstrap.servers; default localhost:9092).")
  String bootstrapServers;

  @Option(names = "--state-dir", description = "Local state directory of the instances on this machine (key state.dir).")
  String stateDir;

  @Option(names = "--config", paramLabel = "FILE", description = "Java properties file (client security settings, state.dir, ...).")
  Path configFile;

  @Option(names = "--dry-run", description = "Show what would be reset and deleted; change nothing.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask for confirmation (scripts).")
  boolean yes;

  @Option(names = "--force", description = "Remove members still in the consumer group (instances stopped less than session.timeout.ms ago). "
      + "Only when every instance is really stopped.")
  boolean force;

  private final Map<String, String> environment;
  private final Supplier<BufferedReader> input;

  ResetCommand() {
    this(System.getenv(), () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
  }

  /** With the given environment and confirmation input instead of the process's (tests). */
  ResetCommand(Map<String, String> environment, Supplier<BufferedReader> input) {
    this.environment = Map.copyOf(environment);
    this.input = input;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigLayers config;
    try {
      config = configuration();
    } catch (IllegalArgumentException e) {
      err.println("reset: " + e.getMessage());
      return 2;
    }
    Map<String, String> values = new java.util.HashMap<>(config.values());
    values.remove(RunCommand.HTTP_PORT);
    StreamsConfig streams;
    try {
      IndicatorApplication.validate(values);
      streams = new StreamsConfig(StreamsAppConfig.streamsProperties(values));
    } catch (IllegalArgumentException e) {
      err.println("reset: " + RunCommand.withSource(e.getMessage(), config));
      return 2;
    }
    String appId = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    String servers = String.join(",", streams.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    Path localState = Path.of(streams.getString(StreamsConfig.STATE_DIR_CONFIG), appId);

    List<String> internal;
    try {
      internal = internalTopics(streams, appId);
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      err.println("reset: cannot list the topics on " + servers + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    out.printf("reset: application %s on %s%s%n", appId, servers, dryRun ? " (dry run: nothing is changed)" : "");
    out.printf("reset:   committed offsets of %s back to the earliest%n", Topics.EVENTS);
    out.printf("reset:   internal topics to delete (%d): %s%n", internal.size(), internal.isEmpty() ? "none" : String.join(", ", internal));
    out.printf("reset:   local state to delete (every task's stores): %s%s%n", localState, Files.exists(localState) ? "" : " (not on this machine)");
    out.printf("reset:   not touched: %s (see docs/operations.md, blue/green replay)%n",
        String.join(", ", Topics.INDICATORS_INTERNAL, Topics.INDICATORS, Topics.LATE_CORRECTIONS, Topics.EVENTS_DLQ));
    out.flush();
    if (!dryRun && !yes && !confirmed(out, appId)) {
      err.println("reset: not confirmed; nothing was changed (type the application id, or give --yes)");
      return 2;
    }

    int code = runResetter(streams, appId, servers);
    if (code != 0) {
      err.println("reset: Kafka's StreamsResetter failed with exit code " + code + " (its message is above); "
          + "local state kept. Are all instances stopped? (--force removes members that have not left the group yet)");
      return 1;
    }
    if (!dryRun) {
      try (IndicatorApplication application = new IndicatorApplication(values)) {
        application.cleanUpLocalState();
      }
      out.printf("reset: done; the next start of %s recomputes every indicator from %s%n", appId, Topics.EVENTS);
    } else {
      out.println("reset: dry run done; nothing was changed");
    }
    return 0;
  }

  private ConfigLayers configuration() {
    return new ConfigLayers().defaults(StreamsAppConfig.defaults()).configFile(configFile).environment(environment)
        .flag(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, "--bootstrap-servers")
        .flag(StreamsConfig.STATE_DIR_CONFIG, stateDir, "--state-dir")
        .flag(StreamsConfig.APPLICATION_ID_CONFIG, applicationId, "--application-id");
  }

  /**
   * The topics the resetter will delete: it infers them the same way ({@code <application.id>-}
   * prefix and an internal suffix, {@link StreamsResetter#matchesInternalTopicFormat}). Listed here
   * so the confirmation names them before anything happens.
   */
  private static List<String> internalTopics(StreamsConfig streams, String appId)
      throws ExecutionException, InterruptedException, TimeoutException {
    try (Admin admin = Admin.create(streams.getAdminConfigs("peerpulse-reset"))) {
      TreeSet<String> names = new TreeSet<>(admin.listTopics().names().get(60, TimeUnit.SECONDS));
      return names.stream()
          .filter(name -> name.startsWith(appId + "-") && StreamsResetter.matchesInternalTopicFormat(name))
          .toList();
    }
  }

  private boolean confirmed(PrintWriter out, String appId) throws IOException {
    out.printf("reset: type the application id (%s) to go on: ", appId);
    out.flush();
    String answer = input.get().readLine();
    return answer != null && answer.strip().equals(appId);
  }

  /**
   * Runs Kafka's resetter. Its admin client reads a properties file only ({@code --command-config}),
   * so the client keys of every layer (security settings from the environment included) go to a
   * private temporary file, deleted afterwards.
   */
  private int runResetter(StreamsConfig streams, String appId, String servers) throws IOException {
    Properties clientProps = new Properties();
    Map<String, Object> admin = streams.getAdminConfigs("peerpulse-reset");
    for (Map.Entry<String, Object> entry : admin.entrySet()) {
      if (AdminClientConfig.configNames().contains(entry.getKey()) && entry.getValue() != null
          && !entry.getKey().equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
        clientProps.setProperty(entry.getKey(), String.valueOf(entry.getValue()));
      }
    }
    Path commandConfig = Files.createTempFile("peerpulse-reset-", ".properties",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (Writer writer = Files.newBufferedWriter(commandConfig, StandardCharsets.UTF_8)) {
        clientProps.store(writer, "peerpulse reset: client settings for Kafka's StreamsResetter");
      }
      List<String> args = new ArrayList<>(List.of("--application-id", appId, "--bootstrap-server", servers,
          "--input-topics", Topics.EVENTS, "--to-earliest", "--command-config", commandConfig.toString()));
      if (dryRun) {
        args.add("--dry-run"); // never with --force: the resetter would remove members even in a dry run
      } else if (force) {
        args.add("--force");
      }
      Properties consumer = new Properties();
      clientProps.forEach((key, value) -> {
        if (ConsumerConfig.configNames().contains(key.toString())) {
          consumer.put(key, value);
        }
      });
      return new StreamsResetter().execute(args.toArray(String[]::new), consumer);
    } finally {
      Files.deleteIfExists(commandConfig);
    }
  }
}
