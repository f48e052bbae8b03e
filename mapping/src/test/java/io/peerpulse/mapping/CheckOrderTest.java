package io.peerpulse.mapping;

import static io.peerpulse.mapping.TestEvents.CONTACT;
import static io.peerpulse.mapping.TestEvents.ENROLLED;
import static io.peerpulse.mapping.TestEvents.with;
import static io.peerpulse.mapping.TestEvents.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** Problems are reported in a fixed order whatever the key order of the input. */
class CheckOrderTest {

  private final String manyProblems = with(with(with(with(without(ENROLLED, "person_id"),
      "event_id", "\"\""), "site_id", "\"ULM\""), "foo", "1"), "arm", "\"BOTH\"");

  @Test
  void validateAllListsEveryProblemEnvelopeFirstThenUnknownFieldsThenPayload() {
    assertThat(EventJson.validateAll(manyProblems)).extracting(Rejection::reason, Rejection::field).containsExactly(
        tuple(Reason.BAD_VALUE, "event_id"), tuple(Reason.BAD_VALUE, "site_id"),
        tuple(Reason.UNKNOWN_FIELD, "foo"), tuple(Reason.MISSING_FIELD, "person_id"),
        tuple(Reason.BAD_VALUE, "arm"));
  }

  @Test
  void theFirstProblemDoesNotDependOnKeyOrder() {
    String reversed = TestEvents.reversed(manyProblems);
    assertThat(reversed).startsWith("{\"foo\"");
    assertThat(EventJson.parse(reversed)).isEqualTo(EventJson.parse(manyProblems));
    assertThat(((Rejection) EventJson.parse(reversed)).field()).isEqualTo("event_id");
  }

  @Test
  void payloadIsNotCheckedWhenTheTypeIsUnknown() {
    assertThat(EventJson.validateAll(with(without(ENROLLED, "person_id"), "type", "\"ENROL\"")))
        .extracting(Rejection::reason).containsExactly(Reason.UNKNOWN_TYPE);
  }

  @Test
  void validateAllOfAValidEventIsEmpty() {
    assertThat(EventJson.validateAll(CONTACT)).isEmpty();
  }
}
