package io.peerpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PeerPulseCommandLineTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = PeerPulse.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: peerpulse").contains("registry");
  }

  @Test
  void everyCommandHasHelp() {
    for (String name : PeerPulse.commandLine().getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      StringWriter text = new StringWriter();
      CommandLine cli = PeerPulse.commandLine();
      cli.setOut(new PrintWriter(text, true));
      assertThat(cli.execute(name, "--help")).as(name + " --help").isZero();
      assertThat(text.toString()).as(name + " --help").contains("Usage: peerpulse " + name);
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("registry", "--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void registryNamesATakenPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int code = run("registry", "--host", "0.0.0.0", "--port", String.valueOf(taken.getLocalPort()));
      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).contains("port " + taken.getLocalPort()).contains("already in use");
    }
  }
}
