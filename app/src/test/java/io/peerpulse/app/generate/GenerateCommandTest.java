package io.peerpulse.app.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.app.CommandRun;
import io.peerpulse.mapping.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peerpulse generate}: the file it writes, its determinism and its answers to bad flags. */
class GenerateCommandTest {

  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @Test
  void writesTheSameFileForTheSameSeedAndSaysWhatItWrote() throws IOException {
    Path first = dir.resolve("a.jsonl");
    Path second = dir.resolve("b.jsonl");
    String[] flags = {"--sites", "3", "--persons-per-site", "30", "--years", "1", "--start", "2020-02-01", "--seed", "5",
        "--late-fraction", "0.2", "--malformed-fraction", "0"};
    assertThat(cli.run(concat(flags, "generate", "--output", first.toString()))).as(cli.err()).isZero();
    assertThat(cli.run(concat(flags, "generate", "--output", second.toString(), "--quiet"))).isZero();
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    List<String> lines = Files.readAllLines(first);
    assertThat(lines).hasSizeGreaterThan(500).allMatch(line -> EventJson.parse(line).isAccepted());
    assertThat(lines).extracting(line -> line.replaceAll(".*\"site_id\":\"([^\"]+)\".*", "$1")).containsOnly("ulm", "hamburg", "butabika");
    assertThat(lines.get(0)).contains("\"occurred_at\":\"2020-02-01");
    assertThat(cli.err()).contains("generate: " + String.format("%,d", lines.size()) + " lines (0 malformed) for 3 sites")
        .containsOnlyOnce("generate:"); // the quiet run said nothing; no progress line without a terminal
  }

  @Test
  void writesImpPeerHospitalsWhenAsked() throws IOException {
    Path file = dir.resolve("imppeer.jsonl");
    int code = cli.run("generate", "--output", file.toString(), "--programme", "IMPPEER", "--sites", "2",
        "--persons-per-site", "20", "--years", "1", "--quiet");
    assertThat(code).isZero();
    assertThat(Files.readString(file)).contains("\"site_id\":\"klinik-002\"").contains("\"programme\":\"IMPPEER\"")
        .doesNotContain("\"site_id\":\"ulm\"");
  }

  @Test
  void badFlagsAreNamedWithTheirValue() {
    String output = dir.resolve("x.jsonl").toString();
    assertThat(cli.run("generate", "--output", output, "--late-fraction", "1.5")).isEqualTo(2);
    assertThat(cli.err()).contains("--late-fraction 1.5").contains("from 0 to 1");
    assertThat(cli.run("generate", "--output", output, "--programme", "UPSIDES,FOO")).isEqualTo(2);
    assertThat(cli.err()).contains("--programme FOO").contains("UPSIDES, CTI_TS or IMPPEER");
    assertThat(cli.run("generate", "--output", output, "--start", "2020-13-01")).isEqualTo(2);
    assertThat(cli.err()).contains("--start 2020-13-01");
    assertThat(cli.run("generate", "--output", output, "--persons-per-site", "0")).isEqualTo(2);
    assertThat(cli.err()).contains("--persons-per-site 0");
    assertThat(cli.run("generate", "--output", output, "--seed", "abc")).isEqualTo(2);
    assertThat(cli.err()).contains("--seed").contains("abc");
    assertThat(Files.exists(Path.of(output))).isFalse();
  }

  private static String[] concat(String[] flags, String... head) {
    String[] all = new String[head.length + flags.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(flags, 0, all, head.length, flags.length);
    return all;
  }
}
