package io.peerpulse.app.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.peerpulse.app.security.HttpAccess;
import io.peerpulse.app.security.Role;
import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.compute.IndicatorRow;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API on the JDK's {@link HttpServer} (spec/interfaces.md, "HTTP"; docs/query-and-export.md).
 *
 * <ul>
 *   <li>{@code GET /v1/indicators?indicator=&site=&programme=&arm=&period_type=&from=&to=}: the published
 *       rows the filters match, from every instance ({@link IndicatorQueryService}); JSON
 *       ({@link IndicatorJson}), or the indicator CSV with {@code Accept: text/csv} or {@code format=csv}.
 *   <li>{@code GET /v1/internal/indicators?partitions=0,3&<filters>}: between instances; the rows of the
 *       named partitions of this instance's store only, all or none (503).
 * </ul>
 *
 * <table>
 *   <caption>Answers of {@code GET /v1/indicators}</caption>
 *   <tr><th>status</th><th>when</th><th>body</th></tr>
 *   <tr><td>200</td><td>every partition of the published store was read</td><td>rows (JSON or CSV)</td></tr>
 *   <tr><td>400</td><td>an unknown, repeated or invalid parameter</td><td>{@code {"error":...,"parameter":...}}</td></tr>
 *   <tr><td>404, 405</td><td>another path; a method other than GET</td><td>{@code {"error":...}}</td></tr>
 *   <tr><td>503</td><td>some partition unavailable after retrying (rebalance, restore, an instance down), or too
 *       many queries at once; {@code Retry-After} seconds</td><td>{@code {"error":...}}</td></tr>
 * </table>
 *
 * Queries run on a small pool of their own, not on the server's threads: a query waits for other
 * instances, whose own queries may be waiting for this one's internal endpoint at the same time.
 */
public final class QueryHttp implements AutoCloseable {

  public static final String PATH = "/v1/indicators";
  public static final String INTERNAL_PATH = "/v1/internal/indicators";
  /** {@code json} or {@code csv}; overrides the {@code Accept} header. */
  public static final String FORMAT = "format";
  static final String PARTITIONS = "partitions";
  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String CSV_TYPE = "text/csv; charset=utf-8";
  static final String CSV_FILE_NAME = "peerpulse-indicators.csv";

  private static final Logger LOG = LoggerFactory.getLogger(QueryHttp.class);

  /** The answer's format. */
  enum Format { JSON, CSV }

  private final IndicatorQueryService service;
  private final QuerySettings settings;
  private final ThreadPoolExecutor coordinators;
  private final List<AutoCloseable> owned;

  private QueryHttp(IndicatorQueryService service, QuerySettings settings, List<AutoCloseable> owned) {
    this.service = service;
    this.settings = settings;
    this.owned = owned;
    AtomicInteger count = new AtomicInteger();
    this.coordinators = new ThreadPoolExecutor(settings.coordinatorThreads(), settings.coordinatorThreads(), 0,
        TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, settings.queuedQueries())), runnable -> {
          Thread thread = new Thread(runnable, "peerpulse-query-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Mounts both endpoints for a streams application.
   *
   * @param streams the running (or starting) client of the indicator topology
   * @param applicationServer this instance's {@code application.server}, as given to {@code streams}
   * @param adminConfig admin client settings for the cluster ({@code bootstrap.servers}, security)
   * @return the mounted API; closing it stops its threads and clients (stop the server first)
   */
  public static QueryHttp mount(HttpServer server, KafkaStreams streams, String applicationServer,
      Map<String, Object> adminConfig, QuerySettings settings) {
    HostInfo self = ApplicationServer.hostInfo(applicationServer);
    StreamsPublishedStore store = new StreamsPublishedStore(streams, Admin.create(adminConfig));
    HttpPeerClient peers = new HttpPeerClient(settings);
    IndicatorQueryService service = new IndicatorQueryService(store, store, peers, self, settings);
    return mount(server, service, settings, List.of(peers, store));
  }

  /** Mounts both endpoints for {@code service}; closing the result closes {@code owned} too. */
  static QueryHttp mount(HttpServer server, IndicatorQueryService service, QuerySettings settings, List<AutoCloseable> owned) {
    Objects.requireNonNull(service, "service");
    QueryHttp api = new QueryHttp(service, settings, owned);
    // Evaluators (and operators) only when HTTP authentication is on. The internal endpoint serves the same
    // published values, so it is guarded alike: the other instances send an evaluator's credentials.
    HttpAccess.protect(server.createContext(PATH, api::handlePublic), Role.EVALUATOR);
    HttpAccess.protect(server.createContext(INTERNAL_PATH, api::handleInternal), Role.EVALUATOR);
    return api;
  }

  private void handlePublic(HttpExchange exchange) throws IOException {
    boolean handedOver = false;
    try {
      if (!acceptable(exchange, PATH)) {
        return;
      }
      Map<String, String> parameters;
      IndicatorFilter filter;
      Format format;
      try {
        parameters = new LinkedHashMap<>(QueryParameters.parse(exchange.getRequestURI().getRawQuery()));
        format = format(parameters.remove(FORMAT), exchange.getRequestHeaders().get("Accept"));
        filter = IndicatorFilter.of(parameters);
      } catch (InvalidFilterException e) {
        error(exchange, 400, e.getMessage(), e.parameter());
        return;
      }
      try {
        coordinators.execute(() -> answer(exchange, filter, format));
        handedOver = true;
      } catch (RejectedExecutionException e) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(settings.retryAfterSeconds()));
        error(exchange, 503, "too many indicator queries at once; retry later", null);
      }
    } catch (RuntimeException e) {
      LOG.error("Answering {} failed", PATH, e);
      error(exchange, 500, "internal error (logged on the server)", null);
    } finally {
      if (!handedOver) {
        exchange.close();
      }
    }
  }

