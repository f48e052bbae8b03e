package io.peerpulse.app;

import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.compute.IndicatorRow;
import java.util.List;
import io.peerpulse.streams.compute.OfflineCompute;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code peerpulse compute}: the streaming topologies run offline over a file of events. */
@Command(
    name = "compute",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the same Kafka Streams topologies as the live pipeline over a .jsonl file of events (no broker needed)",
      "and writes the indicator table as CSV (columns of spec/interfaces.md). Invalid lines are counted per reason",
      "and reported on stderr; the first ones are listed with their line numbers."
    })
final class ComputeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, description = "Events, one JSON object per line (.jsonl).")
  Path input;

  @Option(names = "--output", defaultValue = "-", description = "CSV file to write (default: standard output).")
  String output;

  @Option(names = "--no-suppress",
      description = "Write the exact (restricted) values instead of the published ones (NHS rule: counts 1-7 suppressed, others rounded to 5).")
  boolean noSuppress;

  @Option(names = "--disk-state",
      description = "Keep the topology's state in RocksDB (a temporary directory) instead of memory: for inputs whose"
          + " state does not fit the heap (PEERPULSE_JAVA_OPTS=-Xmx...); about half as fast.")
  boolean diskState;

  @Mixin RuleOptions rules;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isReadable(input)) {
      err.println("compute: --input " + input + ": no such readable file");
      return 2;
    }
    OfflineCompute.Result result = OfflineCompute.compute(input, rules.engineConfig(), diskState);
    List<IndicatorRow> rows = noSuppress ? result.rows() : result.publishedRows();
    try (Writer out = open(output)) {
      IndicatorCsv.write(rows, out);
    }
    InputReport.print(err, "compute", result);
    err.printf("compute: %d %s indicator rows written to %s%n", rows.size(), noSuppress ? "exact" : "published",
        output.equals("-") ? "standard output" : output);
    err.flush();
    return 0;
  }

  private Writer open(String target) throws IOException {
    if (target.equals("-")) {
      return new OutputStreamWriter(System.out, StandardCharsets.UTF_8) {
        @Override
        public void close() throws IOException {
          flush(); // never close standard output
        }
      };
    }
    return Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8);
  }
}
