package io.peerpulse.app;

import io.peerpulse.app.ingest.IngestFormat;
import io.peerpulse.app.ingest.IngestService;
import io.peerpulse.app.ingest.IngestUnavailableException;
import io.peerpulse.app.ingest.InputRefusedException;
import io.peerpulse.app.ingest.RowResult;
import io.peerpulse.mapping.Pseudonymiser;
import io.peerpulse.mapping.RegisterCsv;
import io.peerpulse.mapping.RegisterException;
import io.peerpulse.streams.topics.Topics;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code peerpulse ingest FILE}: the HTTP ingest's validation and writes from the command line
 * ({@link IngestService}), streamed in batches so any file size fits in memory.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Sends a file of events to " + Topics.EVENTS + " through the same validation as the",
      "HTTP ingest API: .jsonl (one JSON event per line), .json (one event or an array)",
      "or a CSV register (.csv; layout in mapping/README.md). Rejected rows go to",
      Topics.EVENTS_DLQ + " with their reason; counts per reason and the first",
      "rejected lines are printed. Raw identifier columns of a register (person_raw_id,",
      "person_raw_ids, worker_raw_id) are pseudonymised with the key of",
      "--pseudonym-key-file or " + Pseudonymiser.ENV_VARIABLE + "; without a key such a register",
      "is refused. Settings: defaults < --config file < PEERPULSE_FOO_BAR variables (key",
      "foo.bar) < flags; any producer or schema registry key may be given.",
      "Exit code 0: every row accepted; 1: some rows rejected (the others are written);",
      "2: usage error or file refused as a whole (nothing written, except the rows before",
      "a CSV syntax error); 3: Kafka or the registry did not acknowledge (sending the",
      "file again is safe: events count once by event_id)."
    })
final class IngestCommand implements Callable<Integer> {

