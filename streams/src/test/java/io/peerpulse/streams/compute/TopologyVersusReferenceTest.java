package io.peerpulse.streams.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.reference.ReferencePublication;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.registry.client.MockSchemaRegistry;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.RandomHistories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Env;
import org.rocksdb.Options;
import org.rocksdb.RocksMemEnv;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.statistics.Statistics;

/**
 * The real topology against the independent SQL reference on random multi-site histories: each
 * try runs {@link io.peerpulse.streams.IndicatorTopology} in its own {@link TopologyRunner}
 * (TopologyTestDriver, a {@code mock://} registry, the offline compute's settings) and compares
 * both its exact table (internal topic) and its published table (published topic) with
 * {@link ReferenceIndicators#compute} and its publication ({@link ReferenceTables}) over the same
 * lines, written to a {@code .jsonl} file in the same arrival order: cell by cell, numerator,
 * denominator and value within 1e-4, status and {@code suppressed}, never {@code revision} (as
 * {@code verify} compares). Only the indicators the streams compute ({@link Indicator}) are compared.
 *
 * <p>Programme fidelity too: the histories have CTI-like long enrolments, crisis contacts around
 * relapses and SUPERVISION sessions (statistics per fidelity indicator; squeezed histories rarely
 * reach phase 2 and never phase 3, which {@code DomainVersusReferenceTest} covers unsqueezed).
 *
 * <p>Workload is compared like every other indicator: its five ids are in {@link Indicator}, and
 * the histories have contacts of four workers in both roles with varied durations and worker
 * statuses (the statistics show how often workload rows exist, get published, and cross the
 * over-threshold line).
 *
 * <p>A history is {@link RandomHistories} (two sites, re-enrolments, same-date enrolments, exits,
 * group contacts, transfers, overlaps, open stays, duplicate ADMITTED, relapses, pauses, worker
 * statuses, voids before and after their targets, identical re-sends), {@linkplain #squeezed squeezed} into a
 * short period, with on top: events recorded 36–120 days late, re-sends that differ only in
 * {@code source} (duplicates), conflicting re-sends (dead-lettered; the first arrival wins) and
 * FUTURE_EVENT copies of an event id (rejected, reserving nothing). It arrives in the generator's
 * order, fully shuffled, or by {@code recorded_at} (late events arrive after the watermark passed
 * them). The arrival-order tie-breaks (same-date ENROLLED, first ADMITTED/DISCHARGED of a stay,
 * first of duplicate ids) are decided by the same order on both sides: the reference reads the
 * file in line order, the runner pipes it in line order to one partition. Cells are flushed only at
 * the end, or also after every {@code k} events (1–50), so incremental recomputation, horizon
 * advances and retractions run. Lateness is 35 days or short (0, 3, 10), so that cells become FINAL
 * within a short history and late events then correct FINAL values.
 *
 * <p>Speed: a try costs a topology run (TopologyTestDriver commits every store after every record)
 * and two DuckDB runs, which go on another thread meanwhile; stores keep their RocksDB files in
 * memory ({@link InMemoryRocksDb}). About 1.2 s a try on two busy cores.
 *
 * <p>Tries: {@value #DEFAULT_TRIES}; {@code -D}{@value #TRIES_PROPERTY}{@code =N} overrides them
 * ({@code @Property(tries)} takes a constant, and {@code jqwik.tries.default} yields to it); the
 * {@code property-campaign} profile of streams/pom.xml runs 10,000. A failure names its seeds and
 * keeps the history in the temp directory; jqwik re-runs the failing sample first next time.
 */
class TopologyVersusReferenceTest {

  static final String TRIES_PROPERTY = "peerpulse.property.tries";
  static final int DEFAULT_TRIES = 200;

  private static final double TOLERANCE = 1e-4;
  private static final int SHOWN_DIFFERENCES = 15;
  private static final Set<String> STREAMED = Arrays.stream(Indicator.values()).map(Enum::name).collect(Collectors.toSet());
  private static final Set<String> WORKLOAD = Arrays.stream(Indicator.values())
      .filter(i -> i.family() == Indicator.Family.WORKLOAD).map(Enum::name).collect(Collectors.toSet());
  /** The first day of {@link RandomHistories}: squeezing keeps it. */
  private static final LocalDate START = LocalDate.of(2021, 1, 1);
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern OCCURRED_DATE = Pattern.compile("\"occurred_at\":\"(\\d{4}-\\d{2}-\\d{2})");
  private static final Pattern RECORDED_AT = Pattern.compile("\"recorded_at\":\"([^\"]+)\"");

