package io.peerpulse.mapping;

import static io.peerpulse.mapping.TestEvents.CONTACT;
import static io.peerpulse.mapping.TestEvents.accepted;
import static io.peerpulse.mapping.TestEvents.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventEquivalenceTest {

  private static final Event ORIGINAL = accepted(CONTACT);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "recorded_at      | \"2021-03-09T10:00:00Z\"",
      "source           | \"register-upload\"",
      "crisis           | false"})
  void recordedAtSourceAndAnExplicitDefaultDoNotMakeADifference(String field, String raw) {
    assertThat(EventEquivalence.sameBody(ORIGINAL, accepted(with(CONTACT, field, raw)))).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "event_id         | \"ulm-c-0043\"",
      "site_id          | \"hamburg\"",
      "occurred_at      | \"2021-02-09T14:00:00+02:00\"",
      "occurred_at      | \"2021-02-09\"",
      "person_ids       | [\"p7Hq2\",\"p7Hq2\"]",
      "worker_id        | \"w13\"",
      "duration_minutes | 61",
      "crisis           | true"})
  void anyOtherFieldMakesAConflict(String field, String raw) {
    assertThat(EventEquivalence.sameBody(ORIGINAL, accepted(with(CONTACT, field, raw)))).isFalse();
  }

  @Test
  void anotherTypeWithTheSameEnvelopeIsAConflict() {
    String relapse = "{\"event_id\":\"ulm-c-0042\",\"type\":\"RELAPSE\",\"site_id\":\"ulm\","
        + "\"occurred_at\":\"2021-02-09T14:00:00+01:00\",\"recorded_at\":\"2021-03-01T10:00:00Z\","
        + "\"person_id\":\"p7Hq2\",\"kind\":\"SELF_REPORTED\"}";
    assertThat(EventEquivalence.sameBody(ORIGINAL, accepted(relapse))).isFalse();
  }
}
