package io.peerpulse.app;

import io.peerpulse.app.demo.DemoFeeder;
import io.peerpulse.app.demo.DemoState;
import io.peerpulse.app.demo.IndicatorBoard;
import io.peerpulse.app.embedded.EmbeddedConnect;
import io.peerpulse.app.embedded.EmbeddedRuntime;
import io.peerpulse.app.embedded.EventFeed;
import io.peerpulse.app.embedded.PortInUseException;
import io.peerpulse.app.generate.EventGenerator;
import io.peerpulse.app.generate.GeneratorSettings;
import io.peerpulse.streams.topics.TopicAdmin;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peerpulse demo}: the embedded default ({@link EmbeddedRuntime}) fed by the generator. The
 * history of the demo settings (two years ending {@value #LIVE_DAYS} days after the first start) is
 * loaded as fast as it goes, the rest is emitted live in accelerated time; every few seconds a
 * table of key indicators per site is printed. A restart on the same data directory continues the
 * same generated history where it stopped ({@link DemoState}).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the embedded default on this machine - a single-node Kafka broker (KRaft), the schema registry, the",
      "streams application and the HTTP ingest API - loads about two years of generated history for UPSIDES-like and",
      "CTI-TS-like sites through the ingest validation, then keeps emitting live events in accelerated time.",
      "Prints where to look and, every few seconds, the latest monthly values of key indicators per site: exact values,",
      "or with --published as evaluators see them (* = provisional, supp = suppressed small numbers).",
      "With --with-connect, a Kafka Connect worker in the same process also reads register CSV files dropped into",
      "<data-dir>/registers/input (the layout of POST /v1/registers) into the events topic.",
      "Ctrl-C stops everything cleanly; the data directory keeps topics, schemas, state and the demo's progress:",
      "the next start continues the same generated history where this one stopped (--fresh starts over).",
      "Exit code 0 after Ctrl-C, 1 when something could not start (a port in use, ...) or stopped with an error, 2 on",
      "bad arguments."
    })
final class DemoCommand implements Callable<Integer> {

