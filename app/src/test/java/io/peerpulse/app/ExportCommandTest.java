package io.peerpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peerpulse export}'s usage errors and an unreachable broker, without a broker. */
class ExportCommandTest {

  @TempDir Path dir;

  @Test
  void anUnknownExtensionIsAUsageError() {
    CommandRun run = new CommandRun();
    assertThat(run.run("export", "--output", dir.resolve("out.xlsx").toString())).isEqualTo(2);
    assertThat(run.err()).isEqualTo("export: --output " + dir.resolve("out.xlsx")
        + ": expected a file name ending in .csv or .parquet" + System.lineSeparator());
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedBeforeReadingAnything() {
    CommandRun run = new CommandRun();
    Path missing = dir.resolve("no-such-dir").resolve("out.csv");
    assertThat(run.run("export", "--output", missing.toString(), "--bootstrap-servers", "localhost:1")).isEqualTo(2);
    assertThat(run.err()).isEqualTo("export: --output " + missing + ": the directory " + missing.getParent()
        + " does not exist" + System.lineSeparator());
  }

  @Test
  void filterFlagsAreValidatedAsTheQueryApisParametersNamingTheFlag() {
    CommandRun run = new CommandRun();
    String out = dir.resolve("out.csv").toString();
    assertThat(run.run("export", "--output", out, "--period-type", "YEAR")).isEqualTo(2);
    assertThat(run.err()).startsWith("export: --period-type: expected a period type, one of DAY, WEEK, MONTH, ROLLING_28D;");
    CommandRun dates = new CommandRun();
    assertThat(dates.run("export", "--output", out, "--from", "2021-03-01", "--to", "2021-02-01")).isEqualTo(2);
    assertThat(dates.err()).startsWith("export: --from: expected a date on or before to (2021-02-01), got 2021-03-01");
  }

  @Test
  void anUnreachableBrokerFailsWithinTheTimeoutNamingTheFlag() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CommandRun run = new CommandRun();
    Path out = dir.resolve("out.csv");
    int exit = run.run("export", "--output", out.toString(), "--bootstrap-servers", "localhost:" + closedPort,
        "--timeout", "2", "--quiet");
    assertThat(exit).isEqualTo(1);
    assertThat(run.err()).startsWith("export: cannot reach Kafka at localhost:" + closedPort + " within 2 s (--bootstrap-servers, --timeout)");
    assertThat(Files.exists(out)).as("nothing written").isFalse();
  }
}
