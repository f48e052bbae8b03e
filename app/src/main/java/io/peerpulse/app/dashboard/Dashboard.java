package io.peerpulse.app.dashboard;

import io.peerpulse.app.security.HttpAccess;
import io.peerpulse.app.security.Role;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluators' dashboard (spec/interfaces.md, "HTTP": {@code GET /}): a static page per
 * programme whose script reads {@code GET /v1/indicators} (the query API) and draws one chart per
 * indicator with Chart.js. Everything is served from the classpath, so the page works on a closed
 * network (no CDN, no web fonts).
 *
 * <ul>
 *   <li>{@code GET /}: the programme picker (the page lists the programmes found in the query API
 *       and opens the only one directly); {@code GET /?programme=X} and {@code GET /programme/X}:
 *       the dashboard of programme X;
 *   <li>{@code GET /dashboard/<file>}: the page's script and style ({@code app/src/main/resources/dashboard/})
 *       and {@value #CATALOGUE_PATH} (indicator titles, units and families, from {@link IndicatorCatalogue});
 *   <li>{@code GET /webjars/<path>}: files of the webjars on the classpath ({@code META-INF/resources/webjars/}),
 *       Chart.js among them.
 * </ul>
 *
 * Anything else answers 404; only GET and HEAD are allowed. Paths are checked segment by segment
 * (letters, digits, {@code . _ -}, no segment starting with a dot), so no request reaches outside
 * the two resource folders.
 */
public final class Dashboard {

  /** The programme page: {@code /programme/<programme id>}. */
  public static final String PROGRAMME_PATH = "/programme/";
  public static final String ASSETS_PATH = "/dashboard/";
  public static final String WEBJARS_PATH = "/webjars/";
  public static final String CATALOGUE_PATH = ASSETS_PATH + "catalogue.json";

  static final String RESOURCE_FOLDER = "dashboard/";
  static final String WEBJAR_FOLDER = "META-INF/resources/webjars/";
  private static final String INDEX = RESOURCE_FOLDER + "index.html";
  private static final String CHART_JS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
  /** Replaced in index.html by the path of Chart.js in its webjar, so the version lives in the pom only. */
  private static final String CHART_JS_PLACEHOLDER = "{{CHART_JS}}";

  /** The page may load nothing but its own server's files: a stray CDN reference fails visibly in tests. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Map<String, String> CONTENT_TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "json", "application/json; charset=utf-8",
      "map", "application/json; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "txt", "text/plain; charset=utf-8",
      "md", "text/plain; charset=utf-8");

  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  private final ClassLoader classLoader;
  private final byte[] index;
  private final byte[] catalogue;
  /** Files already read, by classpath name: only files that exist, so the map is bounded by the jar's contents. */
  private final Map<String, byte[]> resources = new ConcurrentHashMap<>();

  private Dashboard(ClassLoader classLoader) {
    this.classLoader = classLoader;
    String chartJs = WEBJARS_PATH + "chart.js/" + chartJsVersion(classLoader) + "/dist/chart.umd.js";
    String page = new String(read(classLoader, INDEX)
        .orElseThrow(() -> new IllegalStateException("the dashboard page " + INDEX + " is missing from the classpath")),
        StandardCharsets.UTF_8);
    this.index = page.replace(CHART_JS_PLACEHOLDER, chartJs).getBytes(StandardCharsets.UTF_8);
    this.catalogue = IndicatorCatalogue.json().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Mounts the dashboard on {@code server} as its {@code /} context, so it answers every path no
   * other context (the ingest, query and operations APIs) claims. With HTTP authentication on it
   * needs the evaluator role, like the query API it reads (HTTP Basic, so a browser can log in).
   *
   * @throws IllegalStateException when the page or Chart.js is missing from the classpath (a broken build)
   */
  public static void mount(HttpServer server) {
    Dashboard dashboard = new Dashboard(Dashboard.class.getClassLoader());
    HttpAccess.protect(server.createContext("/", dashboard::handle), Role.EVALUATOR);
  }

  /** Chart.js's version, from its webjar's Maven metadata. */
  static String chartJsVersion(ClassLoader classLoader) {
    byte[] pom = read(classLoader, CHART_JS_POM).orElseThrow(() -> new IllegalStateException(
        "Chart.js (org.webjars.npm:chart.js) is missing from the classpath: " + CHART_JS_POM + " not found"));
    Properties properties = new Properties();
    try {
      properties.load(new ByteArrayInputStream(pom));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = properties.getProperty("version");
    if (version == null || !SEGMENT.matcher(version).matches()) {
      throw new IllegalStateException(CHART_JS_POM + ": expected a version, got " + version);
    }
    return version;
  }

  private record Reply(int status, String contentType, byte[] body, String cacheControl) {

    static Reply text(int status, String message) {
      return new Reply(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8), "no-store");
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      Reply reply;
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply = Reply.text(405, "method " + method + ": expected GET or HEAD");
      } else {
        try {
          reply = route(exchange.getRequestURI().getPath());
        } catch (RuntimeException e) {
          LOG.error("Answering {} failed", exchange.getRequestURI().getPath(), e);
          reply = Reply.text(500, "internal error (logged on the server)");
        }
      }
      send(exchange, reply, method.equals("HEAD"));
    }
  }

  private Reply route(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return page();
    }
    if (path.startsWith(PROGRAMME_PATH)) {
      String programme = path.substring(PROGRAMME_PATH.length());
      // The page reads the programme from its own URL; any id without a slash is one the query API may hold.
      return programme.isEmpty() || programme.contains("/") ? notFound(path) : page();
    }
    if (path.equals(CATALOGUE_PATH)) {
      return new Reply(200, CONTENT_TYPES.get("json"), catalogue, "no-cache");
    }
    if (path.startsWith(ASSETS_PATH)) {
      return file(RESOURCE_FOLDER, path.substring(ASSETS_PATH.length()), "no-cache", path);
    }
    if (path.startsWith(WEBJARS_PATH)) {
      // A webjar path carries its version: its content never changes under that path.
      return file(WEBJAR_FOLDER, path.substring(WEBJARS_PATH.length()), "public, max-age=86400, immutable", path);
    }
    return notFound(path);
  }

  private Reply page() {
    return new Reply(200, CONTENT_TYPES.get("html"), index, "no-cache");
  }

  /** A file under {@code folder}, when every segment of {@code relative} is a plain name and its type is known. */
  private Reply file(String folder, String relative, String cacheControl, String path) {
    Optional<String> type = contentType(relative);
    if (type.isEmpty() || !safe(relative) || (folder + relative).equals(INDEX)) {
      return notFound(path);
    }
    String name = folder + relative;
    byte[] bytes = resources.get(name);
    if (bytes == null) {
      Optional<byte[]> read = read(classLoader, name);
      if (read.isEmpty()) {
        return notFound(path);
      }
      bytes = read.get();
      resources.put(name, bytes);
    }
    return new Reply(200, type.get(), bytes, cacheControl);
  }

  /** Whether each '/'-separated segment is a plain file or folder name (no '..', no empty or hidden segment). */
  static boolean safe(String relative) {
    List<String> segments = List.of(relative.split("/", -1));
    return !segments.isEmpty() && segments.stream().allMatch(s -> SEGMENT.matcher(s).matches());
  }

  static Optional<String> contentType(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : Optional.ofNullable(CONTENT_TYPES.get(name.substring(dot + 1)));
  }

  private static Reply notFound(String path) {
    return Reply.text(404, "no such page: " + path + " (the dashboard is at /, a programme at " + PROGRAMME_PATH
        + "<programme>)");
  }

  /** A classpath file's bytes; empty for a missing name and for a folder (which would open as a listing or nothing). */
  private static Optional<byte[]> read(ClassLoader classLoader, String name) {
    URL url = classLoader.getResource(name);
    if (url == null) {
      return Optional.empty();
    }
    try {
      URLConnection connection = url.openConnection();
      if (connection instanceof JarURLConnection jar && jar.getJarEntry().isDirectory()
          || url.getProtocol().equals("file") && !Files.isRegularFile(Path.of(url.toURI()))) {
        return Optional.empty();
      }
      try (InputStream in = connection.getInputStream()) {
        return Optional.of(in.readAllBytes());
      }
    } catch (IOException | URISyntaxException e) {
      throw new UncheckedIOException("cannot read " + name + " from the classpath",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.getResponseHeaders().set("Cache-Control", reply.cacheControl());
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (reply.contentType().startsWith("text/html")) {
      exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(reply.body().length));
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(reply.status(), reply.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply.body());
    }
  }
}
