package io.peerpulse.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The figures of one run: a table on screen and a JSON file for comparing runs. */
public record Report(BenchSettings settings, Preload.Written preloaded, List<Measurement> measurements,
    Latency.Result latency) {

  /**
   * A ratio of two stages' rates and the target issue 10 sets for it.
   *
   * @param name e.g. "avro/raw"
   * @param value the ratio of events (or records) per second, or NaN when a stage did not run
   * @param target the lowest acceptable value
   */
  public record Ratio(String name, double value, double target) {
    public boolean met() {
      return !Double.isNaN(value) && value >= target;
    }
  }

  public List<Ratio> ratios() {
    return List.of(
        new Ratio("avro/raw", rate(Stage.AVRO) / rate(Stage.RAW), 0.55),
        new Ratio("eos/avro", rate(Stage.EOS) / rate(Stage.AVRO), 0.25),
        new Ratio("eos/alos", rate(Stage.EOS) / rate(Stage.ALOS), 0.85),
        new Ratio("restore/raw", rate(Stage.RESTORE) / rate(Stage.RAW), 0.5));
  }

  /** Events on the topic in this run. */
  public long eventCount() {
    return preloaded.events();
  }

  public Optional<Measurement> of(Stage stage) {
    return measurements.stream().filter(m -> m.stage().equals(stage.name())).findFirst();
  }

  private double rate(Stage stage) {
    return of(stage).map(Measurement::eventsPerSecond).orElse(Double.NaN);
  }

  static String header() {
    return String.format(Locale.ROOT, "%-12s %12s %10s %9s %9s %12s %11s %10s", "stage", "events", "seconds",
        "events/s", "MB/s", "CPU-s/1M ev", "CPU-µs/ev", "peak heap");
  }

  static String line(Measurement m) {
    return String.format(Locale.ROOT, "%-12s %,12d %10.2f %,9.0f %9.2f %12.1f %11.1f %8.0f MB%s", m.stage(), m.events(),
        m.wallSeconds(), m.eventsPerSecond(), m.megabytesPerSecond(), m.cpuSecondsPerMillion(), m.cpuMicrosPerEvent(),
        m.peakHeapBytes() / 1e6, m.note().isEmpty() ? "" : "  (" + m.note() + ")");
  }

  public void print(PrintWriter out) {
    out.printf(Locale.ROOT, "%nPeerPulse benchmark: %,d events from %d sites, %d partitions, %s%n", preloaded.events(),
        settings.sites(), settings.partitions(), machine());
    out.println(header());
    measurements.forEach(m -> out.println(line(m)));
    for (Measurement m : measurements) {
      if (!m.recordsWritten().isEmpty()) {
        out.printf(Locale.ROOT, "%nrecords written per input event, %s:%n", m.stage());
        m.recordsWritten().entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(e -> out.printf(Locale.ROOT, "  %-60s %10.2f%n", e.getKey(), (double) e.getValue() / m.events()));
      }
    }
    out.println();
    for (Ratio ratio : ratios()) {
      if (!Double.isNaN(ratio.value())) {
        out.printf(Locale.ROOT, "%-12s %6.3f   target >= %.2f   %s%n", ratio.name(), ratio.value(), ratio.target(),
            ratio.met() ? "met" : "MISSED");
      }
    }
    if (latency != null) {
      out.printf(Locale.ROOT, "%nlatency at %d events/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d of %d probes seen)%n",
          latency.rate(), latency.p50Ms(), latency.p99Ms(), latency.maxMs(), latency.probesSeen(), latency.probes());
    }
    out.flush();
  }

  static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }

  /** The report as a JSON tree (plain maps), with the command that produced it. */
  public Map<String, Object> toJson(String command) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", command);
    json.put("finished_at", Instant.now().toString());
    json.put("machine", machine());
    json.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("events", preloaded.events());
    run.put("bytes", preloaded.bytes());
    run.put("sites", settings.sites());
    run.put("partitions", settings.partitions());
    run.put("seed", settings.seed());
    run.put("eos_commit_interval_ms", settings.eosCommitIntervalMs());
    run.put("preload_seconds", preloaded.seconds());
    json.put("run", run);
    List<Map<String, Object>> stages = new ArrayList<>();
    for (Measurement m : measurements) {
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("stage", m.stage());
      stage.put("events", m.events());
      stage.put("bytes", m.bytes());
      stage.put("wall_seconds", m.wallSeconds());
      stage.put("cpu_seconds", m.cpuSeconds());
      stage.put("events_per_second", m.eventsPerSecond());
      stage.put("mb_per_second", m.megabytesPerSecond());
      stage.put("cpu_seconds_per_million_events", m.cpuSecondsPerMillion());
      stage.put("peak_heap_bytes", m.peakHeapBytes());
      stage.put("note", m.note());
      stage.put("records_written", m.recordsWritten());
      stages.add(stage);
    }
    json.put("stages", stages);
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (Ratio ratio : ratios()) {
      if (!Double.isNaN(ratio.value())) {
        ratios.put(ratio.name(), Map.of("value", ratio.value(), "target", ratio.target(), "met", ratio.met()));
      }
    }
    json.put("ratios", ratios);
    if (latency != null) {
      json.put("latency", latency);
    }
    return json;
  }

  /** Writes {@code json} to {@code dir}/{@code name}.json and returns the path. */
  public static Path writeJson(Path dir, String name, Object json) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".json");
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results to " + dir + ": " + e.getMessage(), e);
    }
  }
}
