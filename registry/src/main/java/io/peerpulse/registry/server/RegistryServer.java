package io.peerpulse.registry.server;

import com.sun.net.httpserver.HttpServer;
import io.peerpulse.registry.core.KafkaSchemaStore;
import io.peerpulse.registry.core.SchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry over HTTP, on the JDK's own
 * {@link com.sun.net.httpserver.HttpServer} (no web framework, so it embeds next to Kafka
 * Connect's Jetty without conflicts). Confluent's clients and serdes work against it unchanged.
 *
 * <pre>{@code
 * try (RegistryServer server = RegistryServer.start(RegistryServerConfig.builder()
 *     .port(0).bootstrapServers("localhost:9092").build())) {
 *   URI url = server.url(); // http://localhost:<port>
 * }
 * }</pre>
 *
 * <p>With bootstrap servers, schemas live in a compacted Kafka topic and survive restarts;
 * several servers on one topic agree. Without, they live in memory.
 */
public final class RegistryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

  static {
    // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, a
    // keep-alive client then waits for the delayed ACK (~40 ms per request). The property is read
    // once, when the JDK's server configuration class loads, so set it before the first server.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer http;
  private final ExecutorService workers;
  private final SchemaRegistry registry;
  private final boolean ownsRegistry;
  private final String host;

  private RegistryServer(HttpServer http, ExecutorService workers, SchemaRegistry registry,
      boolean ownsRegistry, String host) {
    this.http = http;
    this.workers = workers;
    this.registry = registry;
    this.ownsRegistry = ownsRegistry;
    this.host = host;
  }

  /**
   * Starts a server with its own registry: on Kafka when {@code config} names bootstrap servers
   * (the topic is read to its end before the port opens), else in memory.
   *
   * @throws io.peerpulse.registry.core.RegistryException when Kafka cannot be read
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static RegistryServer start(RegistryServerConfig config) {
    SchemaRegistry registry = config.usesKafka()
        ? new SchemaRegistry(new KafkaSchemaStore(config.bootstrapServers(), config.topic(),
            config.kafkaProperties(), config.kafkaTimeout()))
        : SchemaRegistry.inMemory();
    try {
      return start(config, registry, true);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  /**
   * Serves an existing registry (for example one shared with in-process code); the registry is
   * not closed with the server. {@code config}'s Kafka settings are ignored.
   */
  public static RegistryServer start(RegistryServerConfig config, SchemaRegistry registry) {
    return start(config, registry, false);
  }

  private static RegistryServer start(RegistryServerConfig config, SchemaRegistry registry,
      boolean ownsRegistry) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind the schema registry to " + config.host() + ":"
          + config.port(), e);
    }
    ExecutorService workers = Executors.newFixedThreadPool(config.threads(), daemonThreads());
    http.setExecutor(workers);
    http.createContext("/", new RegistryHttpHandler(new RegistryRoutes(registry),
        BasicAuth.of(config.basicAuth())));
    http.start();
    RegistryServer server = new RegistryServer(http, workers, registry, ownsRegistry,
        config.host());
    LOG.info("Schema registry listening on {} (store: {})", server.url(),
        config.usesKafka() && ownsRegistry ? "Kafka topic " + config.topic() : "memory");
    return server;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The bound port (the real one when the config asked for 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Base URL for clients; a wildcard bind address is reported as {@code localhost}. */
  public URI url() {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    return URI.create("http://" + shown + ":" + port());
  }

  /** The registry this server answers from. */
  public SchemaRegistry registry() {
    return registry;
  }

  /** Stops accepting requests, lets running ones finish briefly, then closes the store. */
  @Override
  public void close() {
    http.stop(0);
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsRegistry) {
      registry.close();
    }
  }
}
