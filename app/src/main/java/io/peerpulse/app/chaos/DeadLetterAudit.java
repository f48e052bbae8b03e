package io.peerpulse.app.chaos;

import io.peerpulse.mapping.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the dead-letter topic against the bad records the campaign sent: each exactly once, with
 * the reason it was made for. Dead letters are appended, not upserted, so a crash that makes the
 * application process a record twice shows here as two dead letters of one source record, even
 * where the indicator tables, which are replaced value by value, cannot show it.
 *
 * <p>A record is known by where it came from: {@code ingest <source>#<line>} for a row the ingest
 * rejected (headers {@code peerpulse.source.name} and {@code peerpulse.source.line}),
 * {@code events <partition>@<offset>} for an events-topic record the streams application rejected
 * (headers {@code peerpulse.source.partition} and {@code peerpulse.source.offset}).
 *
 * <p>ORPHAN_VOID is reported once a void's {@code orphan.void.days} have passed in the stream time of
 * its task, which depends on what else lands there, so it is not expected exactly: a report must
 * name a void whose target never arrived, once; the number of such voids is its upper bound.
 */
public final class DeadLetterAudit {

  /** How many problems are listed in full (all are counted). */
  static final int MAX_LISTED = 20;

  private DeadLetterAudit() {}

  /** A bad record sent on purpose, and the reason it must be dead-lettered with. */
  public record Expected(String identity, Reason reason) {
    public Expected {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A record read from the dead-letter topic.
   *
   * @param reason the {@code peerpulse.reason} header as written (may be no reason code at all)
   * @param voidTarget for an ORPHAN_VOID, the {@code voids_event_id} of the void; otherwise null
   */
  public record Observed(String identity, String reason, String voidTarget) {
    public Observed {
      Objects.requireNonNull(identity, "identity");
    }
  }

  /**
   * One reason's line of the summary.
   *
   * @param expected records sent to be rejected for it; for ORPHAN_VOID an upper bound
   * @param observed distinct source records dead-lettered with it
   * @param duplicated extra dead letters of a source record already dead-lettered
   * @param missing expected records not dead-lettered at all
   * @param wrongReason expected records dead-lettered with another reason
   */
  public record ReasonCount(Reason reason, long expected, long observed, long duplicated, long missing, long wrongReason) {}

  /**
   * @param byReason every reason code, in {@link Reason} order
   * @param unexpected dead letters of records that were not sent to be rejected
   * @param problems the first {@value #MAX_LISTED} problems, described
   */
  public record Result(List<ReasonCount> byReason, long unexpected, List<String> problems) {

    public Result {
      byReason = List.copyOf(byReason);
      problems = List.copyOf(problems);
    }

    public long duplicated() {
      return byReason.stream().mapToLong(ReasonCount::duplicated).sum();
    }

    public long missing() {
      return byReason.stream().mapToLong(ReasonCount::missing).sum();
    }

    public long wrongReason() {
      return byReason.stream().mapToLong(ReasonCount::wrongReason).sum();
    }

    /** Every bad record dead-lettered once with its reason, and nothing else. */
    public boolean exact() {
      return duplicated() == 0 && missing() == 0 && wrongReason() == 0 && unexpected == 0;
    }
  }

  /**
   * @param expected the bad records sent, each with a distinct identity
   * @param orphanVoidTargets the targets of the voids sent whose target never arrived
   * @param observed the dead-letter topic's records (read_committed)
   */
  public static Result audit(Collection<Expected> expected, Set<String> orphanVoidTargets, List<Observed> observed) {
    Map<String, List<Observed>> byIdentity = new LinkedHashMap<>();
    observed.forEach(record -> byIdentity.computeIfAbsent(record.identity(), key -> new ArrayList<>()).add(record));
    Map<String, Reason> wanted = new HashMap<>();
    expected.forEach(record -> {
      if (wanted.put(record.identity(), record.reason()) != null) {
        throw new IllegalArgumentException("expected: two records with identity " + record.identity());
      }
    });
    Map<Reason, long[]> counts = new EnumMap<>(Reason.class); // expected, observed, duplicated, missing, wrong
    for (Reason reason : Reason.values()) {
      counts.put(reason, new long[5]);
    }
    List<String> problems = new ArrayList<>();
    long unexpected = 0;
    for (Expected record : expected) {
      counts.get(record.reason())[0]++;
      if (!byIdentity.containsKey(record.identity())) {
        counts.get(record.reason())[3]++;
        note(problems, record.identity() + ": sent to be rejected as " + record.reason() + ", not dead-lettered");
      }
    }
    counts.get(Reason.ORPHAN_VOID)[0] = orphanVoidTargets.size();
    for (Map.Entry<String, List<Observed>> entry : byIdentity.entrySet()) {
      String identity = entry.getKey();
      List<Observed> records = entry.getValue();
      Observed first = records.get(0);
      Reason reason = reasonOf(first.reason());
      Reason want = wanted.get(identity);
      boolean orphan = want == null && reason == Reason.ORPHAN_VOID && orphanVoidTargets.contains(first.voidTarget());
      if (want == null && !orphan) {
        unexpected += records.size();
        note(problems, identity + ": dead-lettered as " + first.reason() + " but not sent to be rejected");
        continue;
      }
      if (want != null && reason != want) {
        counts.get(want)[4]++;
        note(problems, identity + ": dead-lettered as " + first.reason() + ", sent to be rejected as " + want);
      }
      Reason counted = want != null ? want : Reason.ORPHAN_VOID;
      counts.get(counted)[1]++;
      if (records.size() > 1) {
        counts.get(counted)[2] += records.size() - 1;
        note(problems, identity + ": dead-lettered " + records.size() + " times");
      }
    }
    List<ReasonCount> byReason = new ArrayList<>();
    counts.forEach((reason, c) -> byReason.add(new ReasonCount(reason, c[0], c[1], c[2], c[3], c[4])));
    return new Result(byReason, unexpected, problems);
  }

  private static Reason reasonOf(String text) {
    for (Reason reason : Reason.values()) {
      if (reason.name().equals(text)) {
        return reason;
      }
    }
    return null;
  }

  private static void note(List<String> problems, String problem) {
    if (problems.size() < MAX_LISTED) {
      problems.add(problem);
    }
  }
}
