package io.peerpulse.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.app.chaos.DeadLetterAudit.Expected;
import io.peerpulse.app.chaos.DeadLetterAudit.Observed;
import io.peerpulse.app.chaos.DeadLetterAudit.ReasonCount;
import io.peerpulse.mapping.Reason;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadLetterAuditTest {

  private static final List<Expected> SENT = List.of(
      new Expected("ingest chaos batch 1#3", Reason.MALFORMED_JSON),
      new Expected("ingest chaos batch 2#1", Reason.UNKNOWN_FIELD),
      new Expected("events 0@17", Reason.UNKNOWN_SCHEMA_ID));

  private static ReasonCount count(DeadLetterAudit.Result result, Reason reason) {
    return result.byReason().stream().filter(c -> c.reason() == reason).findFirst().orElseThrow();
  }

  @Test
  void eachBadRecordOnceWithItsReasonIsExact() {
    DeadLetterAudit.Result result = DeadLetterAudit.audit(SENT, Set.of(), List.of(
        new Observed("ingest chaos batch 1#3", "MALFORMED_JSON", null),
        new Observed("ingest chaos batch 2#1", "UNKNOWN_FIELD", null),
        new Observed("events 0@17", "UNKNOWN_SCHEMA_ID", null)));

    assertThat(result.exact()).isTrue();
    assertThat(count(result, Reason.UNKNOWN_SCHEMA_ID)).isEqualTo(new ReasonCount(Reason.UNKNOWN_SCHEMA_ID, 1, 1, 0, 0, 0));
    assertThat(result.byReason()).hasSize(Reason.values().length);
  }

  @Test
  void aRecordDeadLetteredTwiceIsDuplicated() {
    DeadLetterAudit.Result result = DeadLetterAudit.audit(SENT, Set.of(), List.of(
        new Observed("ingest chaos batch 1#3", "MALFORMED_JSON", null),
        new Observed("ingest chaos batch 2#1", "UNKNOWN_FIELD", null),
        new Observed("events 0@17", "UNKNOWN_SCHEMA_ID", null),
        new Observed("events 0@17", "UNKNOWN_SCHEMA_ID", null)));

    assertThat(result.exact()).isFalse();
    assertThat(result.duplicated()).isEqualTo(1);
    assertThat(count(result, Reason.UNKNOWN_SCHEMA_ID).observed()).isEqualTo(1);
    assertThat(result.problems()).containsExactly("events 0@17: dead-lettered 2 times");
  }

  @Test
  void aMissingOrMisclassifiedOrUnexpectedDeadLetterIsReported() {
    DeadLetterAudit.Result result = DeadLetterAudit.audit(SENT, Set.of(), List.of(
        new Observed("ingest chaos batch 2#1", "BAD_VALUE", null),
        new Observed("events 0@17", "UNKNOWN_SCHEMA_ID", null),
        new Observed("events 1@4", "SCHEMA_VIOLATION", null)));

    assertThat(result.missing()).isEqualTo(1);
    assertThat(count(result, Reason.MALFORMED_JSON).missing()).isEqualTo(1);
    assertThat(result.wrongReason()).isEqualTo(1);
    assertThat(count(result, Reason.UNKNOWN_FIELD).wrongReason()).isEqualTo(1);
    assertThat(result.unexpected()).isEqualTo(1);
    assertThat(result.exact()).isFalse();
  }

  @Test
  void anOrphanVoidMayBeReportedOnceButOnlyForATargetThatNeverArrived() {
    Set<String> neverArrived = Set.of("chaos-never-sent-1", "chaos-never-sent-2");

    DeadLetterAudit.Result once = DeadLetterAudit.audit(List.of(), neverArrived, List.of(
        new Observed("events 2@40", "ORPHAN_VOID", "chaos-never-sent-1")));
    DeadLetterAudit.Result twice = DeadLetterAudit.audit(List.of(), neverArrived, List.of(
        new Observed("events 2@40", "ORPHAN_VOID", "chaos-never-sent-1"),
        new Observed("events 2@40", "ORPHAN_VOID", "chaos-never-sent-1")));
    DeadLetterAudit.Result arrived = DeadLetterAudit.audit(List.of(), neverArrived, List.of(
        new Observed("events 2@41", "ORPHAN_VOID", "ulm-c-0042")));

    assertThat(once.exact()).isTrue();
    assertThat(count(once, Reason.ORPHAN_VOID)).isEqualTo(new ReasonCount(Reason.ORPHAN_VOID, 2, 1, 0, 0, 0));
    assertThat(twice.duplicated()).isEqualTo(1);
    assertThat(arrived.unexpected()).isEqualTo(1);
  }
}
