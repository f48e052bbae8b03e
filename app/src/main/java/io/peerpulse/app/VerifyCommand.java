package io.peerpulse.app;

import io.peerpulse.app.verify.CellDifference;
import io.peerpulse.app.verify.ComparableRow;
import io.peerpulse.app.verify.TableComparison;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.compute.OfflineCompute;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
      "independent SQL reference — and reports each cell where they differ (numbers within 1e-4; revision not compared).",
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
    Path validEvents = validLines(input);
    List<ComparableRow> reference;
    try {
      reference = ReferenceIndicators.compute(validEvents, ReferenceConfig.defaults()
              .withLatenessDays(engine.latenessDays()).withMinDose(engine.minDose())
              .withThresholdHours(engine.thresholdHours()))
          .stream().map(ComparableRow::of).toList();
    } finally {
      Files.deleteIfExists(validEvents);
    }
    List<CellDifference> differences = TableComparison.differences(reference,
        streaming.rows().stream().map(ComparableRow::of).toList());
    differences.stream().limit(maxListed).forEach(out::println);
    out.printf("verify: %d cells from the reference, %d from the streams; %d differ%n",
        reference.size(), streaming.rows().size(), differences.size());
    out.flush();
    return differences.isEmpty() ? 0 : 1;
  }

  /** The lines the shared mapping accepts, so the reference sees exactly what the pipeline does. */
  private static Path validLines(Path input) throws IOException {
    Path valid = Files.createTempFile("peerpulse-verify-", ".jsonl");
    try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        BufferedWriter writer = Files.newBufferedWriter(valid, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && EventJson.parse(line).isAccepted()) {
          writer.write(line);
          writer.newLine();
        }
      }
    }
    return valid;
  }
}
