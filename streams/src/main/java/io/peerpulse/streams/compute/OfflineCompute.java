package io.peerpulse.streams.compute;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.mapping.Rejection;
import io.peerpulse.registry.client.MockSchemaRegistry;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.TopologySettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The offline {@code compute}: runs the same {@link io.peerpulse.streams.IndicatorTopology} over a
 * {@code .jsonl} file with {@link TopologyRunner} (TopologyTestDriver, an in-memory {@code mock://}
 * registry, no broker). Each line goes through {@link EventJson#parse}; valid events are written
 * with our Avro serializer to {@code peerpulse.events.v1} in file order (one partition, so arrival
 * order is file order); invalid lines are counted per reason (the first
 * {@value #KEPT_REJECTED_LINES} kept with their line number). At the end wall-clock time is advanced
 * until every cell is recomputed, and the indicator topic is read into the final table.
 *
 * <p>The topology is the application's, built with store changelogs off: there is no broker to
 * restore from, and TopologyTestDriver would otherwise capture every changelog record.
 *
 * <p>Memory stays bounded for large files: the file is streamed line by line, state lives in
 * RocksDB under a temporary directory, and cells are flushed and output drained every
 * {@value #FLUSH_EVERY_EVENTS} events. Only the final table (one entry per indicator row) is held.
 */
public final class OfflineCompute {

  public static final int FLUSH_EVERY_EVENTS = 20_000;
  public static final int KEPT_REJECTED_LINES = 1000;

  private OfflineCompute() {}

  /** A line of the input that the mapping rejected. */
  public record RejectedLine(long line, Rejection rejection) {}

  /**
   * @param rows the final exact indicator table, sorted by the first seven CSV columns
   * @param publishedRows the final published (suppressed, NHS rule) table, sorted likewise
   * @param linesRead non-blank lines read
   * @param eventsPiped valid events written to the events topic
   * @param rejectedByReason every rejection by reason code: invalid lines and dead letters of the
   *     topology (e.g. DUPLICATE_CONFLICT)
   * @param rejectedLines the first invalid lines, with their reason
   */
  public record Result(List<IndicatorRow> rows, List<IndicatorRow> publishedRows, long linesRead, long eventsPiped, Map<String, Long> rejectedByReason,
      List<RejectedLine> rejectedLines) {}

  /** {@link #compute(Path, EngineConfig, boolean)} with state in memory. */
  public static Result compute(Path jsonl, EngineConfig engine) throws IOException {
    return compute(jsonl, engine, false);
  }

  /**
   * @param diskState keep the topology's state in RocksDB (a temporary directory) instead of memory:
   *     for inputs whose state does not fit the heap; about half as fast
   */
  public static Result compute(Path jsonl, EngineConfig engine, boolean diskState) throws IOException {
    String scope = "offline-" + UUID.randomUUID();
    TopologySettings settings = new TopologySettings(engine, Map.of("schema.registry.url", "mock://" + scope),
        1, Duration.ofSeconds(1), 100_000, false, !diskState);
    try (TopologyRunner runner = new TopologyRunner(settings, Map.of());
        BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      Map<String, Long> rejected = new TreeMap<>();
      List<RejectedLine> rejectedLines = new ArrayList<>();
      long lineNumber = 0;
      long lines = 0;
      long piped = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        lines++;
        ParseResult result = EventJson.parse(line, settings.engine().futureHorizonDays());
        if (result instanceof ParseResult.Accepted accepted) {
          runner.pipe(accepted.event());
          if (++piped % FLUSH_EVERY_EVENTS == 0) {
            runner.flush();
          }
        } else {
          Rejection rejection = (Rejection) result;
          rejected.merge(rejection.reason().name(), 1L, Long::sum);
          if (rejectedLines.size() < KEPT_REJECTED_LINES) {
            rejectedLines.add(new RejectedLine(lineNumber, rejection));
          }
        }
      }
      runner.flush();
      runner.deadLettersByReason().forEach((reason, count) -> rejected.merge(reason, count, Long::sum));
      return new Result(sortedRows(runner.table()), sortedRows(runner.publishedTable()), lines, piped, rejected, rejectedLines);
    } finally {
      MockSchemaRegistry.drop(scope);
    }
  }

  static List<IndicatorRow> sortedRows(Map<IndicatorKey, IndicatorValue> table) {
    List<IndicatorRow> rows = new ArrayList<>(table.size());
    table.forEach((key, value) -> rows.add(IndicatorRow.of(key, value)));
    rows.sort(IndicatorRow.CSV_ORDER);
    return rows;
  }
}
