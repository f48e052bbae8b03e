package io.peerpulse.app;

import io.peerpulse.app.dashboard.Dashboard;
import io.peerpulse.app.ops.Health;
import io.peerpulse.app.ops.Observability;
import io.peerpulse.app.ops.OpsHttp;
import io.peerpulse.app.embedded.PortInUseException;
import io.peerpulse.app.query.ApplicationServer;
import io.peerpulse.app.query.QueryHttp;
import io.peerpulse.app.query.QuerySettings;
import io.peerpulse.app.security.HttpSecurity;
import io.peerpulse.streams.IndicatorApplication;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.topics.TopicAdmin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code peerpulse run}: the streams application against an existing cluster, until SIGTERM or
 * Ctrl-C. Configuration: {@link StreamsAppConfig#defaults()} &lt; {@code --config} file &lt;
 * {@code PEERPULSE_FOO_BAR} environment variables &lt; flags ({@link ConfigLayers}); every Kafka
 * Streams, producer, consumer and serde key passes through. Invalid values stop it before it
 * connects, naming the key and where the value came from.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the indicator streams application against an existing Kafka cluster and schema registry until",
      "SIGTERM or Ctrl-C, then closes it cleanly (state is committed and kept in --state-dir).",
      "Settings: defaults < --config file < environment variables PEERPULSE_FOO_BAR (for key foo.bar) < flags.",
      "Any Kafka Streams, producer or consumer key (num.stream.threads, num.standby.replicas, replication.factor,",
      "producer.compression.type, ...) and the PeerPulse keys (lateness.days, min.dose, threshold.hours,",
      "cells.flush.interval.ms, repartition.partitions, ...) may be given. The topics must exist (checked at start).",
      "GET /metrics (Prometheus), /health/live and /health/ready are served on --http-port (key http.port, default 8080),",
      "the query API GET /v1/indicators (published values from every instance) and the dashboard GET /.",
      "Other instances reach this one at application.server (default <this host name>:<http port>; set it when that",
      "name does not resolve from them).",
      "HTTP security (docs/security.md): http.auth none|bearer|basic with http.auth.tokens.file; HTTPS with",
      "http.tls.keystore and http.tls.keystore.password. Kafka security (SASL, TLS): the Kafka clients' own keys.",
      "Exit code 0 after a signal, 1 when topics are missing or the application stopped on its own (an error),",
      "2 on bad configuration."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Java properties file with any configuration key.")
  Path configFile;

  @Option(names = "--bootstrap-servers", description = "Kafka brokers (key bootstrap.servers; default localhost:9092).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", description = "Schema registry URL (key schema.registry.url; default http://localhost:8081).")
  String schemaRegistryUrl;

  @Option(names = "--state-dir", description = "Local state directory (key state.dir; default Kafka Streams' own).")
  String stateDir;

  @Option(names = "--application-id", description = "Kafka Streams application id (key application.id; default peerpulse-indicators).")
  String applicationId;

  @Option(names = "--http-port", description = "Port of GET /metrics, /health/live and /health/ready (key http.port; default 8080; 0: any free port).")
  Integer httpPort;

  @Mixin RuleOptions rules;

  /** Key of the operations HTTP port; read here, never passed to Kafka. */
  static final String HTTP_PORT = "http.port";
  static final int DEFAULT_HTTP_PORT = 8080;
  /** How long the shutdown hook waits for the metrics and the HTTP server to close after the streams. */
  private static final long SHUTDOWN_WAIT_SECONDS = 10;

  private final Map<String, String> environment;

  RunCommand() {
    this(System.getenv());
  }

  /** With the given environment instead of the process's (tests). */
  RunCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  @SuppressWarnings("try") // the query API's resource is only mounted and closed, never used in the body
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigLayers config;
    try {
      config = configuration();
    } catch (InvalidConfigurationException e) {
      err.println("run: " + e.getMessage());
      return 2;
    }
    int port;
    try {
      port = httpPort(config);
    } catch (IllegalArgumentException e) {
      err.println("run: " + e.getMessage());
      return 2;
    }
    HttpSecurity security;
    try {
      security = HttpSecurity.from(config.values());
    } catch (IllegalArgumentException e) {
      err.println("run: " + withSource(e.getMessage(), config));
      return 2;
    }
    if (port == 0) {
      port = PortInUseException.anyFree(); // application.server must name the port before the streams start
    }
    Map<String, String> streamsKeys = new HashMap<>(config.values());
    streamsKeys.remove(HTTP_PORT);
    streamsKeys.keySet().removeIf(HttpSecurity::isHttpSecurityKey); // the HTTP server's, and secrets: not for Kafka
    String applicationServer = ApplicationServer.orDefault(streamsKeys.get(StreamsConfig.APPLICATION_SERVER_CONFIG), port);
    streamsKeys.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    try {
      IndicatorApplication.validate(streamsKeys);
    } catch (IllegalArgumentException e) {
      err.println("run: " + withSource(e.getMessage(), config));
      return 2;
    }
    StreamsConfig effective = new StreamsConfig(StreamsAppConfig.streamsProperties(streamsKeys));
    String missing = missingTopics(effective);
    if (missing != null) {
      err.println("run: " + missing);
      return 1;
    }
    CountDownLatch closed = new CountDownLatch(1);
    // Closed in reverse: the HTTP server, then the streams (final commit), then the meters.
    try (Observability metrics = new Observability();
        IndicatorApplication application = new IndicatorApplication(streamsKeys, metrics.pipeline());
        OpsHttp.Server http = OpsHttp.start(port, security, metrics,
            () -> new Health.StreamsStatus(application.state(), application.restoringStores()));
        QueryHttp query = QueryHttp.mount(http.httpServer(), application.kafkaStreams(), applicationServer,
            effective.getAdminConfigs("peerpulse-query"), QuerySettings.DEFAULTS.withPeerAccess(security.scheme(), null))) {
      metrics.bindStreams(application.kafkaStreams());
      Dashboard.mount(http.httpServer()); // "/": every path the APIs on this port do not claim
      // On a signal the JVM exits once the hooks end: the hook closes the streams, then waits for
      // this thread's try-with-resources to close the server and the meters.
      Thread shutdown = new Thread(() -> {
        application.close();
        awaitQuietly(closed);
      }, "peerpulse-run-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdown);
      application.start();
      out.printf("Streams application %s running against %s (registry %s, state in %s); Ctrl-C stops it%n",
          application.applicationId(), config.values().get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
          config.values().get(StreamsAppConfig.SCHEMA_REGISTRY_URL), effective.getString(StreamsConfig.STATE_DIR_CONFIG));
      security.logSummary();
      out.printf("Metrics on %s://localhost:%d%s, health on %s and %s%n", security.scheme(), http.port(), OpsHttp.METRICS_PATH,
          OpsHttp.LIVE_PATH, OpsHttp.READY_PATH);
      out.printf("Query API on %s://localhost:%d%s (other instances reach this one at %s)%n", security.scheme(), http.port(),
          QueryHttp.PATH, applicationServer);
      out.printf("Dashboard on http://localhost:%d/%n", http.port());
      out.flush();
      KafkaStreams.State end = awaitStop(application);
      removeHook(shutdown);
      if (end == KafkaStreams.State.ERROR) {
        err.println("run: the streams application stopped with an error (see the log above)");
        return 1;
      }
      return 0;
    } catch (UncheckedIOException e) {
      err.println("run: " + e.getMessage());
      return 2;
    } finally {
      closed.countDown();
    }
  }

  /** The operations port from {@value #HTTP_PORT} (any layer), 0..65535. */
  static int httpPort(ConfigLayers config) {
    String text = config.values().get(HTTP_PORT);
    if (text == null) {
      return DEFAULT_HTTP_PORT;
    }
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(HTTP_PORT + ": expected a port 0..65535, got \"" + text + "\" ("
        + HTTP_PORT + " from " + config.sourceOf(HTTP_PORT) + ")");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The layered configuration of this invocation. */
  ConfigLayers configuration() {
    ConfigLayers layers = new ConfigLayers().defaults(StreamsAppConfig.defaults());
    try {
      layers.configFile(configFile);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(e.getMessage());
    }
    layers.environment(environment);
    ParseResult given = spec.commandLine().getParseResult();
    layers.flag(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, "--bootstrap-servers")
        .flag(StreamsAppConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl, "--schema-registry-url")
        .flag(StreamsConfig.STATE_DIR_CONFIG, stateDir, "--state-dir")
        .flag(StreamsConfig.APPLICATION_ID_CONFIG, applicationId, "--application-id")
        .flag(HTTP_PORT, httpPort, "--http-port")
        // The rule options have defaults; only a flag actually given overrides the file and environment.
        .flag(StreamsAppConfig.LATENESS_DAYS, matched(given, "--lateness-days") ? rules.latenessDays : null, "--lateness-days")
        .flag(StreamsAppConfig.MIN_DOSE, matched(given, "--min-dose") ? rules.minDose : null, "--min-dose")
        .flag(StreamsAppConfig.THRESHOLD_HOURS, matched(given, "--threshold-hours") ? rules.thresholdHours : null,
            "--threshold-hours")
        .flag(StreamsAppConfig.FUTURE_HORIZON_DAYS,
            matched(given, "--future-horizon-days") ? rules.futureHorizonDays : null, "--future-horizon-days");
    return layers;
  }

  /**
   * Adds where the offending value came from to a validation message, which starts with the key
   * ({@code "lateness.days: expected ..."}) or, from Kafka, names it
   * ({@code "Invalid value x for configuration commit.interval.ms: ..."}).
   */
  static String withSource(String message, ConfigLayers config) {
    if (message == null) {
      return message;
    }
    for (String key : config.values().keySet()) {
      if (message.startsWith(key + ":") || message.contains("configuration " + key + ":")) {
        return message + " (" + key + " from " + config.sourceOf(key) + ")";
      }
    }
    return message;
  }

  /**
   * What is wrong with the cluster's topics, or null when every topic of the application exists.
   * Kafka Streams creates only its internal topics; without this check a missing output topic
   * would block every write until {@code max.block.ms} and then loop.
   */
  private static String missingTopics(StreamsConfig streamsConfig) {
    String servers = String.join(",", streamsConfig.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    try (Admin admin = Admin.create(streamsConfig.getAdminConfigs("peerpulse-run-preflight"))) {
      List<String> missing = TopicAdmin.missing(admin);
      return missing.isEmpty() ? null
          : "topics missing on " + servers + ": " + String.join(", ", missing) + " (create them first, e.g. peerpulse topics)";
    } catch (IllegalStateException | KafkaException e) {
      return "cannot list the topics on " + servers + ": " + e.getMessage();
    }
  }

  private static boolean matched(ParseResult result, String option) {
    return result != null && result.hasMatchedOption(option);
  }

  private static KafkaStreams.State awaitStop(IndicatorApplication application) throws InterruptedException {
    try {
      return application.stopped().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for the streams application to stop", e);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down (a signal): the hook is closing the application.
    }
  }

  /** A configuration that cannot be assembled (unreadable file); the message says what to fix. */
  static final class InvalidConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidConfigurationException(String message) {
      super(message);
    }
  }
}
