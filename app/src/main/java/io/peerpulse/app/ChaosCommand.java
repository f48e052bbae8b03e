package io.peerpulse.app;

import io.peerpulse.app.chaos.ChaosReport;
import io.peerpulse.app.chaos.ChaosRun;
import io.peerpulse.app.chaos.ChaosSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code peerpulse chaos}: the reliability campaign (reliability/README.md). */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = {
      "Reliability campaign after Kafka's streams_eos_test: a cluster of child-JVM brokers, application instances as",
      "child JVMs (peerpulse run), a producer streaming generated events (late uploads, voids, duplicates) with a flood of",
      "bad records of every reason code, and meanwhile SIGKILLs of application instances, each restarted at once",
      "(--broker-faults: also a clean broker restart and a SIGKILL of a partition leader). When everything is processed,",
      "the internal and published topics are compared with the SQL reference over the events that reached the events",
      "topic (cells compared, lost, duplicated), the dead-letter topic with the bad records sent, and the logs are",
      "searched for person and worker ids. Prints a summary table and appends it to --results with the command.",
      "The defaults are the issue's campaign (10^6 events, 25 kills): on a 2-core machine the pipeline processes",
      "30-100 events/s, so they take many hours; --events 2000 --kills 5 takes a few minutes.",
      "--guarantee at_least_once is the negative control: the checks must then detect double counting.",
      "Exit code 0: exact under exactly_once_v2, or double counting detected under at_least_once; 1 otherwise; 2 on bad usage."
    })
final class ChaosCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--events", defaultValue = "1000000", description = "Valid generated events to stream (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--sites", defaultValue = "7", description = "Sites the events come from (default: ${DEFAULT-VALUE}).")
  int sites;

  @Option(names = "--partitions", defaultValue = "4",
      description = "Partitions of the events topic and the repartition topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--brokers", defaultValue = "3",
      description = "Broker nodes, each also a KRaft controller voter: 1, or 3 to 5 (default: ${DEFAULT-VALUE}).")
  int brokers;

  @Option(names = "--instances", defaultValue = "2", description = "Application instances, child JVMs (default: ${DEFAULT-VALUE}).")
  int instances;

  @Option(names = "--kills", defaultValue = "25", description = "Application SIGKILLs, each followed by a restart (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(names = "--kill-interval-seconds", defaultValue = "10",
      description = {"Longest time between two kills (default: ${DEFAULT-VALUE}). A kill comes earlier, after half of it, when an",
          "instance has just dead-lettered an input record it has not committed yet (an aimed kill)."})
  long killIntervalSeconds;

  @Option(names = "--aim-seconds",
      description = "Wait up to this long for an aimed moment before killing the next instance in turn (default: the kill interval).")
  Long aimSeconds;

  @Option(names = "--guarantee", defaultValue = StreamsConfig.EXACTLY_ONCE_V2,
      description = "processing.guarantee: exactly_once_v2, or at_least_once for the negative control (default: ${DEFAULT-VALUE}).")
  String guarantee;

  @Option(names = "--commit-interval-ms",
      description = "The application's commit.interval.ms (default: 1000 under exactly_once_v2, Kafka Streams' 30000 under"
          + " at_least_once); a longer one widens the window a kill makes the application process again.")
  Long commitIntervalMs;

  @Option(names = "--broker-faults", description = "Also restart a broker cleanly and SIGKILL the leader of an events partition mid-run (needs --brokers 3+).")
  boolean brokerFaults;

  @Option(names = "--malformed-fraction", defaultValue = "0.01",
      description = "Bad records per valid event, every reason code in turn (default: ${DEFAULT-VALUE}).")
  double malformedFraction;

  @Option(names = "--rate", defaultValue = "0", description = "Valid events sent per second; 0: as fast as the cluster takes them (default).")
  int rate;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--catch-up-timeout-minutes", defaultValue = "720",
      description = "How long the application may take to process everything after the input and faults end (default: ${DEFAULT-VALUE}).")
  long catchUpTimeoutMinutes;

  @Option(names = "--work-dir", description = "Brokers' data, state and logs (default: a new directory under java.io.tmpdir, deleted afterwards).")
  Path workDir;

  @Option(names = "--results", defaultValue = "reliability/RESULTS.md",
      description = "Markdown file the summary is appended to (default: ${DEFAULT-VALUE}).")
  Path results;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workDir != null ? workDir : Files.createTempDirectory("peerpulse-chaos-");
    ChaosSettings settings;
    try {
      settings = new ChaosSettings(events, sites, partitions, brokers, instances, kills, Duration.ofSeconds(killIntervalSeconds),
          Duration.ofSeconds(aimSeconds != null ? aimSeconds : killIntervalSeconds), guarantee, commitIntervalMs != null ? commitIntervalMs : ChaosSettings.defaultCommitIntervalMs(guarantee), brokerFaults, malformedFraction, rate, seed, dir, Duration.ofMinutes(catchUpTimeoutMinutes));
    } catch (IllegalArgumentException e) {
      err.println("chaos: " + e.getMessage());
      return 2;
    }
    String command = "./peerpulse " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    quietLogs();
    try {
      ChaosReport report = ChaosRun.run(settings, out);
      String markdown = report.markdown(command, Instant.now());
      out.println();
      out.print(markdown);
      append(results, markdown);
      out.println("summary appended to " + results);
      out.flush();
      return report.passed() ? 0 : 1;
    } finally {
      if (workDir == null) {
        BenchCommand.deleteTree(dir);
      }
    }
  }

  /**
   * The ingest logs a line per batch and the checks' consumers warn about partitions they have
   * finished reading; the campaign prints its own progress. Set before those loggers exist.
   */
  private static void quietLogs() {
    System.setProperty("org.slf4j.simpleLogger.log.io.peerpulse.app.ingest.IngestService", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils", "error");
  }

  private static void append(Path file, String markdown) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    boolean fresh = !Files.exists(file);
    String text = (fresh ? "# Reliability campaign results\n\nAppended by `./peerpulse chaos`; see reliability/README.md.\n\n" : "\n")
        + markdown;
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