  private static Path workDir;
  private static ExecutorService reference;

  /** How the history's lines arrive. */
  enum Arrival {
    /** The generator's order: its shuffle, voids placed before or after their targets. */
    AS_GENERATED,
    /** A uniform shuffle: old events arrive long after the site's watermark passed them. */
    SHUFFLED,
    /** Ascending {@code recorded_at}, ties in generator order: as a live feed delivers. */
    BY_RECORDED_AT
  }

  @BeforeContainer
  static void createWorkDir() throws IOException {
    workDir = Files.createTempDirectory("peerpulse-topology-vs-reference-");
    reference = Executors.newSingleThreadExecutor(r -> new Thread(r, "sql-reference"));
  }

  @AfterContainer
  static void deleteWorkDir() throws IOException {
    reference.shutdownNow();
    try (Stream<Path> files = Files.walk(workDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  @Property(tries = DEFAULT_TRIES)
  @AddLifecycleHook(TriesFromSystemProperty.class)
  void theStreamedExactAndPublishedTablesEqualTheReference(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long historySeed,
      @ForAll("squeezeFactors") int squeeze,
      @ForAll boolean oneArm,
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long arrivalSeed,
      @ForAll Arrival arrival,
      @ForAll("flushEvery") int flushEvery,
      @ForAll("latenessDays") int latenessDays) throws Exception {
    Random random = new Random(arrivalSeed);
    List<String> history = squeezed(RandomHistories.generate(historySeed), squeeze, oneArm);
    List<String> lines = arrange(perturb(history, random), arrival, random);
    Path file = workDir.resolve("history.jsonl");
    Files.write(file, lines);
    ReferenceConfig config = ReferenceConfig.defaults().withLatenessDays(latenessDays);
    EngineConfig engine = new EngineConfig(latenessDays, config.minDose(), config.thresholdHours(), 1);

    // The SQL runs on another thread while the topology runs on this one: same file, same order.
    Future<ReferenceTables> sql = reference.submit(() -> ReferenceTables.of(file, config));
    Streamed streamed = stream(lines, engine, flushEvery);
    Map<String, ReferenceRow> exact = result(sql).exact();
    Map<String, ReferenceRow> published = result(sql).published();

    List<String> differences = new ArrayList<>(differences("exact", exact, streamed.exact()));
    differences.addAll(differences("published", published, streamed.published()));
    if (!differences.isEmpty()) {
      Path kept = Files.copy(file, Files.createTempFile("peerpulse-topology-" + historySeed + "-" + arrivalSeed + "-", ".jsonl"),
          StandardCopyOption.REPLACE_EXISTING);
      String flush = flushEvery == 0 ? "at the end only" : "every " + flushEvery + " events";
      List<String> first = differences.subList(0, Math.min(SHOWN_DIFFERENCES, differences.size()));
      throw new AssertionError(String.format("history seed %d squeezed %dx%s, arrival seed %d %s, flush %s, lateness %d days:"
              + " %d cells differ from the reference (history kept in %s); the first:%n  %s", historySeed, squeeze,
          oneArm ? " into one arm" : "", arrivalSeed, arrival, flush, latenessDays, differences.size(), kept,
          String.join(System.lineSeparator() + "  ", first)));
    }
    assertThat(exact).as("reference rows of history %d", historySeed).isNotEmpty();
    collectStatistics(squeeze, arrival, flushEvery, exact, streamed);
  }

  /**
   * Days are divided by this: mostly about two weeks of history (dates 0-16), sometimes a month,
   * now and then three months (all indicator windows, DISENGAGED_60 members).
   */
  @Provide
  Arbitrary<Integer> squeezeFactors() {
    return Arbitraries.frequencyOf(
        Tuple.of(16, Arbitraries.just(16)),
        Tuple.of(3, Arbitraries.just(8)),
        Tuple.of(1, Arbitraries.just(3)));
  }

  /** 0: cells are flushed once, at the end; else after every that many events as well. */
  @Provide
  Arbitrary<Integer> flushEvery() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(1, 50)));
  }

