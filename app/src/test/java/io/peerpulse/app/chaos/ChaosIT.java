package io.peerpulse.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.mapping.Reason;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of the reliability campaign ({@code peerpulse chaos}, reliability/README.md):
 * one broker and two application instances as child JVMs, a few hundred generated events with
 * bad records of every reason code, three SIGKILLs of an application instance while it processes
 * them. Under exactly-once the final internal and published values must equal the SQL reference
 * and every bad record must be dead-lettered once; under at-least-once the same run must be
 * caught counting twice, or the checks prove nothing.
 *
 * <p>Why the negative control is deterministic: the kills are aimed ({@link KillAim}) at an
 * instance right after it dead-lettered an input record whose offset it has not committed, which
 * the report confirms after the kill. Such a record is processed again after the restart and its
 * dead letter, an append, is written once more: at least one extra dead letter per aimed kill.
 * The indicator tables replace values per key and every stage rebuilds its state from what it
 * stored, so replayed records mostly reproduce the same values: they are not where at-least-once
 * reliably shows (see reliability/README.md).
 */
class ChaosIT {

  private static final int KILLS = 3;

  @TempDir Path dir;

  /**
   * Kills come 3 to 6 s apart, or, with a longer {@code aim}, up to that long apart while no
   * instance is between a dead letter's write and its commit.
   */
  private static ChaosSettings settings(String guarantee, Duration aim, long commitIntervalMs, Path workDir) {
    return new ChaosSettings(500, 3, 2, 1, 2, KILLS, Duration.ofSeconds(6), aim, guarantee, commitIntervalMs, false, 0.05, 50,
        11, workDir, Duration.ofMinutes(10));
  }

  private static ChaosReport run(ChaosSettings settings) throws Exception {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    ChaosReport report = ChaosRun.run(settings, out);
    out.print(report.markdown("ChaosIT " + settings.guarantee(), Instant.now()));
    out.flush();
    return report;
  }

  @Test
  void underExactlyOnceNothingIsLostOrCountedTwiceAcrossKills() throws Exception {
    ChaosReport report = run(settings(StreamsConfig.EXACTLY_ONCE_V2, Duration.ofSeconds(6),
        ChaosSettings.defaultCommitIntervalMs(StreamsConfig.EXACTLY_ONCE_V2), dir));

    assertThat(report.faults()).as("application kills, each recovered").hasSize(KILLS)
        .allSatisfy(fault -> assertThat(fault.kind()).isEqualTo(ChaosReport.APPLICATION_KILL));
    for (IndicatorCheck.Result table : new IndicatorCheck.Result[] {report.internal(), report.published()}) {
      assertThat(table.cellsCompared()).as("%s cells compared", table.table()).isGreaterThan(1_000);
      assertThat(table.lostCells()).as("%s cells with lost contributions", table.table()).isZero();
      assertThat(table.duplicatedCells()).as("%s cells with duplicated contributions", table.table()).isZero();
      assertThat(table.differences()).as("%s cells differing from the reference", table.table()).isEmpty();
    }
    assertThat(report.deadLetters().problems()).as("dead-letter problems").isEmpty();
    for (DeadLetterAudit.ReasonCount count : report.deadLetters().byReason()) {
      if (count.reason() != Reason.ORPHAN_VOID) {
        assertThat(count.expected()).as("bad records sent for %s", count.reason()).isPositive();
        assertThat(count.observed()).as("dead letters for %s", count.reason()).isEqualTo(count.expected());
      }
    }
    assertThat(report.sent().problems()).isEmpty();
    assertThat(report.identifierLines()).as("log lines with a person or worker id").isZero();
    assertThat(report.passed()).isTrue();
  }

  @Test
  void underAtLeastOnceTheChecksCatchARecordProcessedTwice() throws Exception {
    // 10 s commits instead of the default 30 s keep the final catch-up short; the aim does the rest. A kill
    // waits up to a minute for its moment, so a slow machine delays the run instead of missing it.
    ChaosReport report = run(settings(StreamsConfig.AT_LEAST_ONCE, Duration.ofSeconds(60), 10_000, dir));

    long aimed = report.faults().stream().filter(ChaosReport.Fault::betweenWriteAndCommit).count();
    assertThat(aimed).as("kills between a dead letter's write and its input's commit").isPositive();
    assertThat(report.deadLetters().duplicated()).as("extra dead letters: one at least per such kill")
        .isGreaterThanOrEqualTo(aimed);
    assertThat(report.doubleCountingDetected()).isTrue();
    assertThat(report.passed()).as("the negative control").isTrue();
  }
}
