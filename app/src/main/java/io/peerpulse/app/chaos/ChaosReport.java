package io.peerpulse.app.chaos;

import io.peerpulse.app.verify.CellDifference;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one campaign run and its summary table (printed, and appended to
 * {@code reliability/RESULTS.md} with the command that produced it).
 *
 * @param sent what the producer sent
 * @param faults every fault injected, in order
 * @param internal the internal topic against the reference
 * @param published the published topic against the reference's publication
 * @param deadLetters the dead-letter topic against the bad records sent
 * @param identifierLines lines of the captured logs containing a person or worker pseudonym
 * @param catchUpSeconds from the end of the input and of the faults until everything was processed
 * @param seconds the whole run, brokers' start to the last check
 */
public record ChaosReport(ChaosSettings settings, EventStream.Sent sent, List<Fault> faults, IndicatorCheck.Result internal,
    IndicatorCheck.Result published, DeadLetterAudit.Result deadLetters, long identifierLines, double catchUpSeconds,
    double seconds) {

  /** Differences listed in full per table. */
  private static final int MAX_LISTED = 20;

  /**
   * One fault.
   *
   * @param kind what was done ({@link #APPLICATION_KILL}, ...)
   * @param target the instance or broker
   * @param recoverySeconds until it was back: an instance ready (RUNNING, stores restored), a
   *     broker in sync again
   * @param pendingInput events-topic records not yet committed by the application when it happened
   * @param betweenWriteAndCommit the kill came after the instance wrote a dead letter for an input
   *     record and before it committed that record (confirmed after the kill), so the record had
   *     to be processed again
   */
  public record Fault(String kind, String target, double recoverySeconds, long pendingInput,
      boolean betweenWriteAndCommit) {}

  public static final String APPLICATION_KILL = "application SIGKILL + restart";
  public static final String BROKER_RESTART = "broker restart (SIGTERM, controlled)";
  public static final String LEADER_KILL = "partition leader SIGKILL + restart";

  public ChaosReport {
    faults = List.copyOf(faults);
  }

  /** Nothing lost, nothing duplicated, every bad record dead-lettered once, no identifier in a log. */
  public boolean exact() {
    return internal.exact() && published.exact() && deadLetters.exact() && identifierLines == 0 && sent.problems().isEmpty();
  }

  /** What the negative control must show: something counted twice. */
  public boolean doubleCountingDetected() {
    return internal.duplicatedCells() > 0 || published.duplicatedCells() > 0 || deadLetters.duplicated() > 0;
  }

  /** Exact under exactly-once; under at-least-once (the negative control), double counting detected. */
  public boolean passed() {
    return settings.exactlyOnce() ? exact() : doubleCountingDetected();
  }

  public String verdict() {
    if (settings.exactlyOnce()) {
      return exact() ? "PASS: nothing lost, nothing duplicated, every bad record dead-lettered once"
          : "FAIL: the result is not exact (see the tables)";
    }
    return doubleCountingDetected()
        ? "negative control PASS: the checks detected double counting under at_least_once"
        : "negative control FAIL: nothing counted twice was detected (no kill landed between a write and its commit?)";
  }

  /** The summary as Markdown: the run's heading, the command, the tables and the differences. */
  public String markdown(String command, Instant finished) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "## %s: %s, %d broker(s), %d instance(s)%n%n",
        finished.truncatedTo(ChronoUnit.SECONDS), settings.guarantee(), settings.brokers(), settings.instances()));
    md.append("Command: `").append(command).append("`  \n");
    md.append(String.format(Locale.ROOT, "Result: **%s**; run time %.0f s (caught up %.0f s after the input and the faults ended)%n%n",
        verdict(), seconds, catchUpSeconds));
    md.append(faultTable()).append('\n');
    md.append("| table | cells compared | lost | duplicated | other differences |\n|---|---:|---:|---:|---:|\n");
    for (IndicatorCheck.Result table : List.of(internal, published)) {
      md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d |%n", table.table(), table.cellsCompared(),
          table.lostCells(), table.duplicatedCells(), table.otherCells()));
    }
    md.append('\n').append(deadLetterTable()).append('\n');
    md.append(String.format(Locale.ROOT,
        "Input: %,d valid events (%,d events on the topic with the conflicting duplicates and orphan voids), %,d bad records"
            + " (%.2f %%), sent in %.0f s. "
            + "Captured logs: %,d lines with a person or worker id.%n",
        sent.validEvents(), sent.eventsOnTopic(), sent.badRowCount(),
        sent.validEvents() == 0 ? 0 : 100.0 * sent.badRowCount() / sent.validEvents(), sent.seconds(), identifierLines));
    List<String> notes = new ArrayList<>(sent.problems());
    notes.addAll(deadLetters.problems());
    for (IndicatorCheck.Result table : List.of(internal, published)) {
      table.differences().stream().limit(MAX_LISTED).map(CellDifference::toString).forEach(d -> notes.add(table.table() + " " + d));
      if (table.differences().size() > MAX_LISTED) {
        notes.add(table.table() + ": " + (table.differences().size() - MAX_LISTED) + " more differing cells");
      }
    }
    if (!notes.isEmpty()) {
      md.append("\nDifferences and problems:\n\n");
      notes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    return md.toString();
  }

  private String faultTable() {
    Map<String, List<Fault>> byKind = new LinkedHashMap<>();
    for (String kind : List.of(APPLICATION_KILL, BROKER_RESTART, LEADER_KILL)) {
      byKind.put(kind, new ArrayList<>());
    }
    faults.forEach(fault -> byKind.computeIfAbsent(fault.kind(), kind -> new ArrayList<>()).add(fault));
    StringBuilder md = new StringBuilder(
        "| fault injected | count | under load | between write and commit | recovery p50 | recovery max |\n"
            + "|---|---:|---:|---:|---:|---:|\n");
    byKind.forEach((kind, list) -> {
      if (list.isEmpty() && !kind.equals(APPLICATION_KILL)) {
        return;
      }
      List<Double> times = list.stream().map(Fault::recoverySeconds).sorted().toList();
      long underLoad = list.stream().filter(fault -> fault.pendingInput() > 0).count();
      long aimed = list.stream().filter(Fault::betweenWriteAndCommit).count();
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s |%n", kind, list.size(), underLoad,
          kind.equals(APPLICATION_KILL) ? Long.toString(aimed) : "-",
          times.isEmpty() ? "-" : seconds(times.get((times.size() - 1) / 2)),
          times.isEmpty() ? "-" : seconds(times.get(times.size() - 1))));
    });
    return md.toString();
  }

  private String deadLetterTable() {
    StringBuilder md = new StringBuilder(
        "| dead-letter reason | sent | dead-lettered | duplicated | missing | wrong reason |\n|---|---:|---:|---:|---:|---:|\n");
    for (DeadLetterAudit.ReasonCount count : deadLetters.byReason()) {
      boolean orphan = count.reason() == io.peerpulse.mapping.Reason.ORPHAN_VOID;
      md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %s | %,d |%n", count.reason(),
          orphan ? "≤ " + count.expected() : String.format(Locale.ROOT, "%,d", count.expected()), count.observed(),
          count.duplicated(), orphan ? "-" : String.format(Locale.ROOT, "%,d", count.missing()), count.wrongReason()));
    }
    if (deadLetters.unexpected() > 0) {
      md.append(String.format(Locale.ROOT, "| (not sent to be rejected) | 0 | %,d | | | |%n", deadLetters.unexpected()));
    }
    return md.toString();
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.1f s", value);
  }
}