  /** Short lateness makes cells FINAL within a short history, so late events correct FINAL values. */
  @Provide
  Arbitrary<Integer> latenessDays() {
    return Arbitraries.of(0, 3, 10, ReferenceConfig.DEFAULT_LATENESS_DAYS);
  }

  private static <T> T result(Future<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /**
   * The reference's exact table and its published table, by cell key: {@link ReferencePublication#publish}
   * of the exact rows is what {@link ReferenceIndicators#computePublished} runs after the computation
   * (the same SQL script), without computing everything a second time.
   */
  record ReferenceTables(Map<String, ReferenceRow> exact, Map<String, ReferenceRow> published) {
    static ReferenceTables of(Path file, ReferenceConfig config) {
      List<ReferenceRow> exact = ReferenceIndicators.compute(file, config);
      List<ReferenceRow> published = ReferencePublication.publish(exact, config.publication());
      return new ReferenceTables(streamedIndicators(exact), streamedIndicators(published));
    }
  }

  /** What the topology produced: both tables by cell key, and what it took to get there. */
  record Streamed(Map<String, IndicatorRow> exact, Map<String, IndicatorRow> published, int retractedCells) {}

  /** Pipes the lines as the offline compute does (invalid ones are rejected at the edge), flushing as told. */
  static Streamed stream(List<String> lines, EngineConfig engine, int flushEvery) {
    String scope = "topology-vs-reference-" + UUID.randomUUID();
    // The offline compute's settings (OfflineCompute.compute): one repartition partition, no changelogs.
    TopologySettings settings = new TopologySettings(engine, Map.of("schema.registry.url", "mock://" + scope),
        1, Duration.ofSeconds(1), 100_000, false, true);
    try (TopologyRunner runner = new TopologyRunner(settings,
        Map.of(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, InMemoryRocksDb.class))) {
      Set<IndicatorKey> everEmitted = new HashSet<>();
      long piped = 0;
      for (String line : lines) {
        if (EventJson.parse(line) instanceof ParseResult.Accepted accepted) {
          runner.pipe(accepted.event());
          if (flushEvery > 0 && ++piped % flushEvery == 0) {
            runner.flush();
            everEmitted.addAll(runner.table().keySet());
          }
        }
      }
      runner.flush();
      Map<String, IndicatorRow> exact = streamedIndicators(runner.table());
      everEmitted.removeAll(runner.table().keySet());
      return new Streamed(exact, streamedIndicators(runner.publishedTable()), everEmitted.size());
    } finally {
      InMemoryRocksDb.closeAll();
      MockSchemaRegistry.drop(scope);
    }
  }

  /**
   * {@link RandomHistories} made small enough for a topology run per try (the cells, one per
   * indicator, base and period, are what costs): every date moved to {@code START + days / squeeze},
   * which keeps the order of dates (some become equal: more same-day ties), programme {@code Q}
   * becomes {@code P}, arm {@code NONE} becomes {@code CONTROL} and, when {@code oneArm}, every arm
   * {@code INTERVENTION}.
   */
  static List<String> squeezed(List<String> generated, int squeeze, boolean oneArm) {
    List<String> lines = new ArrayList<>(generated.size());
    for (String line : generated) {
      String squeezed = DATE.matcher(line).replaceAll(date -> START.plusDays(
          ChronoUnit.DAYS.between(START, LocalDate.parse(date.group())) / squeeze).toString());
      squeezed = squeezed.replace("\"programme\":\"Q\"", "\"programme\":\"P\"")
          .replace("\"arm\":\"NONE\"", "\"arm\":\"CONTROL\"");
      lines.add(oneArm ? squeezed.replace("\"arm\":\"CONTROL\"", "\"arm\":\"INTERVENTION\"") : squeezed);
    }
    return lines;
  }

  /**
   * The generator's lines plus: events recorded 36–120 days late, re-sends differing only in
   * {@code source}, conflicting re-sends (another date) and FUTURE_EVENT copies (recorded before they
   * happened), the extra lines at random places.
   */
  static List<String> perturb(List<String> generated, Random random) {
    List<String> lines = new ArrayList<>(generated.size() + 8);
    for (String line : generated) {
      boolean late = random.nextInt(10) == 0;
      lines.add(late ? withRecordedAt(line, recordedAt(line).plus(36 + random.nextInt(85), ChronoUnit.DAYS)) : line);
    }
    int originals = lines.size();
    for (int i = random.nextInt(3); i > 0; i--) {
      String line = lines.get(random.nextInt(originals));
      String resent = line.substring(0, line.length() - 1) + ",\"source\":\"re-send\"}";
      Instant later = recordedAt(line).plus(1 + random.nextInt(20), ChronoUnit.DAYS);
      lines.add(random.nextInt(lines.size() + 1), withRecordedAt(resent, later));
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      lines.add(random.nextInt(lines.size() + 1), withOccurredDate(lines.get(random.nextInt(originals)), 1));
    }
    for (int i = random.nextInt(2); i > 0; i--) {
      String line = lines.get(random.nextInt(originals));
      Instant beforeItHappened = occurredDate(line).minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
      lines.add(random.nextInt(lines.size() + 1), withRecordedAt(line, beforeItHappened));
    }
    return lines;
  }

  static List<String> arrange(List<String> lines, Arrival arrival, Random random) {
    List<String> arranged = new ArrayList<>(lines);
    switch (arrival) {
      case AS_GENERATED -> { }
      case SHUFFLED -> Collections.shuffle(arranged, random);
      case BY_RECORDED_AT -> arranged.sort(Comparator.comparing(TopologyVersusReferenceTest::recordedAt));
    }
    return arranged;
  }

  /** Every cell that differs, as "table key: reference ..., streams ..."; empty when the tables agree. */
  static List<String> differences(String table, Map<String, ReferenceRow> expected, Map<String, IndicatorRow> actual) {
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    List<String> differences = new ArrayList<>();
    for (String key : keys) {
      ReferenceRow want = expected.get(key);
      IndicatorRow got = actual.get(key);
      if (want == null || got == null || !same(want, got)) {
        differences.add(table + " " + key + ": reference " + (want == null ? "no row" : describe(want)) + "; streams "
            + (got == null ? "no row" : describe(got)));
      }
    }
    return differences;
  }

  /** As {@code verify} compares: numbers within the tolerance, status and suppression equal, revision ignored. */
  static boolean same(ReferenceRow want, IndicatorRow got) {
    return close(want.numerator(), got.numerator()) && close(want.denominator(), got.denominator())
        && close(want.value(), got.value()) && want.status().equals(got.status()) && want.suppressed() == got.suppressed();
  }

  static boolean close(Double a, Double b) {
    return a == null || b == null ? Objects.equals(a, b) : Math.abs(a - b) <= TOLERANCE;
  }

  private static String describe(ReferenceRow row) {
    return row.numerator() + "/" + row.denominator() + "=" + row.value() + " " + row.status() + (row.suppressed() ? " suppressed" : "");
  }

  private static String describe(IndicatorRow row) {
    return row.numerator() + "/" + row.denominator() + "=" + row.value() + " " + row.status() + (row.suppressed() ? " suppressed" : "")
        + " revision " + row.revision();
  }

  private static Map<String, ReferenceRow> streamedIndicators(List<ReferenceRow> rows) {
    Map<String, ReferenceRow> byKey = new TreeMap<>();
    for (ReferenceRow row : rows) {
      if (STREAMED.contains(row.indicator())) {
        assertThat(byKey.put(row.key(), row)).as("one reference row per cell: %s", row.key()).isNull();
      }
    }
    return byKey;
  }

  private static Map<String, IndicatorRow> streamedIndicators(Map<IndicatorKey, IndicatorValue> table) {
    Map<String, IndicatorRow> byKey = new TreeMap<>();
    table.forEach((key, value) -> {
      IndicatorRow row = IndicatorRow.of(key, value);
      if (STREAMED.contains(row.indicator())) {
        byKey.put(row.key(), row);
      }
    });
    return byKey;
  }

  /** Shows in the jqwik report that the hard paths ran: FINAL cells, retractions, late corrections. */
  private static void collectStatistics(int squeeze, Arrival arrival, int flushEvery, Map<String, ReferenceRow> exact,
      Streamed streamed) {
    Statistics.label("history squeezed").collect(squeeze + "x");
    Statistics.label("arrival").collect(arrival);
    Statistics.label("flush")
        .collect(flushEvery == 0 ? "at the end" : flushEvery <= 5 ? "every 1-5 events" : "every 6-50 events");
    Statistics.label("FINAL cells").collect(exact.values().stream().anyMatch(r -> r.status().equals(ReferenceRow.FINAL)));
    Statistics.label("cells retracted on the way").collect(streamed.retractedCells() > 0);
    Statistics.label("FINAL cells corrected late (revision > 0)")
        .collect(streamed.exact().values().stream().anyMatch(r -> r.revision() > 0));
    Statistics.label("suppressed published cells")
        .collect(streamed.published().values().stream().anyMatch(IndicatorRow::suppressed));
    List<IndicatorRow> workload = streamed.published().values().stream().filter(r -> WORKLOAD.contains(r.indicator())).toList();
    Statistics.label("workload rows")
        .collect(workload.isEmpty() ? "none" : workload.stream().allMatch(IndicatorRow::suppressed)
            ? "all suppressed (< 3 workers)" : "some published (>= 3 workers)");
    Statistics.label("workload rows with FTE (a denominator > 0)")
        .collect(streamed.exact().values().stream().anyMatch(r -> WORKLOAD.contains(r.indicator())
            && r.denominator() != null && r.denominator() > 0));
    Statistics.label("PSW_OVER_THRESHOLD with a PSW over")
        .collect(streamed.exact().values().stream().anyMatch(r -> r.indicator().equals(Indicator.PSW_OVER_THRESHOLD.name())
            && r.numerator() != null && r.numerator() > 0));
    for (Indicator fidelity : List.of(Indicator.PHASE1_CONTACT_RATE, Indicator.PHASE2_CONTACT_RATE, Indicator.CRISIS_SAME_DAY,
        Indicator.PSW_SUPERVISED_14D)) {
      Statistics.label(fidelity + " with a numerator > 0")
          .collect(streamed.exact().values().stream().anyMatch(r -> r.indicator().equals(fidelity.name())
              && r.numerator() != null && r.numerator() > 0));
    }
  }

  private static Instant recordedAt(String line) {
    Matcher matcher = RECORDED_AT.matcher(line);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no recorded_at in " + line);
    }
    return Instant.parse(matcher.group(1));
  }

