package io.peerpulse.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerpulse.app.embedded.EmbeddedRuntime;
import io.peerpulse.streams.StreamsAppConfig;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in a real browser: the embedded runtime (broker, streams, ingest and query API,
 * dashboard) on free ports, a small known history posted to {@code POST /v1/events}, then the page
 * opened in headless Chromium. What the page drew (the {@code data-*} counts its script sets on
 * each chart) must match the rows {@code GET /v1/indicators} answers, computed here from that JSON;
 * the history is built so that provisional values, suppressed cells, both trial arms, workload
 * rows and phase rates all occur. Leaves a screenshot in {@code <build dir>/dashboard.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code apt-get install -y chromium
 * chromium-driver}); without them the test fails saying so. Selenium Manager is never asked to
 * download a driver or browser: both paths are given.
 */
class DashboardBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String PROGRAMME = "UPSIDES";
  /** Generous: the machine may be busy; a quiet run converges within seconds. */
  private static final Duration CONVERGENCE = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(DashboardBrowserIT.class);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> PHASES = List.of("PHASE1_CONTACT_RATE", "PHASE2_CONTACT_RATE", "PHASE3_CONTACT_RATE");

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
    // Selenium Manager stays offline even if something asks it (the closed network would only time out).
    System.setProperty("SE_OFFLINE", "true");
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
  }

  @TempDir static Path dir;
  private static EmbeddedRuntime runtime;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    requireChromium();
    runtime = EmbeddedRuntime.start(EmbeddedRuntime.Settings.defaults(dir.resolve("data")).withPorts(0, 0, 0)
        .withStreamsConfig(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100", StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS, "200")));
    postEvents(History.lines());
    browser = startChromium();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  /** A missing browser is a broken test setup, not a reason to skip: fail and say how to fix it. */
  static void requireChromium() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add(CHROMIUM + " (Debian package chromium)");
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
    }
    if (!missing.isEmpty()) {
      throw new AssertionError("DashboardBrowserIT needs headless Chromium and its WebDriver; missing: "
          + String.join(", ", missing) + ". Install them with: apt-get install -y chromium chromium-driver"
          + " (.ci/run does this before the tests)");
    }
  }

  @Test
  void theChartsDrawWhatTheQueryApiAnswers() throws Exception {
    long started = System.nanoTime();
    awaitStableRows();
    LOG.info("Query API rows complete and stable after {} ms", (System.nanoTime() - started) / 1_000_000);
    browser.get(runtime.httpUrl() + "/");
    // One programme: the picker opens it directly.
    await("the picker opens the only programme").atMost(Duration.ofSeconds(15))
        .until(() -> browser.getCurrentUrl().endsWith("/programme/" + PROGRAMME));
    await("the page has drawn its charts").atMost(Duration.ofSeconds(20))
        .until(() -> Integer.parseInt(body("data-refreshes")) >= 1 && !visibleCharts().isEmpty());

    // The page polls every few seconds: compare until a poll has caught up with the API.
    AtomicReference<Expected> seen = new AtomicReference<>();
    await("the charts match /v1/indicators").atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Expected expected = expected();
      seen.set(expected);
      assertThat(drawnCharts()).isEqualTo(expected.charts());
      assertThat(phaseChart()).isEqualTo(expected.phases());
    });
    Expected expected = seen.get();
    LOG.info("Page matches the query API after {} ms", (System.nanoTime() - started) / 1_000_000);
    assertThat(browser.findElement(By.id("period-type")).getAttribute("value")).as("default period").isEqualTo("MONTH");
    assertThat(browser.findElement(By.id("arm")).getAttribute("value")).as("default arm").isEqualTo("INTERVENTION");
    assertThat(options("arm")).as("both arms of the input").containsExactly("CONTROL", "INTERVENTION");
    assertThat(checkedSites()).as("every site and the total, selected by default").containsExactly("hamburg", "pune", "ulm", "*");
    assertThat(expected.charts()).as("indicators of the input").containsKeys("ACTIVE_ENROLMENTS", "REACH_30",
        "PSW_DIRECT_HOURS", "PHASE1_CONTACT_RATE");
    int provisional = expected.charts().values().stream().mapToInt(Drawn::provisional).sum();
    int suppressed = expected.charts().values().stream().mapToInt(Drawn::suppressed).sum();
    assertThat(provisional).as("the input has provisional values").isPositive();
    assertThat(suppressed).as("the input has suppressed cells").isPositive();
    assertThat(browser.findElement(By.id("key")).getText()).contains("provisional").contains("suppressed");
    assertThat(expected.phases().points()).as("phase bars").isPositive();

    Path screenshot = Path.of(System.getProperty("buildDirectory", "target"), "dashboard.png");
    Files.createDirectories(screenshot.getParent());
    Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));

    // The table view: one row per API row of each shown indicator.
    browser.findElement(By.id("view-toggle")).click();
    await("tables shown").atMost(Duration.ofSeconds(5))
        .until(() -> browser.findElement(By.id("view-toggle")).getAttribute("aria-pressed").equals("true"));
    Map<String, Integer> tableRows = tableRows();
    Map<String, Integer> apiRows = new TreeMap<>();
    expected.rowsByIndicator().forEach((indicator, rows) -> apiRows.put(indicator, rows.size()));
    assertThat(tableRows).isEqualTo(apiRows);
    assertThat(browser.findElements(By.cssSelector("article.indicator:not([hidden]) td.suppressed"))).as("suppressed cells in the tables")
        .isNotEmpty().allSatisfy(cell -> assertThat(cell.getAttribute("textContent")).isEqualTo("suppressed"));
    assertThat(browser.findElements(By.cssSelector("article.indicator:not([hidden]) .chart-box"))).allMatch(box -> !box.isDisplayed());

    // The CSV link downloads the selection from the query API.
    String csv = browser.findElement(By.id("csv-link")).getAttribute("href");
    assertThat(csv).contains("/v1/indicators?").contains("format=csv").contains("programme=" + PROGRAMME).contains("arm=INTERVENTION");
    HttpResponse<String> download = HTTP.send(HttpRequest.newBuilder(URI.create(csv)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).startsWith("indicator,site_id,programme,arm,period_type,period_start,period_end,");

    // A narrower selection is drawn from the same answer: the other arm, one site.
    browser.findElement(By.id("view-toggle")).click();
    new Select(browser.findElement(By.id("arm"))).selectByValue("CONTROL");
    await("the control arm drawn").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(drawnCharts()).isEqualTo(expectedFor("CONTROL", "MONTH").charts()));
    // Another period type is fetched anew; the arm stays selected.
    new Select(browser.findElement(By.id("period-type"))).selectByValue("WEEK");
    await("weeks drawn").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Expected weeks = expectedFor("CONTROL", "WEEK");
      assertThat(drawnCharts()).containsKey("PSW_CASELOAD").isEqualTo(weeks.charts());
      assertThat(phaseChart()).isEqualTo(weeks.phases());
    });
    assertThat(browser.getCurrentUrl()).as("the selection is kept in the address").contains("arm=CONTROL").contains("period_type=WEEK");

    LOG.info("Arm and period switches checked after {} ms", (System.nanoTime() - started) / 1_000_000);
    assertThat(pageErrors()).as("errors in the browser console").isEmpty();
    assertThat(resourceOrigins()).as("everything the page loaded came from the app itself (no CDN)")
        .containsOnly(runtime.httpUrl().toString());
  }

  // ------------------------------------------------------------------ what the API says should be drawn

  /** What one chart shows: series (sites), plotted values, of which provisional, suppressed markers. */
  record Drawn(int series, int points, int provisional, int suppressed) {}

  record Expected(Map<String, Drawn> charts, Drawn phases, Map<String, List<JsonNode>> rowsByIndicator) {}

  private Expected expected() throws Exception {
    return expectedFor("INTERVENTION", "MONTH");
  }

  /** The charts for an arm, a period type and every site, computed from the query API's JSON as the page should. */
  private static Expected expectedFor(String arm, String periodType) throws Exception {
    List<JsonNode> programmeRows = rows(Map.of("programme", PROGRAMME, "period_type", periodType));
    Set<String> sites = programmeRows.stream().map(r -> r.get("site_id").asText()).filter(s -> !s.equals("*"))
        .collect(Collectors.toCollection(TreeSet::new));
    List<JsonNode> shown = new ArrayList<>(programmeRows.stream().filter(r -> r.get("arm").asText().equals(arm)).toList());
    // Workload rows (programme = arm = "*") of the programme's sites.
    rows(Map.of("programme", "*", "period_type", periodType)).stream()
        .filter(r -> sites.contains(r.get("site_id").asText())).forEach(shown::add);
    Map<String, List<JsonNode>> byIndicator = shown.stream()
        .collect(Collectors.groupingBy(r -> r.get("indicator").asText(), TreeMap::new, Collectors.toList()));
    Map<String, Drawn> charts = new TreeMap<>();
    byIndicator.forEach((indicator, rows) -> charts.put(indicator, drawn(rows)));

    // Phase rates exist for MONTH only; the page shows them whatever the period type.
    List<JsonNode> phaseRows = rows(Map.of("programme", PROGRAMME, "period_type", "MONTH")).stream()
        .filter(r -> r.get("arm").asText().equals(arm) && PHASES.contains(r.get("indicator").asText())).toList();
    return new Expected(charts, phaseBars(phaseRows), byIndicator);
  }

  private static Drawn drawn(List<JsonNode> rows) {
    int series = (int) rows.stream().map(r -> r.get("site_id").asText()).distinct().count();
    int points = (int) rows.stream().filter(r -> !r.get("value").isNull()).count();
    int provisional = (int) rows.stream().filter(r -> !r.get("value").isNull() && r.get("status").asText().equals("PROVISIONAL")).count();
    int suppressed = (int) rows.stream().filter(r -> r.get("suppressed").asBoolean() && r.get("value").isNull()).count();
    return new Drawn(series, points, provisional, suppressed);
  }

  /**
   * The phase chart: a bar per site and phase pooled from its unsuppressed months (FINAL ones where
   * any, else provisional: then counted as provisional); suppressed months are counted apart.
   */
  private static Drawn phaseBars(List<JsonNode> rows) {
    if (rows.isEmpty()) {
      return null;
    }
    Map<String, List<JsonNode>> bySitePhase = rows.stream()
        .collect(Collectors.groupingBy(r -> r.get("site_id").asText() + "|" + r.get("indicator").asText()));
    int bars = 0;
    int provisional = 0;
    for (List<JsonNode> group : bySitePhase.values()) {
      List<JsonNode> usable = group.stream().filter(r -> !r.get("suppressed").asBoolean() && !r.get("numerator").isNull()
          && !r.get("denominator").isNull()).toList();
      boolean anyFinal = usable.stream().anyMatch(r -> r.get("status").asText().equals("FINAL"));
      double personDays = usable.stream().filter(r -> !anyFinal || r.get("status").asText().equals("FINAL"))
          .mapToDouble(r -> r.get("denominator").asDouble()).sum();
      if (personDays > 0) {
        bars++;
        provisional += anyFinal ? 0 : 1;
      }
    }
    int suppressed = (int) rows.stream().filter(r -> r.get("suppressed").asBoolean()).count();
    int series = PHASES.size();
    return new Drawn(series, bars, provisional, suppressed);
  }

  // ------------------------------------------------------------------ what the page drew

  private static List<WebElement> visibleCharts() {
    return browser.findElements(By.cssSelector("article.indicator:not([hidden]) .chart-box"));
  }

  private static Map<String, Drawn> drawnCharts() {
    Map<String, Drawn> drawn = new TreeMap<>();
    for (WebElement box : visibleCharts()) {
      drawn.put(box.getAttribute("data-indicator"), drawn(box));
    }
    return drawn;
  }

  private static Drawn phaseChart() {
    if (!browser.findElement(By.id("phases")).isDisplayed()) {
      return null;
    }
    return drawn(browser.findElement(By.id("phase-chart-box")));
  }

  private static Drawn drawn(WebElement box) {
    return new Drawn(number(box, "data-series"), number(box, "data-points"), number(box, "data-provisional"),
        number(box, "data-suppressed"));
  }

  private static int number(WebElement element, String attribute) {
    String value = element.getAttribute(attribute);
    return value == null ? -1 : Integer.parseInt(value);
  }

  private static Map<String, Integer> tableRows() {
    Map<String, Integer> rows = new TreeMap<>();
    for (WebElement box : browser.findElements(By.cssSelector("article.indicator:not([hidden]) .table-box"))) {
      assertThat(box.isDisplayed()).isTrue();
      int bodyRows = box.findElements(By.cssSelector("tbody tr")).size();
      assertThat(bodyRows).as("data-rows of %s", box.getAttribute("data-indicator")).isEqualTo(number(box, "data-rows"));
      rows.put(box.getAttribute("data-indicator"), bodyRows);
    }
    return rows;
  }

  private static List<String> options(String selectId) {
    return browser.findElement(By.id(selectId)).findElements(By.tagName("option")).stream()
        .map(o -> o.getAttribute("value")).toList();
  }

  private static List<String> checkedSites() {
    return browser.findElements(By.cssSelector("#sites input:checked")).stream().map(i -> i.getAttribute("value")).toList();
  }

  private static String body(String attribute) {
    return browser.findElement(By.tagName("body")).getAttribute(attribute);
  }

  /** Console errors of the page, except failed loads the page retries by design (503 during a rebalance). */
  private static List<String> pageErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !entry.getMessage().contains("status of 503")) {
        errors.add(entry.getMessage());
      }
    }
    return errors;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> resourceOrigins() {
    List<String> urls = (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
    return urls.stream().map(u -> {
      URI uri = URI.create(u);
      return uri.getScheme() + "://" + uri.getAuthority();
    }).collect(Collectors.toCollection(TreeSet::new));
  }

  // ------------------------------------------------------------------ set-up helpers

  private static ChromeDriver startChromium() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Without the background-networking flags Chromium's own connections are refused on a closed network.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1400,1800", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static void postEvents(List<String> lines) throws Exception {
    HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(runtime.httpUrl().resolve("/v1/events"))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(posted.body()).contains("\"accepted\":" + lines.size());
  }

  /**
   * Waits until the last month's rows of every site and arm of the input are there (the last
   * events have gone all the way through) and two reads agree.
   */
  private static void awaitStableRows() {
    AtomicReference<String> previous = new AtomicReference<>("");
    await("the query API has the input's rows").atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      List<JsonNode> last = new ArrayList<>(rows(Map.of("programme", PROGRAMME, "period_type", "MONTH", "from", History.LAST_MONTH)));
      last.addAll(rows(Map.of("programme", "*", "period_type", "MONTH", "from", History.LAST_MONTH)));
      Set<String> cells = last.stream().map(r -> r.get("indicator").asText() + " " + r.get("site_id").asText() + " "
          + r.get("arm").asText()).collect(Collectors.toSet());
      String now = JSON.writeValueAsString(last);
      assertThat(cells).as("cells of %s (streams %s)", History.LAST_MONTH, runtime.streams().state())
          .containsAll(History.LAST_MONTH_CELLS);
      assertThat(now).as("two reads 2 s apart").isEqualTo(previous.getAndSet(now));
    });
  }

  private static List<JsonNode> rows(Map<String, String> parameters) throws Exception {
    JsonNode answer = JSON.readTree(get(parameters));
    List<JsonNode> rows = new ArrayList<>();
    answer.get("rows").forEach(rows::add);
    assertThat(answer.get("count").asInt()).isEqualTo(rows.size());
    return rows;
  }

  /** The query API's JSON; no rows while it answers 503 (a rebalance). */
  private static String get(Map<String, String> parameters) throws Exception {
    String query = new TreeMap<>(parameters).entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(runtime.httpUrl().resolve("/v1/indicators?" + query)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() == 503) {
      return "{\"rows\":[],\"count\":0}";
    }
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  /**
   * The input: programme UPSIDES at three sites of different size, so that publication rounds
   * the large one, suppresses the small one and (secondary suppression) the next smallest, while
   * the total stays published; a CONTROL arm at one site; contacts in phases 1 and 2; three PSWs
   * per site (workload rows are published from three workers); the last event late in May, so
   * January to March are FINAL and April and May PROVISIONAL (lateness 35 days).
   */
  static final class History {
    static final String LAST_MONTH = "2021-05-01";
    /** Cells ("indicator site arm") of LAST_MONTH that exist once every event has gone through. */
    static final Set<String> LAST_MONTH_CELLS = Set.of("ACTIVE_ENROLMENTS pune INTERVENTION", "ACTIVE_ENROLMENTS ulm INTERVENTION",
        "ACTIVE_ENROLMENTS hamburg INTERVENTION", "ACTIVE_ENROLMENTS * INTERVENTION", "ACTIVE_ENROLMENTS pune CONTROL",
        "ACTIVE_ENROLMENTS * CONTROL", "PSW_DIRECT_HOURS pune *", "PSW_DIRECT_HOURS ulm *", "PSW_DIRECT_HOURS hamburg *");
    private static final LocalDate FIRST_ENROLMENT = LocalDate.parse("2021-01-04");
    private static final LocalDate LAST_DAY = LocalDate.parse("2021-05-20");
    private static final Map<String, Integer> INTERVENTION_PERSONS = new LinkedHashMap<>(Map.of("pune", 20, "ulm", 12, "hamburg", 3));
    private static final int CONTROL_PERSONS_AT_PUNE = 10;
    private static final int[] CONTACT_DAYS = {3, 20, 45, 100};

    static List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (String site : INTERVENTION_PERSONS.keySet()) {
        for (int w = 1; w <= 3; w++) {
          lines.add(workerStatus(site, w, LocalDate.parse("2021-01-01")));
        }
      }
      INTERVENTION_PERSONS.forEach((site, persons) -> {
        for (int p = 0; p < persons; p++) {
          addPerson(lines, site, "INTERVENTION", p);
        }
      });
      for (int p = 0; p < CONTROL_PERSONS_AT_PUNE; p++) {
        addPerson(lines, "pune", "CONTROL", 100 + p);
      }
      for (String site : INTERVENTION_PERSONS.keySet()) {
        lines.add(workerStatus(site, 1, LAST_DAY)); // the site's horizon
      }
      return lines;
    }

    private static void addPerson(List<String> lines, String site, String arm, int number) {
      String person = site + "-p" + number;
      LocalDate start = FIRST_ENROLMENT.plusDays(number % 10);
      lines.add(event(site + "-enr-" + number, "ENROLLED", site, start, "\"person_id\":\"" + person + "\",\"programme\":\""
          + PROGRAMME + "\",\"arm\":\"" + arm + "\",\"setting\":\"OUTPATIENT\""));
      for (int day : CONTACT_DAYS) {
        LocalDate date = start.plusDays(day);
        lines.add(event(site + "-con-" + number + "-" + day, "CONTACT", site, date, "\"person_ids\":[\"" + person
            + "\"],\"worker_id\":\"" + site + "-w" + (1 + number % 3) + "\",\"worker_role\":\"PSW\",\"mode\":\""
            + (day % 2 == 0 ? "HOME_VISIT" : "IN_PERSON") + "\",\"duration_minutes\":45,\"outcome\":\"ATTENDED\""));
      }
    }

    private static String workerStatus(String site, int worker, LocalDate date) {
      return event(site + "-ws-" + worker + "-" + date, "WORKER_STATUS", site, date, "\"worker_id\":\"" + site + "-w" + worker
          + "\",\"worker_role\":\"PSW\",\"fte\":1.0,\"active\":true");
    }

    private static String event(String id, String type, String site, LocalDate date, String fields) {
      Objects.requireNonNull(fields);
      return "{\"event_id\":\"" + id + "\",\"type\":\"" + type + "\",\"site_id\":\"" + site + "\",\"occurred_at\":\"" + date
          + "\",\"recorded_at\":\"" + date + "T20:00:00Z\"," + fields + "}";
    }
  }
}
