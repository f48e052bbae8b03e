package io.peerpulse.app;

import io.peerpulse.app.export.ExportException;
import io.peerpulse.app.export.ExportFormat;
import io.peerpulse.app.export.ProgressLine;
import io.peerpulse.app.export.PublishedTopicReader;
import io.peerpulse.app.query.IndicatorFilter;
import io.peerpulse.app.query.InvalidFilterException;
import io.peerpulse.streams.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peerpulse export}: the published indicator topic as a CSV or Parquet file. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the published indicator topic " + Topics.INDICATORS + " (compacted: the latest value per key; read up to",
      "the end offsets taken at start) and writes the indicator CSV of spec/interfaces.md, or Parquet with typed",
      "columns (dates as DATE, numbers as DOUBLE, suppressed as BOOLEAN, revision as INTEGER), chosen by the",
      "extension of --output. Filters as the query API's parameters. Progress on standard error for large topics.",
      "Read it in R with read.csv(\"FILE.csv\", na.strings = \"\") or arrow::read_parquet(\"FILE.parquet\"),",
      "in Stata with: import delimited using \"FILE.csv\", varnames(1) clear (docs/query-and-export.md).",
      "Settings: defaults < --config file < PEERPULSE_FOO_BAR variables (key foo.bar) < flags; any consumer or",
      "schema registry key may be given (security settings).",
      "Exit code 0: written; 1: Kafka or the registry failed (unreachable, topic missing, undecodable record);",
      "2: usage error (bad flag or filter, output not writable)."
    })
final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "File to write: FILE.csv (indicator CSV) or FILE.parquet (Parquet); replaced if it exists.")
  Path output;

  @Option(names = "--bootstrap-servers", paramLabel = "HOSTS",
      description = "Kafka brokers (key bootstrap.servers; default localhost:9092).")
  String bootstrapServers;

  @Option(names = {"--schema-registry-url", "--registry-url"}, paramLabel = "URL",
      description = "Schema registry URL (key schema.registry.url; default http://localhost:8081).")
  String schemaRegistryUrl;

  @Option(names = "--config", paramLabel = "FILE", description = "Java properties file with consumer and registry keys.")
  Path configFile;

  @Option(names = "--indicator", paramLabel = "ID", description = "Only this indicator, e.g. REACH_30.")
  String indicator;

  @Option(names = "--site", paramLabel = "SITE", description = "Only this site_id (* for the totals).")
  String site;

  @Option(names = "--programme", paramLabel = "PROGRAMME", description = "Only this programme (* for totals and workload rows).")
  String programme;

  @Option(names = "--arm", paramLabel = "ARM", description = "Only this arm: INTERVENTION, CONTROL, NONE or *.")
  String arm;

  @Option(names = "--period-type", paramLabel = "TYPE", description = "Only this period type: DAY, WEEK, MONTH or ROLLING_28D.")
  String periodType;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Only periods starting on or after this date.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Only periods starting on or before this date.")
  String to;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long Kafka may take to answer before the export gives up (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--quiet", description = "No progress line and no summary on standard error.")
  boolean quiet;

  private final Map<String, String> environment;

  ExportCommand() {
    this(System.getenv());
  }

  /** With the given environment instead of the process's (tests). */
  ExportCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ExportFormat format = ExportFormat.ofFileName(output.getFileName() == null ? "" : output.getFileName().toString())
        .orElse(null);
    if (format == null) {
      err.println("export: --output " + output + ": expected a file name ending in .csv or .parquet");
      return 2;
    }
    String unwritable = unwritable(output);
    if (unwritable != null) {
      err.println("export: --output " + output + ": " + unwritable);
      return 2;
    }
    if (timeoutSeconds < 1) {
      err.println("export: --timeout: expected a number of seconds >= 1, got " + timeoutSeconds);
      return 2;
    }
    IndicatorFilter filter;
    try {
      filter = filter();
    } catch (InvalidFilterException e) {
      err.println("export: " + e.flag() + ": " + e.problem());
      return 2;
    }
    ConfigLayers config;
    try {
      config = configuration();
    } catch (IllegalArgumentException e) {
      err.println("export: " + e.getMessage());
      return 2;
    }
    ProgressLine progress = new ProgressLine(err, System.console() != null, !quiet);
    PublishedTopicReader.Result result;
    try {
      result = new PublishedTopicReader(consumerConfig(config), registryConfig(config), Duration.ofSeconds(timeoutSeconds))
          .read(filter, progress);
    } catch (ExportException e) {
      progress.done();
      err.println("export: " + e.getMessage());
      return 1;
    }
    progress.done();
    try {
      format.write(result.rows(), output);
    } catch (IOException e) {
      err.println("export: --output " + output + ": cannot be written: " + e.getMessage());
      return 2;
    }
    if (!quiet) {
      err.printf(Locale.ROOT, "export: %,d records read from %d partition(s) of %s; %,d rows written to %s (%s) in %.1f s%n",
          result.recordsRead(), result.partitions(), Topics.INDICATORS, result.rows().size(), output,
          format.name().toLowerCase(Locale.ROOT), progress.seconds());
    }
    err.flush();
    return 0;
  }

  /** The filter flags, validated as the query API's parameters. */
  IndicatorFilter filter() {
    Map<String, String> values = new LinkedHashMap<>();
    put(values, IndicatorFilter.INDICATOR, indicator);
    put(values, IndicatorFilter.SITE, site);
    put(values, IndicatorFilter.PROGRAMME, programme);
    put(values, IndicatorFilter.ARM, arm);
    put(values, IndicatorFilter.PERIOD_TYPE, periodType);
    put(values, IndicatorFilter.FROM, from);
    put(values, IndicatorFilter.TO, to);
    return IndicatorFilter.of(values);
  }

  /** Why {@code file} cannot be written (checked before reading the topic, which may take long), or null. */
  static String unwritable(Path file) {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      return "the directory " + directory + " does not exist";
    }
    if (!Files.isWritable(directory)) {
      return "the directory " + directory + " is not writable";
    }
    if (Files.isDirectory(absolute)) {
      return "is a directory";
    }
    if (Files.exists(absolute) && !Files.isWritable(absolute)) {
      return "exists and is not writable";
    }
    return null;
  }

  /** Defaults &lt; --config &lt; PEERPULSE_* &lt; flags, as for {@code ingest}. */
  private ConfigLayers configuration() {
    return ConfigLayers.forClient(configFile, environment, bootstrapServers, schemaRegistryUrl);
  }

  /** Only the consumer's keys: the others (streams settings in the environment) would be logged as unknown. */
  private static Map<String, Object> consumerConfig(ConfigLayers layers) {
    Set<String> consumerKeys = ConsumerConfig.configNames();
    Map<String, Object> config = new HashMap<>();
    layers.values().forEach((key, value) -> {
      if (consumerKeys.contains(key)) {
        config.put(key, value);
      }
    });
    return config;
  }

  private static Map<String, Object> registryConfig(ConfigLayers layers) {
    Map<String, Object> config = new HashMap<>();
    layers.values().forEach((key, value) -> {
      if (key.startsWith("schema.registry.") || key.startsWith("basic.auth.") || key.startsWith("bearer.auth.")) {
        config.put(key, value);
      }
    });
    return config;
  }

  private static void put(Map<String, String> values, String name, String value) {
    if (value != null) {
      values.put(name, value);
    }
  }
}