  private void answer(HttpExchange exchange, IndicatorFilter filter, Format format) {
    try (exchange) {
      List<IndicatorRow> rows;
      try {
        rows = service.query(filter);
      } catch (QueryUnavailableException e) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(settings.retryAfterSeconds()));
        error(exchange, 503, e.getMessage(), null);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.getResponseHeaders().set("Retry-After", Long.toString(settings.retryAfterSeconds()));
        error(exchange, 503, "the server is stopping", null);
        return;
      } catch (RuntimeException e) {
        LOG.error("Answering {} failed", PATH, e);
        error(exchange, 500, "internal error (logged on the server)", null);
        return;
      }
      if (format == Format.CSV) {
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + CSV_FILE_NAME + "\"");
        send(exchange, CSV_TYPE, out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          IndicatorCsv.write(rows, writer);
        });
      } else {
        send(exchange, JSON_TYPE, out -> IndicatorJson.writePublic(rows, out));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Answering {} failed: {}", PATH, e.toString()); // mostly a client that went away
    }
  }

  private void handleInternal(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!acceptable(exchange, INTERNAL_PATH)) {
        return;
      }
      Set<Integer> partitions;
      IndicatorFilter filter;
      try {
        Map<String, String> parameters = new LinkedHashMap<>(QueryParameters.parse(exchange.getRequestURI().getRawQuery()));
        partitions = partitions(parameters.remove(PARTITIONS));
        filter = IndicatorFilter.of(parameters);
      } catch (InvalidFilterException e) {
        error(exchange, 400, e.getMessage(), e.parameter());
        return;
      }
      List<IndicatorRow> rows;
      try {
        rows = service.readLocal(partitions, filter);
      } catch (PartitionsUnavailableException e) {
        error(exchange, 503, e.getMessage(), null);
        return;
      }
      send(exchange, JSON_TYPE, out -> IndicatorJson.writePartitions(partitions, rows, out));
    } catch (RuntimeException e) {
      LOG.error("Answering {} failed", INTERNAL_PATH, e);
      error(exchange, 500, "internal error (logged on the server)", null);
    }
  }

  /** 404 for another path, 405 for another method; true when the request may be answered. */
  private static boolean acceptable(HttpExchange exchange, String path) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(path)) {
      error(exchange, 404, "no such resource: expected " + path, null);
      return false;
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      error(exchange, 405, "method " + exchange.getRequestMethod() + ": expected GET", null);
      return false;
    }
    return true;
  }

  /**
   * The format: {@code format} when given ({@code json} or {@code csv}), else the {@code Accept}
   * header's preference between {@code application/json} and {@code text/csv} (highest q, ties to
   * the one listed first); JSON when it names neither (browsers, {@code *}{@code /*}).
   */
  static Format format(String parameter, List<String> acceptHeaders) {
    if (parameter != null && !parameter.isEmpty()) {
      return switch (parameter.toLowerCase(Locale.ROOT)) {
        case "json" -> Format.JSON;
        case "csv" -> Format.CSV;
        default -> throw new InvalidFilterException(FORMAT, "expected json or csv, got \"" + parameter + "\"");
      };
    }
    if (acceptHeaders == null) {
      return Format.JSON;
    }
    Format best = Format.JSON;
    double bestQuality = 0;
    for (String header : acceptHeaders) {
      for (String range : header.split(",")) {
        String[] parts = range.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        Format candidate = type.equals("text/csv") ? Format.CSV : type.equals("application/json") ? Format.JSON : null;
        double quality = quality(parts);
        if (candidate != null && quality > bestQuality) {
          best = candidate;
          bestQuality = quality;
        }
      }
    }
    return best;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].strip().split("=", 2);
      if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("q")) {
        try {
          return Double.parseDouble(parameter[1].strip());
        } catch (NumberFormatException e) {
          return 0; // an unreadable weight: as if not acceptable
        }
      }
    }
    return 1;
  }

  /** {@code 0,2,5} → {0, 2, 5}; required, each a partition number. */
  static Set<Integer> partitions(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidFilterException(PARTITIONS, "required: the store partitions to read, e.g. 0,2");
    }
    Set<Integer> partitions = new TreeSet<>();
    for (String part : text.split(",")) {
      try {
        int partition = Integer.parseInt(part.strip());
        if (partition < 0) {
          throw new NumberFormatException();
        }
        partitions.add(partition);
      } catch (NumberFormatException e) {
        throw new InvalidFilterException(PARTITIONS, "expected partition numbers >= 0 separated by commas, got \"" + text + "\"");
      }
    }
    return partitions;
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** 200 with a streamed (chunked) body. */
  private static void send(HttpExchange exchange, String contentType, Body body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Vary", "Accept");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
      body.write(out);
    }
  }

  private static void error(HttpExchange exchange, int status, String message, String parameter) throws IOException {
    byte[] body = IndicatorJson.error(message, parameter);
    exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops the query threads (queries in progress are interrupted) and closes the clients. */
  @Override
  public void close() {
    coordinators.shutdownNow();
    try {
      coordinators.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<AutoCloseable> reversed = new ArrayList<>(owned);
    Collections.reverse(reversed);
    for (AutoCloseable resource : reversed) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
