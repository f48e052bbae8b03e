package io.peerpulse.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.EventEquivalence;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.mapping.Reason;
import io.peerpulse.mapping.Rejection;
import io.peerpulse.streams.intake.EventValidator;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BadRowTest {

  private static final String CONTACT = "{\"event_id\":\"ulm-c-0042\",\"type\":\"CONTACT\",\"site_id\":\"ulm\","
      + "\"occurred_at\":\"2021-02-09T14:00:00+01:00\",\"recorded_at\":\"2021-03-01T10:00:00Z\",\"person_ids\":[\"p7Hq2\"],"
      + "\"worker_id\":\"w12\",\"worker_role\":\"PSW\",\"mode\":\"HOME_VISIT\",\"duration_minutes\":60,\"outcome\":\"ATTENDED\"}";
  private static final String ENROLLED = "{\"event_id\":\"ulm-e-0001\",\"type\":\"ENROLLED\",\"site_id\":\"ulm\","
      + "\"occurred_at\":\"2021-02-01\",\"recorded_at\":\"2021-02-01T09:00:00Z\",\"person_id\":\"p7Hq2\",\"programme\":\"UPSIDES\","
      + "\"arm\":\"INTERVENTION\",\"setting\":\"OUTPATIENT\"}";

  private static Event event(String line) {
    return ((ParseResult.Accepted) EventJson.parse(line)).event();
  }

  @ParameterizedTest
  @EnumSource(value = BadRow.class, names = {"MALFORMED_JSON", "WRONG_TYPE", "MISSING_FIELD", "UNKNOWN_FIELD", "UNKNOWN_TYPE",
      "BAD_TIMESTAMP", "FUTURE_EVENT"})
  void eachJsonRowIsRejectedByTheMappingWithItsReason(BadRow kind) {
    assertThat(kind.isJson()).isTrue();
    for (String line : new String[] {CONTACT, ENROLLED}) {
      ParseResult result = EventJson.parse(kind.jsonRow(line, 7));
      assertThat(result).as("%s made from %s", kind, line).isInstanceOf(Rejection.class);
      assertThat(((Rejection) result).reason()).as("%s made from %s", kind, line).isEqualTo(kind.reason());
    }
  }

  @Test
  void theOversizeEventBreaksTheEventIdRuleTheStreamsApply() {
    Event oversize = BadRow.OVERSIZE.event(event(CONTACT), 3);

    assertThat(oversize.getEventId()).hasSizeGreaterThan(BadRow.OVERSIZE_ID_CHARACTERS);
    assertThat(EventValidator.check(oversize)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.BAD_VALUE));
  }

  @Test
  void theConflictingDuplicateIsAValidEventWithTheSameIdAndAnotherBody() {
    Event original = event(CONTACT);
    Event conflict = BadRow.CONFLICTING_DUPLICATE.event(original, 1);

    assertThat(EventValidator.check(conflict)).isEmpty();
    assertThat(conflict.getEventId()).isEqualTo(original.getEventId());
    assertThat(EventEquivalence.sameBody(original, conflict)).isFalse();
    assertThat(EventJson.parse(BadRow.canonical(conflict)).isAccepted()).as("it enters the reference's input").isTrue();
    assertThat(BadRow.CONFLICTING_DUPLICATE.appliesTo(event(ENROLLED))).isFalse();
  }

  @Test
  void theOrphanVoidIsAValidVoidOfAnIdNobodySends() {
    Event orphan = BadRow.ORPHAN_VOID.event(event(ENROLLED), 5);

    assertThat(EventValidator.check(orphan)).isEmpty();
    assertThat(BadRow.canonical(orphan)).contains("\"type\":\"VOID\"", "\"voids_event_id\":\"chaos-never-sent-5\"")
        .doesNotContain("p7Hq2");
  }

  @Test
  void corruptBytesKeepOrBreakTheWireFormatHeader() {
    byte[] wire = new byte[45];
    wire[0] = 0;
    ByteBuffer.wrap(wire, 1, 4).putInt(3);

    byte[] truncated = BadRow.TRUNCATED_AVRO.corruptBytes(wire);
    byte[] unknown = BadRow.UNKNOWN_SCHEMA_ID.corruptBytes(wire);

    assertThat(truncated).hasSize(25);
    assertThat(ByteBuffer.wrap(unknown, 1, 4).getInt()).isEqualTo(BadRow.UNKNOWN_SCHEMA);
    assertThat(unknown).hasSize(wire.length);
  }

  @Test
  void theRotationStartsWithARecordTheStreamsRejectAndHasEveryKindOnce() {
    assertThat(BadRow.rotation()).containsExactlyInAnyOrder(BadRow.values());
    assertThat(BadRow.rotation().get(0).isJson()).isFalse();
    assertThat(BadRow.rotation().get(1).isJson()).isTrue();
  }

  @Test
  void theFloodCoversEveryReasonCode() {
    Set<Reason> covered = BadRow.all().stream().map(BadRow::reason).collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));

    assertThat(covered).isEqualTo(EnumSet.allOf(Reason.class));
  }
}