  static final String PSEUDONYM_KEY_FILE = "pseudonym.key.file";
  private static final int LISTED_LINES = 20;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "Events (.jsonl, .json) or a CSV register (.csv).")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "json, json_lines or csv; default from the file name (.json, .jsonl/.ndjson, .csv).")
  IngestFormat format;

  @Option(names = "--config", paramLabel = "FILE", description = "Java properties file with producer and registry keys.")
  Path configFile;

  @Option(names = "--bootstrap-servers", description = "Kafka brokers (key bootstrap.servers; default localhost:9092).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", description = "Schema registry URL (key schema.registry.url; default http://localhost:8081).")
  String schemaRegistryUrl;

  @Option(names = "--pseudonym-key-file", paramLabel = "FILE",
      description = "File holding the pseudonym key (key " + PSEUDONYM_KEY_FILE + "); overrides " + Pseudonymiser.ENV_VARIABLE + ".")
  Path pseudonymKeyFile;

  @Option(names = "--batch-rows", defaultValue = "" + IngestService.DEFAULT_BATCH_ROWS,
      description = "Rows sent before waiting for Kafka's acknowledgement (default ${DEFAULT-VALUE}).")
  int batchRows;

  private final Map<String, String> environment;
  private final BiFunction<Map<String, String>, Optional<Pseudonymiser>, IngestService> services;

  IngestCommand() {
    this(System.getenv(), IngestService::create);
  }

  /** With the given environment and service factory instead of the process's and Kafka (tests). */
  IngestCommand(Map<String, String> environment,
      BiFunction<Map<String, String>, Optional<Pseudonymiser>, IngestService> services) {
    this.environment = Map.copyOf(environment);
    this.services = services;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      err.println("ingest: " + file + ": no such readable file");
      return 2;
    }
    IngestFormat effective = format != null ? format : IngestFormat.ofFileName(file.getFileName().toString()).orElse(null);
    if (effective == null) {
      err.println("ingest: " + file + ": cannot tell the format from the file name: expected .jsonl, .ndjson, .json or .csv, "
          + "or give --format");
      return 2;
    }
    if (batchRows < 1) {
      err.println("ingest: --batch-rows: expected an integer >= 1, got " + batchRows);
      return 2;
    }
    Map<String, String> config;
    Optional<Pseudonymiser> pseudonymiser;
    try {
      ConfigLayers layers = configuration();
      pseudonymiser = pseudonymiser(layers);
      config = clientConfig(layers);
    } catch (IOException | IllegalArgumentException e) {
      err.println("ingest: " + e.getMessage());
      return 2;
    }
    if (effective == IngestFormat.CSV) {
      String refusal = registerRefusal(pseudonymiser);
      if (refusal != null) {
        err.println("ingest: " + file + ": refused: " + refusal);
        return 2;
      }
    }
    List<RowResult> listed = new ArrayList<>();
    IngestService.Counts counts;
    String source = "file " + file.getFileName();
    try (IngestService service = services.apply(config, pseudonymiser); Reader reader = open(file)) {
      counts = service.ingest(reader, effective, source, batchRows, row -> {
        if (!row.isAccepted() && listed.size() < LISTED_LINES) {
          listed.add(row);
        }
      });
    } catch (InputRefusedException e) {
      err.println("ingest: " + file + ": refused (" + e.code() + "): " + e.getMessage());
      return 2;
    } catch (IngestUnavailableException e) {
      err.println("ingest: " + e.getMessage());
      return 3;
    } catch (KafkaException e) {
      err.println("ingest: cannot create the Kafka producer: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      err.println("ingest: " + file + ": cannot be read as UTF-8 text: " + e.getMessage());
      return 2;
    }
    report(out, counts, listed);
    return counts.rejected() == 0 ? 0 : 1;
  }

  private void report(PrintWriter out, IngestService.Counts counts, List<RowResult> listed) {
    out.printf("ingest: %s: %d rows, %d accepted (written to %s), %d rejected (written to %s)%n", file, counts.rows(),
        counts.accepted(), Topics.EVENTS, counts.rejected(), Topics.EVENTS_DLQ);
    counts.rejectedByReason().forEach((reason, count) -> out.printf("ingest:   rejected %-20s %d%n", reason, count));
    for (RowResult row : listed) {
      out.printf("ingest:   line %d: %s %s%n", row.line(), row.reason(), row.message());
    }
    if (counts.rejected() > listed.size()) {
      out.printf("ingest:   ... and %d more rejected rows%n", counts.rejected() - listed.size());
    }
    out.flush();
  }

  /** Defaults &lt; --config &lt; PEERPULSE_* &lt; flags, as for {@code run}. */
  ConfigLayers configuration() {
    return ConfigLayers.forClient(configFile, environment, bootstrapServers, schemaRegistryUrl)
        .flag(PSEUDONYM_KEY_FILE, pseudonymKeyFile, "--pseudonym-key-file");
  }

  /** The key file if one is configured, else the environment variable, else none. */
  private Optional<Pseudonymiser> pseudonymiser(ConfigLayers layers) throws IOException {
    String keyFile = layers.values().get(PSEUDONYM_KEY_FILE);
    if (keyFile != null && !keyFile.isBlank()) {
      return Optional.of(Pseudonymiser.fromFile(Path.of(keyFile)));
    }
    return Pseudonymiser.fromEnvironment(environment, Pseudonymiser.ENV_VARIABLE);
  }

  /** The settings for the producer and the serializer: never the key (Kafka's clients log their configs). */
  private static Map<String, String> clientConfig(ConfigLayers layers) {
    Map<String, String> config = new LinkedHashMap<>(layers.values());
    config.keySet().removeIf(key -> key.startsWith("pseudonym."));
    return config;
  }

  /** Why the register's header is refused, or null: checked before a producer connects anywhere. */
  private String registerRefusal(Optional<Pseudonymiser> pseudonymiser) {
    try (Reader reader = open(file); RegisterCsv.Rows rows = RegisterCsv.of(pseudonymiser).open(reader)) {
      return null;
    } catch (RegisterException e) {
      return e.getMessage();
    } catch (IOException | UncheckedIOException e) {
      return "cannot be read as UTF-8 text: " + e.getMessage();
    }
  }

  private static Reader open(Path file) throws IOException {
    // strict UTF-8: a register saved as Latin-1 fails loudly instead of garbling names into pseudonyms
    return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
  }
}
