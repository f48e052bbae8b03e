package io.peerpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PeerPulseCommandLineTest {

  private final CommandRun cli = new CommandRun();

  @Test
  void helpListsEveryCommand() {
    assertThat(cli.run("--help")).isZero();
    assertThat(cli.out()).contains("Usage: peerpulse").contains("registry");
  }

  @Test
  void everyCommandHasHelp() {
    for (String name : PeerPulse.commandLine().getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CommandRun help = new CommandRun();
      assertThat(help.run(name, "--help")).as(name + " --help").isZero();
      assertThat(help.out()).as(name + " --help").contains("Usage: peerpulse " + name);
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(cli.run("registry", "--no-such-option")).isEqualTo(2);
    assertThat(cli.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void registryNamesAnUnreadableKafkaConfig() {
    java.nio.file.Path missing = java.nio.file.Path.of("no-such-dir", "registry-kafka.properties");
    assertThat(cli.run("registry", "--port", "0", "--kafka-config", missing.toString())).isEqualTo(2);
    assertThat(cli.err()).startsWith("registry: --kafka-config " + missing + ": cannot be read as a properties file");
  }

  @Test
  void registryNamesATakenPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int code = cli.run("registry", "--host", "0.0.0.0", "--port", String.valueOf(taken.getLocalPort()));
      assertThat(code).isEqualTo(1);
      assertThat(cli.err()).contains("port " + taken.getLocalPort()).contains("already in use");
    }
  }
}
