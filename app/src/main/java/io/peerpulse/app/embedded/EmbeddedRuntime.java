package io.peerpulse.app.embedded;

import com.sun.net.httpserver.HttpServer;
import io.peerpulse.app.dashboard.Dashboard;
import io.peerpulse.app.ingest.IngestHttp;
import io.peerpulse.app.ingest.IngestService;
import io.peerpulse.app.ops.Health;
import io.peerpulse.app.ops.Observability;
import io.peerpulse.app.ops.OpsHttp;
import io.peerpulse.app.query.QueryHttp;
import io.peerpulse.app.query.QuerySettings;
import io.peerpulse.registry.core.RegistryException;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import io.peerpulse.streams.IndicatorApplication;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.topics.TopicAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: everything PeerPulse needs on one machine, in this JVM, started in
 * dependency order and stopped in reverse.
 *
 * <ol>
 *   <li>a single-node KRaft Kafka broker ({@link EmbeddedKafka}) on {@code --kafka-port}, data in
 *       {@code <data-dir>/kafka};
 *   <li>the topics ({@link TopicAdmin#ensure}: one replica, {@code min.insync.replicas} 1);
 *   <li>the schema registry server on {@code --registry-port}, schemas in the broker's
 *       {@code _schemas} topic (so ids survive restarts);
 *   <li>the streams application (application id {@value #APPLICATION_ID}, exactly-once v2, state in
 *       {@code <data-dir>/streams});
 *   <li>an HTTP server (JDK {@link HttpServer}) on {@code --http-port} with the ingest API
 *       ({@link IngestHttp}: {@code POST /v1/events}, {@code POST /v1/registers}; registers with raw
 *       identifier columns are refused, no pseudonym key is configured) and the operations
 *       endpoints ({@link OpsHttp}: {@code GET /metrics}, {@code /health/live}, {@code /health/ready}) and the
 *       query API ({@link QueryHttp}: {@code GET /v1/indicators}; {@code application.server} is {@code localhost:<http port>});
 *       the dashboard ({@link Dashboard}: {@code GET /}, reading the query API);
 *       further features mount their contexts on {@link #httpServer()}.
 * </ol>
 *
 * Every port is checked before anything starts ({@link PortInUseException}). {@link #start}
 * registers a shutdown hook, so Ctrl-C or SIGTERM close everything cleanly.
 */
public final class EmbeddedRuntime implements AutoCloseable {

  public static final String APPLICATION_ID = "peerpulse";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRuntime.class);
  private static final Duration REGISTRY_START_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What to start.
   *
   * @param dataDir the data directory ({@link DataDirectory})
   * @param fresh delete the data directory's contents first
   * @param kafkaPort broker port ({@code 0}: any free one)
   * @param registryPort schema registry port ({@code 0}: any free one)
   * @param httpPort HTTP API port ({@code 0}: any free one)
   * @param partitions partitions of the topics and of the streams' repartition topics
   * @param streamsConfig further streams application keys over the runtime's own (tests, tuning)
   */
  public record Settings(Path dataDir, boolean fresh, int kafkaPort, int registryPort, int httpPort, int partitions,
      Map<String, ?> streamsConfig) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REGISTRY_PORT = RegistryServerConfig.DEFAULT_PORT;
    public static final int DEFAULT_HTTP_PORT = 8080;
    /**
     * One partition: a single broker on a small machine gains nothing from more, and every
     * partition multiplies the streams tasks and their stores (start-up time).
     */
    public static final int DEFAULT_PARTITIONS = 1;

    public Settings {
      Objects.requireNonNull(dataDir, "dataDir");
      streamsConfig = streamsConfig == null ? Map.of() : Map.copyOf(streamsConfig);
      requirePort(kafkaPort, "--kafka-port");
      requirePort(registryPort, "--registry-port");
      requirePort(httpPort, "--http-port");
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions: expected an integer >= 1, got " + partitions);
      }
    }

    /** The defaults: ports 9092, 8081 and 8080, one partition. */
    public static Settings defaults(Path dataDir) {
      return new Settings(dataDir, false, DEFAULT_KAFKA_PORT, DEFAULT_REGISTRY_PORT, DEFAULT_HTTP_PORT, DEFAULT_PARTITIONS,
          Map.of());
    }

    public Settings withFresh(boolean value) {
      return new Settings(dataDir, value, kafkaPort, registryPort, httpPort, partitions, streamsConfig);
    }

    public Settings withPorts(int kafka, int registry, int http) {
      return new Settings(dataDir, fresh, kafka, registry, http, partitions, streamsConfig);
    }

    public Settings withStreamsConfig(Map<String, ?> value) {
      return new Settings(dataDir, fresh, kafkaPort, registryPort, httpPort, partitions, value);
    }

    private static void requirePort(int port, String flag) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(flag + ": expected a port 0..65535, got " + port);
      }
    }
  }

  /** What is running, last started first, for {@link #close()}. */
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final DataDirectory data;
  private Observability observability;
  private EmbeddedKafka kafka;
  private RegistryServer registry;
  private IndicatorApplication streams;
  private String applicationServer;
  private HttpServer http;
  private ExecutorService httpWorkers;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread shutdownHook;
  private boolean closed;

  private EmbeddedRuntime(DataDirectory data) {
    this.data = data;
  }

  /**
   * Starts everything, or nothing: when a step fails, what was started is stopped again.
   *
   * @throws PortInUseException when a port is taken (nothing was started, the data directory untouched)
   * @throws IllegalArgumentException when the data directory may not be used ({@link DataDirectory#check})
   */
  public static EmbeddedRuntime start(Settings settings) {
    DataDirectory.check(settings.dataDir(), settings.fresh());
    int kafkaPort = resolve(settings.kafkaPort(), "Kafka broker", "--kafka-port");
    int registryPort = resolve(settings.registryPort(), "schema registry", "--registry-port");
    int httpPort = resolve(settings.httpPort(), "HTTP API", "--http-port");
    int controllerPort = PortInUseException.anyFree();

    EmbeddedRuntime runtime = new EmbeddedRuntime(DataDirectory.prepare(settings.dataDir(), settings.fresh()));
    // Registered first, so Ctrl-C while starting stops what has started (the broker cleanly).
    runtime.shutdownHook = new Thread(runtime::close, "peerpulse-embedded-shutdown");
    Runtime.getRuntime().addShutdownHook(runtime.shutdownHook);
    try {
      runtime.startAll(settings, kafkaPort, registryPort, httpPort, controllerPort);
    } catch (RuntimeException | Error e) {
      runtime.close();
      throw e;
    }
    return runtime;
  }

  private static int resolve(int port, String purpose, String flag) {
    if (port == 0) {
      return PortInUseException.anyFree();
    }
    PortInUseException.requireFree(port, purpose, flag);
    return port;
  }

  private void startAll(Settings settings, int kafkaPort, int registryPort, int httpPort, int controllerPort) {
    // First started, last closed: every other component's meters are bound to it.
    observability = new Observability();
    started(observability);
    kafka = EmbeddedKafka.start(data.kafka(), kafkaPort, controllerPort);
    started(kafka);
    // Building the topology and the Kafka Streams client takes seconds of class loading: do it
    // while the topics and the registry are set up. (Not earlier: its clients start connecting at
    // once and would fill the log with warnings until the broker listens.)
    CompletableFuture<IndicatorApplication> application = CompletableFuture.supplyAsync(() -> new IndicatorApplication(
        streamsConfig(settings, kafka.bootstrapServers(), "http://localhost:" + registryPort, httpPort), observability.pipeline()));
    try {
      startRest(settings, registryPort, httpPort, application);
    } catch (RuntimeException | Error e) {
      if (streams == null) { // built but never handed to close(): release its state directory and threads
        application.thenAccept(app -> app.close(Duration.ZERO));
      }
      throw e;
    }
  }

  private void startRest(Settings settings, int registryPort, int httpPort, CompletableFuture<IndicatorApplication> application) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicAdmin.Result topics = TopicAdmin.ensure(admin, settings.partitions(), (short) 1);
      LOG.info("Topics: {} created, {} existing", topics.created().size(), topics.existing().size());
    }

    registry = startRegistry(RegistryServerConfig.builder().port(registryPort).bootstrapServers(kafka.bootstrapServers()).build());
    started(registry);

    try {
      streams = application.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e; // e.g. an invalid key, named in the message
    }
    started(streams);
    observability.bindStreams(streams.kafkaStreams());
    streams.start();

    IngestService ingest = IngestService.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        StreamsAppConfig.SCHEMA_REGISTRY_URL, registry.url().toString()), Optional.empty(), observability.pipeline(),
        observability::bindClient);
    started(ingest); // after the HTTP server stops (pushed later, closed earlier)
    try {
      http = HttpServer.create(new InetSocketAddress(httpPort), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the HTTP API to port " + httpPort + " (--http-port)", e);
    }
    httpWorkers = Executors.newFixedThreadPool(4, daemonThreads());
    http.setExecutor(httpWorkers);
    IngestHttp.mount(http, ingest);
    IndicatorApplication app = streams;
    OpsHttp.mount(http, observability, () -> new Health.StreamsStatus(app.state(), app.restoringStores()));
    Dashboard.mount(http); // the "/" context: every path the APIs here do not claim
    QueryHttp query = QueryHttp.mount(http, app.kafkaStreams(), applicationServer,
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), QuerySettings.DEFAULTS);
    started(query); // closed after the server stops (pushed before it)
    http.start();
    started(() -> {
      http.stop(1);
      httpWorkers.shutdown();
      httpWorkers.awaitTermination(5, TimeUnit.SECONDS);
    });
    LOG.info("Embedded runtime started: Kafka {}, registry {}, HTTP {}", kafka.bootstrapServers(), registry.url(), httpUrl());
  }

  /**
   * Starts the registry, retrying for a while: on a first start it creates {@code _schemas} and
   * reads its end offset at once, which a broker answers with UNKNOWN_TOPIC_OR_PARTITION until
   * the new topic's metadata has reached it (a fraction of a second).
   */
  public static RegistryServer startRegistry(RegistryServerConfig config) {
    long deadline = System.nanoTime() + REGISTRY_START_TIMEOUT.toNanos();
    while (true) {
      try {
        return RegistryServer.start(config);
      } catch (RegistryException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        LOG.debug("Schema registry not ready yet, retrying: {}", e.getMessage());
      }
      try {
        TimeUnit.MILLISECONDS.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the schema registry", e);
      }
    }
  }

  /** The streams application's keys: the runtime's own over the defaults, {@code settings.streamsConfig()} last. */
  private Map<String, Object> streamsConfig(Settings settings, String bootstrapServers, String registryUrl, int httpPort) {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, registryUrl);
    config.put(StreamsConfig.STATE_DIR_CONFIG, data.streams().toString());
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    config.put(StreamsAppConfig.REPARTITION_PARTITIONS, Integer.toString(settings.partitions()));
    // A record crosses several sub-topologies, each visible to the next only after a commit; the
    // exactly-once default (100 ms) keeps that latency low and commits are cheap on one broker.
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
    // Kafka Streams does not leave the group on close (a bounce should not rebalance), so a
    // restarted runtime would wait for the old member's session to expire (45 s) before it
    // runs. A static member id lets the restarted instance take its place at once.
    config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, APPLICATION_ID + "-embedded");
    // Where the query API's other instances would reach this one; alone here, it only names itself.
    config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + httpPort);
    config.putAll(settings.streamsConfig());
    applicationServer = String.valueOf(config.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
    return config;
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "peerpulse-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The HTTP server on {@code --http-port}; features mount their contexts on it ({@code createContext}). */
  public HttpServer httpServer() {
    return http;
  }

  /** {@code http://localhost:<http port>}. */
  public URI httpUrl() {
    return URI.create("http://localhost:" + http.getAddress().getPort());
  }

  /** {@code localhost:<kafka port>}. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The Kafka cluster id; the same across restarts on one data directory. */
  public String clusterId() {
    return kafka.clusterId();
  }

  /** The schema registry's URL. */
  public URI registryUrl() {
    return registry.url();
  }

  /** The process's meters ({@code GET /metrics}); features add their own to {@link Observability#registry()}. */
  public Observability observability() {
    return observability;
  }

  /** The running streams application (state, interactive queries). */
  public IndicatorApplication streams() {
    return streams;
  }

  public DataDirectory dataDirectory() {
    return data;
  }

  /**
   * Closes {@code component} when the runtime closes, before everything started so far: a feature
   * mounted on the runtime (a producer, a consumer) registers here so it stops before the broker.
   *
   * @throws IllegalStateException when the runtime is already closed
   */
  public synchronized void closeFirst(AutoCloseable component) {
    if (closed) {
      throw new IllegalStateException("the embedded runtime is closed");
    }
    running.push(component);
  }

  /** Records a started component; when the runtime was closed meanwhile (Ctrl-C while starting), stops it at once. */
  private synchronized void started(AutoCloseable component) {
    if (closed) {
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
      }
      throw new IllegalStateException("the embedded runtime was stopped while starting");
    }
    running.push(component);
  }

  /** Blocks until {@link #close()} has finished (called by anyone, the shutdown hook included). */
  public void awaitClosed() throws InterruptedException {
    stopped.await();
  }

  /** Stops everything in the reverse order of starting; safe to call twice and from the shutdown hook. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    removeShutdownHook();
    try {
      for (AutoCloseable component = next(); component != null; component = next()) {
        try {
          component.close();
        } catch (Exception e) {
          LOG.warn("Stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
        }
      }
      LOG.info("Embedded runtime stopped");
    } finally {
      stopped.countDown();
    }
  }

  private synchronized AutoCloseable next() {
    return running.poll();
  }

  private void removeShutdownHook() {
    if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs (or ran) close() itself.
    }
  }
}
