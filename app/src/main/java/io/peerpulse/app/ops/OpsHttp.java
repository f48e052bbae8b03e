package io.peerpulse.app.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.peerpulse.app.security.HttpAccess;
import io.peerpulse.app.security.HttpSecurity;
import io.peerpulse.app.security.Role;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints (spec/interfaces.md, "HTTP"): {@code GET /metrics} (Prometheus text
 * format 0.0.4), {@code GET /health/live} and {@code GET /health/ready} ({@link Health}). Mounted on
 * the embedded runtime's server, or on a server of their own for {@code peerpulse run}
 * ({@link #start}). {@value #METRICS_PATH} is for operators when {@code http.auth} is on
 * ({@link HttpAccess}); the probes stay open.
 */
public final class OpsHttp {

  public static final String METRICS_PATH = "/metrics";
  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";
  /** What Prometheus expects for the text exposition format. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(OpsHttp.class);

  private OpsHttp() {}

  /** Mounts {@value #METRICS_PATH}, {@value #LIVE_PATH} and {@value #READY_PATH} on {@code server}. */
  public static void mount(HttpServer server, Observability metrics, Supplier<Health.StreamsStatus> streams) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(streams, "streams");
    // Metrics reveal volumes per site: operators only. The probes stay open for Kubernetes.
    HttpAccess.protect(server.createContext(METRICS_PATH, exchange -> answer(exchange, METRICS_PATH,
        () -> new Reply(200, PROMETHEUS_CONTENT_TYPE, metrics.scrape()))), Role.OPERATOR);
    server.createContext(LIVE_PATH, exchange -> answer(exchange, LIVE_PATH, () -> json(Health.live())));
    server.createContext(READY_PATH, exchange -> answer(exchange, READY_PATH, () -> json(Health.ready(streams.get()))));
  }

  /**
   * A server of its own with only these endpoints, on every interface ({@code port} 0: any free
   * one); closing it stops the server and its threads.
   *
   * @throws UncheckedIOException when the port cannot be bound, naming it
   */
  public static Server start(int port, Observability metrics, Supplier<Health.StreamsStatus> streams) {
    return start(port, HttpSecurity.NONE, metrics, streams);
  }

  /**
   * As {@link #start(int, Observability, Supplier)}, with the authentication and TLS of
   * {@code security} (HTTPS when it has a keystore; {@value #METRICS_PATH} for operators).
   */
  public static Server start(int port, HttpSecurity security, Observability metrics, Supplier<Health.StreamsStatus> streams) {
    HttpServer server;
    try {
      server = security.createServer(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the HTTP port " + port + " (http.port, --http-port): " + e.getMessage(), e);
    }
    ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "peerpulse-ops-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(workers);
    mount(server, metrics, streams);
    server.start();
    return new Server(server, workers);
  }

  /** A started operations server. */
  public static final class Server implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers;

    private Server(HttpServer server, ExecutorService workers) {
      this.server = server;
      this.workers = workers;
    }

    public int port() {
      return server.getAddress().getPort();
    }

    /** The server itself, so further APIs (the query API) share its port. */
    public HttpServer httpServer() {
      return server;
    }

    @Override
    public void close() throws InterruptedException {
      server.stop(1);
      workers.shutdown();
      workers.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private record Reply(int status, String contentType, String body) {}

  private static Reply json(Health.Answer answer) {
    return new Reply(answer.status(), "application/json; charset=utf-8", answer.body());
  }

  private static void answer(HttpExchange exchange, String path, Supplier<Reply> reply) throws IOException {
    try (exchange) {
      Reply answer;
      if (!exchange.getRequestURI().getPath().equals(path)) {
        answer = new Reply(404, "text/plain; charset=utf-8", "no such resource: expected " + path + "\n");
      } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        answer = new Reply(405, "text/plain; charset=utf-8", "method " + exchange.getRequestMethod() + ": expected GET\n");
      } else {
        try {
          answer = reply.get();
        } catch (RuntimeException e) {
          LOG.error("Answering {} failed", path, e);
          answer = new Reply(500, "text/plain; charset=utf-8", "internal error (logged on the server)\n");
        }
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(answer.status(), head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
