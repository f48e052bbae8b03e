package io.peerpulse.app.embedded;

import io.peerpulse.connectors.avro.AvroConverter;
import io.peerpulse.connectors.source.RegisterSourceConfig;
import io.peerpulse.connectors.source.RegisterSourceConnector;
import io.peerpulse.registry.client.RegistryClientConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in this JVM ({@code demo --with-connect}): standalone mode, put together
 * as Kafka's {@code ConnectStandalone} does (plugins, {@link StandaloneConfig}, a {@link Worker}
 * with a {@link FileOffsetBackingStore}, a {@link StandaloneHerder}) but without Connect's REST
 * server, which nothing here needs. It runs one connector, {@value #CONNECTOR}: the register CSV
 * source on {@code <registers>/input}, with {@code processing/}, {@code finished/} and
 * {@code error/} beside it, keys as strings and values through the {@link AvroConverter} on the
 * embedded registry, source offsets in {@code <data-dir>/connect/offsets}.
 *
 * <p>The plugins come from the class path (they are part of the application jar) and are found
 * through their {@code META-INF/services} files ({@code plugin.discovery=service_load}): no
 * reflective scan of the whole jar.
 *
 * <p>Delivery is at least once: exactly-once source support exists only for distributed workers.
 * After a crash the task re-reads the rows after the last flushed offset; they keep their event
 * ids, so the streams application counts them once. No pseudonym key is configured: a register
 * with raw identifier columns goes to {@code error/} with one dead letter saying so.
 */
public final class EmbeddedConnect implements AutoCloseable {

  /** The register source connector's name. */
  public static final String CONNECTOR = "peerpulse-registers";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnect.class);
  private static final String WORKER_ID = "peerpulse-embedded-connect";
  private static final long START_TIMEOUT_SECONDS = 60;
  /** Offsets are flushed this often (Connect's default is a minute): a restart re-reads less. */
  private static final String OFFSET_FLUSH_INTERVAL_MS = "5000";

  /**
   * What to run the worker against.
   *
   * @param bootstrapServers the Kafka cluster
   * @param registryUrl the schema registry of the AvroConverter
   * @param registersDir parent of {@code input/}, {@code processing/}, {@code finished/}, {@code error/}
   * @param offsetsFile the worker's source offsets
   * @param connectorConfig further connector keys over the defaults (tests: {@code poll.interval.ms})
   */
  public record Settings(String bootstrapServers, URI registryUrl, Path registersDir, Path offsetsFile,
      Map<String, String> connectorConfig) {

    public Settings {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(registryUrl, "registryUrl");
      Objects.requireNonNull(registersDir, "registersDir");
      Objects.requireNonNull(offsetsFile, "offsetsFile");
      connectorConfig = connectorConfig == null ? Map.of() : Map.copyOf(connectorConfig);
    }

    /** The embedded runtime's broker and registry, directories under its data directory. */
    public static Settings of(EmbeddedRuntime runtime) {
      DataDirectory data = runtime.dataDirectory();
      return new Settings(runtime.bootstrapServers(), runtime.registryUrl(), data.registers(),
          data.connect().resolve("offsets"), Map.of());
    }

    public Settings withConnectorConfig(Map<String, String> value) {
      return new Settings(bootstrapServers, registryUrl, registersDir, offsetsFile, value);
    }

    public Path input() {
      return registersDir.resolve("input");
    }

    public Path processing() {
      return registersDir.resolve("processing");
    }

    public Path finished() {
      return registersDir.resolve("finished");
    }

    public Path error() {
      return registersDir.resolve("error");
    }
  }

  private final Settings settings;
  private final StandaloneHerder herder;
  private boolean closed;

  private EmbeddedConnect(Settings settings, StandaloneHerder herder) {
    this.settings = settings;
    this.herder = herder;
  }

  /**
   * Starts the worker and the register source connector, and returns once the connector is
   * configured (its task starts right after).
   *
   * @throws IllegalStateException when the worker or the connector cannot start (the message says why)
   */
  public static EmbeddedConnect start(Settings settings) {
    createDirectories(settings.input(), settings.offsetsFile().getParent());
    Map<String, String> workerProps = workerConfig(settings);
    Plugins plugins = new Plugins(workerProps);
    StandaloneHerder herder;
    try (LoaderSwap swap = plugins.withClassLoader(plugins.delegatingLoader())) {
      StandaloneConfig config = new StandaloneConfig(workerProps);
      // newPlugins, not newPlugin: an overload of the latter names Maven's VersionRange, which Connect has at runtime only
      ConnectorClientConfigOverridePolicy policy = plugins.newPlugins(
          List.of(config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG)), config,
          ConnectorClientConfigOverridePolicy.class).get(0);
      FileOffsetBackingStore offsets = new FileOffsetBackingStore(plugins.newInternalConverter(true,
          JsonConverter.class.getName(), Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false")));
      offsets.configure(config);
      Worker worker = new Worker(WORKER_ID, Time.SYSTEM, plugins, config, offsets, policy);
      herder = new StandaloneHerder(worker, config.kafkaClusterId(), policy);
      herder.start();
    }
    EmbeddedConnect connect = new EmbeddedConnect(settings, herder);
    try {
      connect.putConnector();
    } catch (RuntimeException e) {
      connect.close();
      throw e;
    }
    LOG.info("Connect worker started: connector {} watching {}", CONNECTOR, settings.input());
    return connect;
  }

  private void putConnector() {
    FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
    herder.putConnectorConfig(CONNECTOR, connectorConfig(settings), true, created);
    try {
      created.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the Connect worker refused connector " + CONNECTOR + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("connector " + CONNECTOR + " not configured within " + START_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting connector " + CONNECTOR, e);
    }
    herder.ready();
  }

  /** The worker's keys: what {@code connect-standalone.sh worker.properties} would hold. */
  static Map<String, String> workerConfig(Settings settings) {
    Map<String, String> config = new HashMap<>();
    config.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, StringConverter.class.getName());
    config.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, AvroConverter.class.getName());
    config.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG + "." + RegistryClientConfig.SCHEMA_REGISTRY_URL,
        settings.registryUrl().toString());
    config.put(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, settings.offsetsFile().toString());
    config.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, OFFSET_FLUSH_INTERVAL_MS);
    config.put(WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "service_load");
    return config;
  }

  /** The connector's keys: what {@code register-source-standalone.properties} would hold. */
  static Map<String, String> connectorConfig(Settings settings) {
    Map<String, String> config = new HashMap<>();
    config.put(ConnectorConfig.NAME_CONFIG, CONNECTOR);
    config.put(ConnectorConfig.CONNECTOR_CLASS_CONFIG, RegisterSourceConnector.class.getName());
    config.put(ConnectorConfig.TASKS_MAX_CONFIG, "1");
    config.put(RegisterSourceConfig.INPUT_DIR, settings.input().toString());
    config.put(RegisterSourceConfig.PROCESSING_DIR, settings.processing().toString());
    config.put(RegisterSourceConfig.FINISHED_DIR, settings.finished().toString());
    config.put(RegisterSourceConfig.ERROR_DIR, settings.error().toString());
    config.putAll(settings.connectorConfig());
    return config;
  }

  public Settings settings() {
    return settings;
  }

  /** Where a user drops register CSV files. */
  public Path inputDir() {
    return settings.input();
  }

  /** The connector's and its task's states, e.g. {@code RUNNING}, or {@code FAILED} with the first line of the error. */
  public String state() {
    ConnectorStateInfo status = herder.connectorStatus(CONNECTOR);
    String connector = status.connector().state();
    List<ConnectorStateInfo.TaskState> tasks = status.tasks();
    for (ConnectorStateInfo.TaskState task : tasks) {
      if (!"RUNNING".equals(task.state())) {
        return "task " + task.state() + firstLine(task.trace());
      }
    }
    return "RUNNING".equals(connector) && tasks.isEmpty() ? "starting" : connector + firstLine(status.connector().trace());
  }

  private static String firstLine(String trace) {
    return trace == null || trace.isBlank() ? "" : ": " + trace.lines().findFirst().orElse("");
  }

  /** Registers finished (every row sent) and in error (refused as a whole, or broken off), counted from the directories. */
  public String summary() {
    return "registers " + registers(settings.finished()) + " finished, " + registers(settings.error()) + " in error ("
        + "connector " + state() + ")";
  }

  /** Registers in {@code dir}, not counting the {@code .error.txt} beside each failed one. */
  private static long registers(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(path -> !path.getFileName().toString().endsWith(".error.txt")).count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void createDirectories(Path... dirs) {
    for (Path dir : dirs) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create directory " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  /** Stops the connector (its task finishes the batch in hand, offsets are flushed) and the worker. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    herder.stop();
    LOG.info("Connect worker stopped");
  }
}
