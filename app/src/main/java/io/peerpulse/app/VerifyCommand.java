package io.peerpulse.app;

import io.peerpulse.app.verify.CellDifference;
import io.peerpulse.app.verify.ComparableRow;
import io.peerpulse.app.verify.TableComparison;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.compute.IndicatorRow;
import io.peerpulse.streams.compute.OfflineCompute;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code peerpulse verify}: the streaming result against the independent SQL reference. Both see
 * the same valid events (the shared mapping filters the file first); revision is not compared.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes every indicator of a .jsonl file of events twice — with the streaming topologies and with the",
      "independent SQL reference — and reports each cell where they differ, in the exact and in the published table",
      "(numbers within 1e-4; revision not compared).",
      "Exit code 0 when they agree, 1 on any difference, 2 on bad usage."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, description = "Events, one JSON object per line (.jsonl).")
  Path input;

  @Option(names = "--max-listed", defaultValue = "100", description = "Differences listed in full (default: ${DEFAULT-VALUE}); all are counted.")
  int maxListed;

  @Mixin RuleOptions rules;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isReadable(input)) {
      err.println("verify: --input " + input + ": no such readable file");
      return 2;
    }
    EngineConfig engine = rules.engineConfig();
    OfflineCompute.Result streaming = OfflineCompute.compute(input, engine);
    InputReport.print(err, "verify", streaming);
    ReferenceConfig config = ReferenceConfig.defaults().withLatenessDays(engine.latenessDays())
        .withMinDose(engine.minDose()).withThresholdHours(engine.thresholdHours())
        .withFutureHorizonDays(engine.futureHorizonDays());
    Path validEvents = validLines(input, engine.futureHorizonDays());
    List<ReferenceRow> exact;
    List<ReferenceRow> published;
    try {
      exact = ReferenceIndicators.compute(validEvents, config);
      published = ReferenceIndicators.computePublished(validEvents, config);
    } finally {
      Files.deleteIfExists(validEvents);
    }
    int differing = compare(out, "exact", exact, streaming.rows())
        + compare(out, "published", published, streaming.publishedRows());
    out.flush();
    return differing == 0 ? 0 : 1;
  }

  /** Compares one table for the indicators the streams compute; says which it left out. */
  private int compare(PrintWriter out, String table, List<ReferenceRow> reference, List<IndicatorRow> streams) {
    Set<String> computed = Arrays.stream(Indicator.values()).map(Indicator::name).collect(Collectors.toSet());
    List<ComparableRow> expected = reference.stream().filter(row -> computed.contains(row.indicator()))
        .map(ComparableRow::of).toList();
    Set<String> notCompared = reference.stream().map(ReferenceRow::indicator).filter(id -> !computed.contains(id))
        .collect(Collectors.toCollection(TreeSet::new));
    List<CellDifference> differences = TableComparison.differences(expected,
        streams.stream().map(ComparableRow::of).toList());
    differences.stream().limit(maxListed).forEach(difference -> out.println(table + " " + difference));
    out.printf("verify: %s: %d cells from the reference, %d from the streams; %d differ%n",
        table, expected.size(), streams.size(), differences.size());
    if (!notCompared.isEmpty()) {
      out.printf("verify: %s: not compared (the streams do not compute them yet): %s%n", table,
          String.join(", ", notCompared));
    }
    return differences.size();
  }

  /** The lines the shared mapping accepts, so the reference sees exactly what the pipeline does. */
  private static Path validLines(Path input, int futureHorizonDays) throws IOException {
    Path valid = Files.createTempFile("peerpulse-verify-", ".jsonl");
    try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        BufferedWriter writer = Files.newBufferedWriter(valid, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && EventJson.parse(line, futureHorizonDays).isAccepted()) {
          writer.write(line);
          writer.newLine();
        }
      }
    }
    return valid;
  }
}