  /** Days of generated events after today, emitted live. */
  static final int LIVE_DAYS = 90;
  /** The longest wait for indicator values between two checks of the clock. */
  private static final Duration POLL = Duration.ofMillis(500);

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
      description = "Data directory: Kafka logs and streams state (default: ./${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--fresh", description = "Delete the data directory's contents first (only a PeerPulse data directory).")
  boolean fresh;

  @Option(names = "--http-port", defaultValue = "8080", description = "HTTP API port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker port on localhost (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(names = "--speed", defaultValue = "3600",
      description = "Simulated seconds per real second for the live events (default: ${DEFAULT-VALUE}: an hour a second,"
          + " a few events a second).")
  double speed;

  @Option(names = "--published",
      description = "Show the published values (small numbers suppressed, as evaluators see them) instead of the exact ones.")
  boolean published;

  @Option(names = "--with-connect",
      description = "Also run a Kafka Connect worker in this process with the register CSV source connector: a register"
          + " dropped into <data-dir>/registers/input goes to the events topic, bad rows to the DLQ; the file then moves to"
          + " registers/finished (or registers/error, with a .error.txt saying why). No pseudonym key: registers with raw"
          + " identifier columns go to registers/error.")
  boolean withConnect;

  @Option(names = "--refresh", defaultValue = "5", paramLabel = "SECONDS",
      description = "Seconds between two indicator tables (default: ${DEFAULT-VALUE}).")
  int refreshSeconds;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!(speed > 0)) {
      err.println("demo: --speed: expected a number > 0, got " + speed);
      return 2;
    }
    if (refreshSeconds < 1) {
      err.println("demo: --refresh: expected an integer >= 1, got " + refreshSeconds);
      return 2;
    }
    EmbeddedRuntime runtime;
    try {
      runtime = EmbeddedRuntime.start(EmbeddedRuntime.Settings.defaults(dataDir).withFresh(fresh)
          .withPorts(kafkaPort, registryPort, httpPort));
    } catch (PortInUseException e) {
      err.println("demo: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("demo: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("demo: could not start the embedded runtime: " + e.getMessage());
      return 1;
    }
    EmbeddedConnect connect = null;
    if (withConnect) {
      try {
        connect = EmbeddedConnect.start(EmbeddedConnect.Settings.of(runtime));
        runtime.closeFirst(connect); // before the broker and the registry it writes to
      } catch (RuntimeException e) {
        runtime.close();
        err.println("demo: could not start the Connect worker (--with-connect): " + e.getMessage());
        return 1;
      }
    }
    printWhereToLook(out, runtime, connect);

    Path root = runtime.dataDirectory().root();
    DemoState state;
    try {
      state = DemoState.load(root, LocalDate.now(ZoneOffset.UTC).plusDays(LIVE_DAYS));
      state.save(root);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      runtime.close();
      err.println("demo: " + e.getMessage());
      return 2;
    }
    DemoFeeder feeder = new DemoFeeder(() -> new EventGenerator(GeneratorSettings.demo(state.end())).lines(),
        new EventFeed(runtime.bootstrapServers(), runtime.registryUrl().toString()), speed, state.sentUntil());
    runtime.closeFirst(() -> {
      feeder.close(); // flushes what was sent, so the next start resumes after it
      state.withSentUntil(feeder.lastSent()).save(root);
    });
    IndicatorBoard board = new IndicatorBoard(runtime.bootstrapServers(), runtime.registryUrl().toString(), published);
    CountDownLatch boardClosed = new CountDownLatch(1);
    runtime.closeFirst(() -> {
      board.wakeup();
      boardClosed.await(5, TimeUnit.SECONDS);
    });
    feeder.start();
    try {
      return showBoard(out, err, runtime, connect, feeder, board);
    } finally {
      board.close();
      boardClosed.countDown();
      runtime.close();
    }
  }

  /**
   * Refreshes the table every {@code --refresh} seconds until Ctrl-C (0) or the streams
   * application fails (1); the first table with values is printed as soon as they arrive.
   */
  private int showBoard(PrintWriter out, PrintWriter err, EmbeddedRuntime runtime, EmbeddedConnect connect, DemoFeeder feeder,
      IndicatorBoard board) {
    boolean terminal = System.console() != null;
    boolean shownValues = false;
    long refreshNanos = TimeUnit.SECONDS.toNanos(refreshSeconds);
    long next = System.nanoTime() + refreshNanos;
    while (true) {
      long left = next - System.nanoTime();
      if (!board.poll(Duration.ofNanos(Math.max(0, Math.min(left, POLL.toNanos()))))) {
        return 0; // woken up: shutting down
      }
      boolean firstValues = !shownValues && board.hasValues();
      if (System.nanoTime() < next && !firstValues) {
        continue;
      }
      next = System.nanoTime() + refreshNanos;
      KafkaStreams.State state = runtime.streams().state();
      if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
        err.println("demo: the streams application stopped (" + state + "); see the log above");
        return 1;
      }
      if (terminal) {
        out.print("\033[H\033[2J");
      }
      out.println(status(runtime, feeder, board));
      if (connect != null) {
        out.println("Connect: " + connect.summary() + "; drop register CSVs into " + connect.inputDir());
      }
      board.render().forEach(out::println);
      if (firstValues) {
        shownValues = true;
        out.printf("first indicators %.1f s after the command started%n", secondsSinceJvmStart());
      }
      out.println();
      out.flush();
    }
  }

  private static String status(EmbeddedRuntime runtime, DemoFeeder feeder, IndicatorBoard board) {
    String feed = feeder.historyTook() == null
        ? "loading history: " + feeder.historyLines() + " lines sent"
        : "history: " + feeder.historyLines() + " lines in " + feeder.historyTook().toSeconds() + " s; live: "
            + feeder.liveLines() + " lines" + (feeder.finished() ? " (generator finished)" : "") + "; simulated time "
            + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(feeder.simulatedNow().atOffset(ZoneOffset.UTC).toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES));
    return LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  streams " + runtime.streams().state() + "  " + feed + "; "
        + feeder.rejected() + " rejected to the DLQ; " + board.records() + " values read from " + board.topic()
        + " (latest MONTH; * = provisional)";
  }

  private static void printWhereToLook(PrintWriter out, EmbeddedRuntime runtime, EmbeddedConnect connect) {
    out.println("PeerPulse demo running (Ctrl-C stops it; data in " + runtime.dataDirectory().root() + ")");
    out.println("  dashboard        " + runtime.httpUrl() + "/");
    out.println("  HTTP API         " + runtime.httpUrl());
    out.println("  schema registry  " + runtime.registryUrl());
    out.println("  Kafka broker     " + runtime.bootstrapServers());
    out.println("  topics           " + String.join(", ", TopicAdmin.specs().stream().map(TopicAdmin.TopicSpec::name).toList()));
    out.println("  read them with e.g. kafka-console-consumer --bootstrap-server " + runtime.bootstrapServers()
        + " --topic peerpulse.events-dlq.v1 --from-beginning");
    if (connect != null) {
      out.println("  registers (CSV)  drop into " + connect.inputDir() + " (write as name.csv.part, then rename to name.csv);"
          + " the Connect worker in this process sends the rows, then moves the file to "
          + connect.settings().finished().getFileName() + "/ or " + connect.settings().error().getFileName() + "/ beside it");
    }
    out.flush();
  }

  private static double secondsSinceJvmStart() {
    return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
  }
}
