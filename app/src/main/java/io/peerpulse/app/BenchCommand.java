package io.peerpulse.app;

import io.peerpulse.app.bench.BenchSettings;
import io.peerpulse.app.bench.Benchmark;
import io.peerpulse.app.bench.Measurement;
import io.peerpulse.app.bench.Report;
import io.peerpulse.app.bench.Stage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code peerpulse bench}: throughput, cost and latency of the pipeline against this machine's raw-consumer limit. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks the pipeline after Kafka's SimpleBenchmark: a broker in a child JVM, the events topic preloaded once",
      "with generated events (Avro), then on that topic: raw consumer, consumer + Avro, pass-through Kafka Streams, the",
      "full pipeline under exactly_once_v2 and under at_least_once, and state restoration. Prints events/s, MB/s,",
      "CPU-seconds per million events, peak heap and the ratios with their targets; writes JSON to --results-dir.",
      "--scaling history|sites repeats the Avro and exactly-once stages over history sizes or site counts.",
      "Not part of the test suite: a run takes minutes (10^5 events) to hours (10^7). See bench/README.md."
    })
final class BenchCommand implements Callable<Integer> {

  enum Scaling { NONE, HISTORY, SITES }

  @Spec CommandSpec spec;

  @Option(names = "--events", defaultValue = "100000", description = "Events to preload (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--sites", defaultValue = "7", description = "Sites the events come from (default: ${DEFAULT-VALUE}).")
  int sites;

  @Option(names = "--partitions", defaultValue = "2",
      description = "Partitions of the events topic and the repartition topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--stages", split = ",", paramLabel = "STAGE",
      description = "Stages to run, of RAW, AVRO, PASSTHROUGH, EOS, ALOS, RESTORE (default: all).")
  List<Stage> stages;

  @Option(names = "--eos-commit-interval-ms", defaultValue = "100",
      description = "Commit interval of the exactly-once stage (default: ${DEFAULT-VALUE}, Kafka Streams' default under EOS).")
  long eosCommitIntervalMs;

  @Option(names = "--latency-rate", defaultValue = "0", paramLabel = "EVENTS_PER_S",
      description = "After the EOS stage, send live events at this rate and measure end-to-end latency (default: none).")
  int latencyRate;

