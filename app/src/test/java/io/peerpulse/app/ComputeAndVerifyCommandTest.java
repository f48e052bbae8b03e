package io.peerpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.app.verify.ComparableRow;
import io.peerpulse.app.verify.TableComparison;
import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.compute.IndicatorRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline commands on the worked example of spec/indicators.md (shared/examples). */
class ComputeAndVerifyCommandTest {

  static final Path EXAMPLES = Path.of(System.getProperty("peerpulse.shared.dir", "../../shared"), "examples");

  @TempDir Path dir;
  private final CommandRun cli = new CommandRun();

  @Test
  void computeWritesTheExactTableOfTheWorkedExample() throws IOException {
    Path csv = dir.resolve("indicators.csv");
    int code = cli.run("compute", "--input", EXAMPLES.resolve("worked_example.jsonl").toString(),
        "--output", csv.toString(), "--no-suppress");
    assertThat(code).as(cli.err()).isZero();
    List<IndicatorRow> actual = read(csv);
    Set<String> computed = actual.stream().map(IndicatorRow::indicator).collect(Collectors.toSet());
    List<IndicatorRow> expected = read(EXAMPLES.resolve("worked_example.exact.csv")).stream()
        .filter(row -> computed.contains(row.indicator())).toList();
    assertThat(computed).contains("REACH_30", "MIN_DOSE_3", "DAYS_TO_FIRST_CONTACT", "ACTIVE_ENROLMENTS");
    assertThat(TableComparison.differences(comparable(expected), comparable(actual))).isEmpty();
    assertThat(cli.err()).contains("7 lines read, 7 events accepted");
  }

  @Test
  void verifyAgreesOnTheWorkedExampleAndSaysSo() {
    int code = cli.run("verify", "--input", EXAMPLES.resolve("worked_example.jsonl").toString());
    assertThat(code).as(cli.out() + "\n" + cli.err()).isZero();
    assertThat(cli.out())
        .containsPattern("verify: exact: \\d+ cells from the reference, \\d+ from the streams; 0 differ")
        .containsPattern("verify: published: \\d+ cells from the reference, \\d+ from the streams; 0 differ");
  }

  @Test
  void verifyRejectsAMissingInput() {
    int code = cli.run("verify", "--input", dir.resolve("absent.jsonl").toString());
    assertThat(code).isEqualTo(2);
    assertThat(cli.err()).contains("absent.jsonl").contains("no such readable file");
  }

  @Test
  void computeWritesThePublishedTableByDefault() throws IOException {
    Path csv = dir.resolve("published.csv");
    int code = cli.run("compute", "--input", EXAMPLES.resolve("worked_example.jsonl").toString(), "--output", csv.toString());
    assertThat(code).as(cli.err()).isZero();
    List<IndicatorRow> actual = read(csv);
    Set<String> computed = actual.stream().map(IndicatorRow::indicator).collect(Collectors.toSet());
    List<IndicatorRow> expected = read(EXAMPLES.resolve("worked_example.published.csv")).stream()
        .filter(row -> computed.contains(row.indicator())).toList();
    assertThat(actual).anyMatch(IndicatorRow::suppressed);
    assertThat(TableComparison.differences(comparable(expected), comparable(actual))).isEmpty();
  }

  @Test
  void invalidLinesAreCountedPerReasonWithTheirLineNumbers() throws IOException {
    Path input = dir.resolve("events.jsonl");
    Files.writeString(input, String.join("\n",
        Files.readAllLines(EXAMPLES.resolve("worked_example.jsonl")).get(0),
        "{not json",
        "{\"event_id\":\"x\",\"type\":\"NOPE\",\"site_id\":\"ulm\",\"occurred_at\":\"2021-02-01\",\"recorded_at\":\"2021-02-01T00:00:00Z\"}"),
        StandardCharsets.UTF_8);
    int code = cli.run("compute", "--input", input.toString(), "--output", dir.resolve("o.csv").toString(), "--no-suppress");
    assertThat(code).isZero();
    assertThat(cli.err()).contains("3 lines read, 1 events accepted")
        .containsPattern("rejected MALFORMED_JSON +1").containsPattern("rejected UNKNOWN_TYPE +1")
        .contains("line 2: MALFORMED_JSON").contains("line 3: UNKNOWN_TYPE");
  }

  private static List<IndicatorRow> read(Path csv) throws IOException {
    try (var reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return IndicatorCsv.read(reader);
    }
  }

  private static List<ComparableRow> comparable(List<IndicatorRow> rows) {
    return rows.stream().map(ComparableRow::of).toList();
  }
}
