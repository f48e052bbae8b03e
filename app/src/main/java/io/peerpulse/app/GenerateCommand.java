package io.peerpulse.app;

import io.peerpulse.app.generate.EventGenerator;
import io.peerpulse.app.generate.GeneratedLine;
import io.peerpulse.app.generate.GeneratorSettings;
import io.peerpulse.app.generate.SiteProfile;
import io.peerpulse.app.generate.SiteProfile.Programme;
import io.peerpulse.app.ingest.IngestFormat;
import io.peerpulse.app.ingest.IngestService;
import io.peerpulse.app.ingest.IngestUnavailableException;
import io.peerpulse.streams.topics.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code peerpulse generate}: realistic synthetic events, deterministic by seed, streamed to a file or to Kafka. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes realistic synthetic service events (one canonical JSON event per line, spec/events.md) for",
      "UPSIDES-like, CTI-TS-like and ImpPeer-like sites: randomised arms, dose varying by site, groups, home visits,",
      "COVID-19 pauses, tapering CTI phases, outcomes depending on arm and engagement, worker rosters, supervision,",
      "and the mess of real data (late monthly uploads, duplicates, voids, malformed rows).",
      "Same flags and seed give the same bytes. Lines are in recorded_at order. Memory does not grow with --years.",
      "Exit code 0 on success, 2 on bad usage, 3 when Kafka or the registry did not take the events."
    })
