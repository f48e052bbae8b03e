package io.peerpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code peerpulse run}'s configuration: precedence of its layers and errors that name the key. */
class RunCommandTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  @Test
  void flagsOverrideEnvironmentOverridesFileOverridesDefaults() throws IOException {
    Path file = properties(
        "lateness.days = 10",
        "min.dose = 4",
        "threshold.hours = 15",
        "bootstrap.servers = from-file:9092",
        "schema.registry.url = http://from-file:8081",
        "num.stream.threads = 2");
    RunCommand command = new RunCommand(Map.of(
        "PEERPULSE_MIN_DOSE", "5",
        "PEERPULSE_THRESHOLD_HOURS", "12",
        "PEERPULSE_BOOTSTRAP_SERVERS", "from-env:9092",
        "PEERPULSE_NUM_STANDBY_REPLICAS", "1",
        "PEERPULSE_JAVA_OPTS", "-Xmx1g",
        "PATH", "/usr/bin"));
    new CommandLine(command).parseArgs("--config", file.toString(),
        "--threshold-hours", "8", "--bootstrap-servers", "from-flag:9092", "--state-dir", "/var/lib/peerpulse");

    ConfigLayers config = command.configuration();

    assertThat(config.values())
        .containsEntry("application.id", "peerpulse-indicators")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("lateness.days", "10")
        .containsEntry("num.stream.threads", "2")
        .containsEntry("schema.registry.url", "http://from-file:8081")
        .containsEntry("min.dose", "5")
        .containsEntry("num.standby.replicas", "1")
        .containsEntry("threshold.hours", "8.0")
        .containsEntry("bootstrap.servers", "from-flag:9092")
        .containsEntry("state.dir", "/var/lib/peerpulse")
        .doesNotContainKeys("java.opts", "path");
    assertThat(config.sourceOf("application.id")).isEqualTo("default");
    assertThat(config.sourceOf("lateness.days")).isEqualTo("file " + file);
    assertThat(config.sourceOf("min.dose")).isEqualTo("environment variable PEERPULSE_MIN_DOSE");
    assertThat(config.sourceOf("threshold.hours")).isEqualTo("flag --threshold-hours");
  }

  @Test
  void ruleFlagsOnlyOverrideWhenGiven() throws IOException {
    Path file = properties("lateness.days = 10", "min.dose = 4");
    RunCommand command = new RunCommand(Map.of("PEERPULSE_THRESHOLD_HOURS", "12"));
    new CommandLine(command).parseArgs("--config", file.toString(), "--min-dose", "3");

    assertThat(command.configuration().values())
        .containsEntry("lateness.days", "10")
        .containsEntry("min.dose", "3")
        .containsEntry("threshold.hours", "12");
  }

  @Test
  void anInvalidPeerPulseValueIsRejectedNamingTheKeyAndItsSource() {
    int code = run(Map.of("PEERPULSE_LATENESS_DAYS", "soon"));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("run: lateness.days: expected an integer, got \"soon\" "
        + "(lateness.days from environment variable PEERPULSE_LATENESS_DAYS)");
  }

  @Test
  void anOutOfRangeFlagIsRejectedNamingTheKey() {
    int code = run(Map.of(), "--lateness-days", "-1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("run: lateness.days: expected an integer >= 0, got -1 (lateness.days from flag --lateness-days)");
  }

  @Test
  void anInvalidKafkaValueIsRejectedNamingTheKeyAndTheFile() throws IOException {
    Path file = properties("commit.interval.ms = often");

    int code = run(Map.of(), "--config", file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("run: Invalid value often for configuration commit.interval.ms")
        .contains("(commit.interval.ms from file " + file + ")");
  }

  @Test
  void aMissingConfigFileIsNamed() {
    Path missing = dir.resolve("missing.properties");

    int code = run(Map.of(), "--config", missing.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("run: --config " + missing + ": no such readable file");
  }

  @Test
  void anUnreachableClusterIsReportedBeforeStarting() throws IOException {
    Path file = properties("default.api.timeout.ms = 2000", "request.timeout.ms = 1000");

    int code = run(Map.of(), "--config", file.toString(), "--bootstrap-servers", "127.0.0.1:1");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("run: cannot list the topics on 127.0.0.1:1: listing topics failed");
  }

  @Test
  void anInvalidHttpSecuritySettingIsRejectedBeforeConnecting() {
    int code = run(Map.of("PEERPULSE_HTTP_AUTH", "token"), "--bootstrap-servers", "127.0.0.1:1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("run: http.auth: expected none, bearer or basic, got \"token\" "
        + "(http.auth from environment variable PEERPULSE_HTTP_AUTH)");
  }

  @Test
  void bearerWithoutCredentialsIsRejected() throws IOException {
    Path file = properties("http.auth = bearer");

    int code = run(Map.of(), "--config", file.toString(), "--bootstrap-servers", "127.0.0.1:1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("run: http.auth is bearer: set http.auth.tokens.file (or http.auth.tokens) to the principals' credentials");
  }

  @Test
  void environmentVariablesMapToKeys() {
    assertThat(ConfigLayers.keyOf("PEERPULSE_HTTP_AUTH_TOKENS_FILE")).isEqualTo("http.auth.tokens.file");
    assertThat(ConfigLayers.keyOf("PEERPULSE_CELLS_FLUSH_INTERVAL_MS")).isEqualTo("cells.flush.interval.ms");
    assertThat(ConfigLayers.keyOf("PEERPULSE_SCHEMA_REGISTRY_URL")).isEqualTo("schema.registry.url");
    assertThat(ConfigLayers.keyOf("PEERPULSE_JAVA_OPTS")).isNull();
    assertThat(ConfigLayers.keyOf("PEERPULSE_")).isNull();
    assertThat(ConfigLayers.keyOf("HOME")).isNull();
  }

  private int run(Map<String, String> environment, String... args) {
    CommandLine cli = new CommandLine(new RunCommand(environment));
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  private Path properties(String... lines) throws IOException {
    Path file = dir.resolve("app.properties");
    Files.write(file, java.util.List.of(lines));
    return file;
  }
}
