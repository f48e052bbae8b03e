package io.peerpulse.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.peerpulse.streams.cells.Indicator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's routes on a real JDK HTTP server (any free port), beside another API's context. */
class DashboardTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    // Another API's context: the dashboard, mounted on "/", must leave it alone.
    server.createContext("/v1/indicators", exchange -> {
      byte[] body = "{\"rows\":[],\"count\":0}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    Dashboard.mount(server);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void thePageIsServedAtTheRootAndPerProgrammeAndLoadsChartJsFromThisServer() throws Exception {
    for (String path : List.of("/", "/?programme=UPSIDES", "/programme/UPSIDES", "/programme/CTI_TS")) {
      HttpResponse<String> page = get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
      assertThat(page.body()).contains("<h1>").doesNotContain("{{");
    }
    String page = get("/").body();
    List<String> scripts = attributes(page, "script", "src");
    assertThat(scripts).as("Chart.js from the webjar, then the page's script").hasSize(2);
    assertThat(scripts.get(0)).isEqualTo("/webjars/chart.js/" + Dashboard.chartJsVersion(getClass().getClassLoader())
        + "/dist/chart.umd.js");
    List<String> local = new ArrayList<>(scripts);
    local.addAll(attributes(page, "link", "href").stream().filter(href -> !href.startsWith("data:")).toList());
    for (String asset : local) {
      assertThat(asset).as("no CDN: every asset from this server").startsWith("/");
      HttpResponse<String> answer = get(asset);
      assertThat(answer.statusCode()).as(asset).isEqualTo(200);
      assertThat(answer.body()).as(asset).isNotBlank();
    }
    assertThat(get(scripts.get(0)).body()).contains("Chart.js v" + Dashboard.chartJsVersion(getClass().getClassLoader()));
  }

  @Test
  void filesHaveTheirContentTypes() throws Exception {
    assertThat(get("/dashboard/app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(get("/dashboard/style.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    HttpResponse<String> webjar = get("/webjars/chart.js/" + Dashboard.chartJsVersion(getClass().getClassLoader())
        + "/package.json");
    assertThat(webjar.statusCode()).isEqualTo(200);
    assertThat(webjar.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(webjar.headers().firstValue("Cache-Control")).get().asString().contains("max-age");
    assertThat(get("/dashboard/app.js").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void theCatalogueNamesEveryIndicatorWithItsUnitAndFamily() throws Exception {
    HttpResponse<String> answer = get(Dashboard.CATALOGUE_PATH);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode catalogue = new ObjectMapper().readTree(answer.body());
    List<String> ids = new ArrayList<>();
    catalogue.get("indicators").forEach(entry -> {
      ids.add(entry.get("id").asText());
      assertThat(entry.get("title").asText()).as(entry.get("id").asText()).isNotBlank().isNotEqualTo(entry.get("id").asText());
      assertThat(entry.get("unit").asText()).as(entry.get("id").asText()).isNotBlank();
    });
    assertThat(ids).containsExactly(java.util.Arrays.stream(Indicator.values()).map(Enum::name).toArray(String[]::new));
    JsonNode caseload = catalogue.get("indicators").get(Indicator.PSW_CASELOAD.ordinal());
    assertThat(caseload.get("perSite").asBoolean()).isTrue();
    assertThat(caseload.get("totals").asBoolean()).isFalse();
    assertThat(caseload.get("periodTypes").toString()).isEqualTo("[\"WEEK\",\"ROLLING_28D\"]");
  }

  @Test
  void unknownPathsFoldersAndTraversalAre404() throws Exception {
    String version = Dashboard.chartJsVersion(getClass().getClassLoader());
    for (String path : List.of("/nothing", "/dashboard/missing.js", "/dashboard/", "/dashboard/index.html",
        "/programme/", "/programme/a/b", "/webjars/chart.js", "/webjars/chart.js/" + version + "/dist",
        "/webjars/chart.js/" + version + "/dist.js", "/dashboard/.hidden.js", "/dashboard/app.exe",
        "/dashboard/%2e%2e/simplelogger.properties", "/webjars/../../io/peerpulse/app/PeerPulse.class")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
    // A raw request line, as a client that does not normalise "..": must not escape the resource folder.
    assertThat(rawStatus("/dashboard/../simplelogger.properties")).isEqualTo(404);
    assertThat(rawStatus("/webjars/../../../simplelogger.properties")).isEqualTo(404);
    assertThat(get("/v1/indicators").body()).as("another context keeps its paths").contains("\"rows\"");
  }

  @Test
  void onlyGetAndHeadAreAllowed() throws Exception {
    HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(url("/")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    HttpResponse<String> head = CLIENT.send(HttpRequest.newBuilder(url("/dashboard/app.js"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length")).hasValue(
        Integer.toString(get("/dashboard/app.js").body().getBytes(StandardCharsets.UTF_8).length));
  }

  @Test
  void pathSegmentsMustBePlainNames() {
    assertThat(Dashboard.safe("chart.js/4.4.9/dist/chart.umd.js")).isTrue();
    assertThat(Dashboard.safe("../x.js")).isFalse();
    assertThat(Dashboard.safe("a//b.js")).isFalse();
    assertThat(Dashboard.safe(".x.js")).isFalse();
    assertThat(Dashboard.safe("a\\..\\b.js")).isFalse();
    assertThat(Dashboard.safe("")).isFalse();
  }

  private static List<String> attributes(String html, String tag, String attribute) {
    Matcher matcher = Pattern.compile("<" + tag + "\\b[^>]*\\b" + attribute + "=\"([^\"]+)\"").matcher(html);
    List<String> values = new ArrayList<>();
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + server.getAddress().getPort() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The status of a GET sent as written, without the client resolving dot segments. */
  private int rawStatus(String path) throws IOException {
    try (Socket socket = new Socket("localhost", server.getAddress().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }
}