  private static String withRecordedAt(String line, Instant recordedAt) {
    return RECORDED_AT.matcher(line).replaceFirst("\"recorded_at\":\"" + recordedAt + "\"");
  }

  private static LocalDate occurredDate(String line) {
    Matcher matcher = OCCURRED_DATE.matcher(line);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no occurred_at in " + line);
    }
    return LocalDate.parse(matcher.group(1));
  }

  /** The same event id and body on another date: a conflicting duplicate. */
  private static String withOccurredDate(String line, int plusDays) {
    return OCCURRED_DATE.matcher(line).replaceFirst("\"occurred_at\":\"" + occurredDate(line).plusDays(plusDays));
  }

  /**
   * RocksDB with its files in memory: the stores are the topology's, only their files are not
   * written to disk (opening and closing a dozen stores per try costs more than the history). Kafka
   * closes the setter before the store, so the environments are closed after the runner is.
   */
  public static final class InMemoryRocksDb implements RocksDBConfigSetter {
    private static final List<Env> OPEN = new CopyOnWriteArrayList<>();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
      Env env = new RocksMemEnv(Env.getDefault());
      OPEN.add(env);
      options.setEnv(env);
      options.setAvoidFlushDuringShutdown(true);
    }

    @Override
    public void close(String storeName, Options options) {
      // The store is still open here.
    }

    /** Frees the in-memory files of every closed store. */
    static void closeAll() {
      for (Env env : OPEN) {
        env.close();
      }
      OPEN.clear();
    }
  }

  /**
   * Sets the tries of the property it is added to to {@code -D}{@value #TRIES_PROPERTY} when given:
   * {@code @Property(tries = ...)} takes a constant, and {@code jqwik.tries.default} yields to it.
   */
  static final class TriesFromSystemProperty implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
      String tries = System.getProperty(TRIES_PROPERTY);
      if (tries != null && !tries.isBlank()) {
        context.attributes().setTries(Integer.parseInt(tries.trim()));
      }
      return property.execute();
    }
  }
}