  @Option(names = "--latency-seconds", defaultValue = "60", description = "Duration of the latency measurement (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(names = "--scaling", defaultValue = "none", description = "none, history (--scaling-events) or sites (--scaling-sites).")
  Scaling scaling;

  @Option(names = "--scaling-events", split = ",", defaultValue = "100000,1000000,10000000",
      description = "History sizes for --scaling history (default: ${DEFAULT-VALUE}).")
  List<Long> scalingEvents;

  @Option(names = "--scaling-sites", split = ",", defaultValue = "10,100,1000",
      description = "Site counts for --scaling sites, at --events (default: ${DEFAULT-VALUE}).")
  List<Integer> scalingSites;

  @Option(names = "--work-dir", description = "Broker data and state (default: a new directory under java.io.tmpdir; deleted afterwards).")
  Path workDir;

  @Option(names = "--results-dir", defaultValue = "bench/results", description = "Where the JSON results go (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = workDir != null ? workDir : Files.createTempDirectory("peerpulse-bench-");
    BenchSettings settings;
    try {
      settings = new BenchSettings(events, sites, partitions, seed,
          stages == null ? EnumSet.allOf(Stage.class) : EnumSet.copyOf(stages), dir, eosCommitIntervalMs, latencyRate,
          latencySeconds);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("bench: " + e.getMessage());
      return 2;
    }
    String command = "./peerpulse " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
    try {
      if (scaling == Scaling.NONE) {
        Report report = runOne(settings, out);
        report.print(out);
        out.println("results written to "
            + write(resultsDir, stamp + "-" + report.eventCount() + "ev", report.toJson(command)));
      } else {
        runScaling(settings, command, stamp, out);
      }
    } finally {
      if (workDir == null) {
        deleteTree(dir);
      }
    }
    return 0;
  }

  private static Report runOne(BenchSettings settings, PrintWriter out) throws InterruptedException {
    try (Benchmark benchmark = Benchmark.prepare(settings, out)) {
      return benchmark.run();
    }
  }

  /** The Avro and exactly-once stages over several history sizes or site counts; cost per event compared with the first. */
  private void runScaling(BenchSettings base, String command, String stamp, PrintWriter out) throws Exception {
    Set<Stage> measured = EnumSet.of(Stage.AVRO, Stage.EOS);
    List<BenchSettings> runs = new ArrayList<>();
    if (scaling == Scaling.HISTORY) {
      scalingEvents.forEach(n -> runs.add(base.withEventsAndSites(n, base.sites()).withStages(measured)));
    } else {
      scalingSites.forEach(s -> runs.add(base.withEventsAndSites(base.events(), s).withStages(measured)));
    }
    List<Report> reports = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      BenchSettings run = runs.get(i);
      out.printf(Locale.ROOT, "%n== scaling run %d of %d: %,d events, %d sites ==%n", i + 1, runs.size(), run.events(), run.sites());
      Report report = runOne(new BenchSettings(run.events(), run.sites(), run.partitions(), run.seed(), run.stages(),
          run.workDir().resolve("run-" + i), run.eosCommitIntervalMs(), 0, 0), out);
      report.print(out);
      reports.add(report);
    }
    out.printf(Locale.ROOT, "%nScaling by %s (full pipeline, exactly_once_v2)%n", scaling.name().toLowerCase(Locale.ROOT));
    out.printf(Locale.ROOT, "%12s %7s %10s %10s %12s %12s%n", "events", "sites", "events/s", "CPU-µs/ev", "vs first", "throughput");
    Measurement first = reports.get(0).of(Stage.EOS).orElseThrow();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Report report : reports) {
      Measurement eos = report.of(Stage.EOS).orElseThrow();
      double costChange = eos.cpuMicrosPerEvent() / first.cpuMicrosPerEvent() - 1;
      double throughputChange = eos.eventsPerSecond() / first.eventsPerSecond() - 1;
      out.printf(Locale.ROOT, "%,12d %7d %,10.0f %10.1f %+11.1f%% %+11.1f%%%n", eos.events(), report.settings().sites(),
          eos.eventsPerSecond(), eos.cpuMicrosPerEvent(), 100 * costChange, 100 * throughputChange);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("events", eos.events());
      row.put("sites", report.settings().sites());
      row.put("events_per_second", eos.eventsPerSecond());
      row.put("cpu_micros_per_event", eos.cpuMicrosPerEvent());
      row.put("cost_change_vs_first", costChange);
      row.put("throughput_change_vs_first", throughputChange);
      row.put("run", report.toJson(command));
      rows.add(row);
    }
    Measurement last = reports.get(reports.size() - 1).of(Stage.EOS).orElseThrow();
    String target = scaling == Scaling.HISTORY
        ? String.format(Locale.ROOT, "CPU-µs per event %+.1f %% (target <= +10 %%)", 100 * (last.cpuMicrosPerEvent() / first.cpuMicrosPerEvent() - 1))
        : String.format(Locale.ROOT, "throughput %+.1f %% (target >= -15 %%)", 100 * (last.eventsPerSecond() / first.eventsPerSecond() - 1));
    out.println("first to last: " + target);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", command);
    json.put("scaling", scaling.name().toLowerCase(Locale.ROOT));
    json.put("summary", target);
    json.put("runs", rows);
    out.println("results written to " + write(resultsDir, stamp + "-scaling-" + scaling.name().toLowerCase(Locale.ROOT), json));
  }

  private static Path write(Path dir, String name, Object json) {
    return io.peerpulse.app.bench.Report.writeJson(dir, name, json);
  }

  /** Deletes {@code dir} and everything under it (also used by {@code chaos} for its work directory). */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