final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--output", description = "File to write (.jsonl), or - for standard output.")
  String output;

  @Option(names = "--bootstrap-servers", paramLabel = "HOSTS",
      description = "Instead of --output: send the events to peerpulse.events.v1 on this Kafka cluster through the ingest"
          + " validation (Avro, key site_id, malformed rows to peerpulse.events-dlq.v1).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", defaultValue = "http://localhost:8081", paramLabel = "URL",
      description = "Registry of the Avro events, with --bootstrap-servers (default: ${DEFAULT-VALUE}).")
  String schemaRegistryUrl;

  @Option(names = "--programme", split = ",", paramLabel = "PROGRAMME",
      description = "Programmes whose sites to simulate: UPSIDES, CTI_TS, IMPPEER (default: UPSIDES,CTI_TS).")
  List<String> programmes;

  @Option(names = "--sites", paramLabel = "N",
      description = "Number of sites: the first N of the programmes' sites; beyond them more ImpPeer hospitals (with IMPPEER)"
          + " or numbered copies (ulm-2, ...). Default: all (6 UPSIDES + santiago; 8 ImpPeer hospitals).")
  Integer sites;

  @Option(names = "--persons-per-site", defaultValue = "200", paramLabel = "N",
      description = "Persons enrolled over the whole range at an average-sized site (default: ${DEFAULT-VALUE}).")
  int personsPerSite;

  @Option(names = "--years", defaultValue = "2", paramLabel = "N", description = "Years to simulate (default: ${DEFAULT-VALUE}).")
  int years;

  @Option(names = "--start", paramLabel = "DATE",
      description = "First simulated day, ISO date (default: 2020-01-01, so the COVID-19 pauses are included).")
  String start;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--late-fraction", defaultValue = "0.15", paramLabel = "F",
      description = "Share of events recorded in the next month's register upload (default: ${DEFAULT-VALUE}).")
  double lateFraction;

  @Option(names = "--malformed-fraction", defaultValue = "0.001", paramLabel = "F",
      description = "Share of lines replaced by malformed rows (default: ${DEFAULT-VALUE}).")
  double malformedFraction;

  @Option(names = "--quiet", description = "No progress line and no summary on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    GeneratorSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      err.println("generate: " + e.getMessage());
      err.flush();
      return 2;
    }
    if ((output == null) == (bootstrapServers == null)) {
      err.println("generate: give exactly one of --output FILE and --bootstrap-servers HOSTS");
      err.flush();
      return 2;
    }
    EventGenerator generator = new EventGenerator(settings);
    Progress progress = new Progress(err, !quiet && System.console() != null);
    if (bootstrapServers != null) {
      return sendToKafka(generator, settings, progress, err);
    }
    long lines = 0;
    try (Writer out = open(output)) {
      Iterator<GeneratedLine> it = generator.lines();
      while (it.hasNext()) {
        out.write(it.next().json());
        out.write('\n');
        lines++;
        if ((lines & 0xFFFF) == 0) {
          progress.update(lines);
        }
      }
    }
    progress.done();
    if (!quiet) {
      double seconds = progress.seconds();
      err.printf(Locale.ROOT, "generate: %,d lines (%,d malformed) for %d sites, %s to %s, written to %s in %.1f s (%,.0f lines/s)%n",
          lines, generator.malformedLines(), settings.sites().size(), settings.start(), settings.end(),
          output.equals("-") ? "standard output" : output, seconds, lines / Math.max(seconds, 1e-3));
      err.flush();
    }
    return 0;
  }

  /** Streams the lines through the ingest service: batches acknowledged one after the other, constant memory. */
  private int sendToKafka(EventGenerator generator, GeneratorSettings settings, Progress progress, PrintWriter err) {
    Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "schema.registry.url", schemaRegistryUrl);
    long[] lines = {0};
    IngestService.Counts counts;
    try (IngestService service = IngestService.create(config, Optional.empty());
        Reader reader = new LinesReader(generator.lines())) {
      counts = service.ingest(reader, IngestFormat.JSON_LINES, "generate", IngestService.DEFAULT_BATCH_ROWS, result -> {
        if ((++lines[0] & 0xFFFF) == 0) {
          progress.update(lines[0]);
        }
      });
    } catch (IngestUnavailableException e) {
      err.println("generate: Kafka or the schema registry did not take the events: " + e.getMessage());
      err.flush();
      return 3;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.done();
    if (!quiet) {
      err.printf(Locale.ROOT, "generate: %,d lines for %d sites, %s to %s: %,d sent to %s, %,d rejected to %s %s (%.1f s)%n",
          counts.rows(), settings.sites().size(), settings.start(), settings.end(), counts.accepted(), Topics.EVENTS,
          counts.rejected(), Topics.EVENTS_DLQ, counts.rejectedByReason(), progress.seconds());
      err.flush();
    }
    return 0;
  }

  /** The generator's lines as JSON-lines text, read on demand. */
  private static final class LinesReader extends Reader {
    private final Iterator<GeneratedLine> lines;
    private String current = "";
    private int position;

    LinesReader(Iterator<GeneratedLine> lines) {
      this.lines = lines;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      while (position == current.length()) {
        if (!lines.hasNext()) {
          return -1;
        }
        current = lines.next().json() + "\n";
        position = 0;
      }
      int n = Math.min(length, current.length() - position);
      current.getChars(position, position + n, buffer, offset);
      position += n;
      return n;
    }

    @Override
    public void close() {
      // Nothing to release: the generator holds no resources.
    }
  }

  private GeneratorSettings settings() {
    requireFraction("--late-fraction", lateFraction);
    requireFraction("--malformed-fraction", malformedFraction);
    if (personsPerSite < 1) {
      throw new IllegalArgumentException("--persons-per-site " + personsPerSite + ": expected a whole number of at least 1");
    }
    if (years < 1 || years > 200) {
      throw new IllegalArgumentException("--years " + years + ": expected a whole number from 1 to 200");
    }
    if (sites != null && sites < 1) {
      throw new IllegalArgumentException("--sites " + sites + ": expected a whole number of at least 1");
    }
    LocalDate first = GeneratorSettings.DEFAULT_START;
    if (start != null) {
      try {
        first = LocalDate.parse(start);
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("--start " + start + ": expected an ISO date such as 2020-01-01");
      }
    }
    Set<Programme> chosen = EnumSet.noneOf(Programme.class);
    for (String name : programmes == null ? List.of("UPSIDES", "CTI_TS") : programmes) {
      try {
        chosen.add(Programme.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--programme " + name + ": expected UPSIDES, CTI_TS or IMPPEER");
      }
    }
    List<SiteProfile> profiles = SiteProfile.forProgrammes(chosen, sites, seed);
    return GeneratorSettings.of(seed, first, years, profiles, personsPerSite, lateFraction, malformedFraction);
  }

  private static void requireFraction(String flag, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(flag + " " + value + ": expected a number from 0 to 1");
    }
  }

  private Writer open(String target) throws IOException {
    if (target.equals("-")) {
      return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16) {
        @Override
        public void close() throws IOException {
          flush(); // never close standard output
        }
      };
    }
    return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of(target)), StandardCharsets.UTF_8), 1 << 20);
  }

  /** A progress line on a terminal, rewritten in place at most twice a second. */
  private static final class Progress {
    private final PrintWriter err;
    private final boolean shown;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private boolean wrote;

    Progress(PrintWriter err, boolean shown) {
      this.err = err;
      this.shown = shown;
    }

    void update(long lines) {
      long now = System.nanoTime();
      if (!shown || now - lastShown < 500_000_000L) {
        return;
      }
      lastShown = now;
      double seconds = (now - started) / 1e9;
      err.printf(Locale.ROOT, "\rgenerate: %,d events written, %,.0f events/s   ", lines, lines / seconds);
      err.flush();
      wrote = true;
    }

    void done() {
      if (wrote) {
        err.print("\r\033[K");
        err.flush();
      }
    }

    double seconds() {
      return (System.nanoTime() - started) / 1e9;
    }
  }
}
