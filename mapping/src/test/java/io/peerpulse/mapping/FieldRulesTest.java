package io.peerpulse.mapping;

import static io.peerpulse.mapping.TestEvents.ADMITTED;
import static io.peerpulse.mapping.TestEvents.CONTACT;
import static io.peerpulse.mapping.TestEvents.ENROLLED;
import static io.peerpulse.mapping.TestEvents.SITE_PAUSE;
import static io.peerpulse.mapping.TestEvents.SUPERVISION;
import static io.peerpulse.mapping.TestEvents.WORKER_STATUS;
import static io.peerpulse.mapping.TestEvents.accepted;
import static io.peerpulse.mapping.TestEvents.rejected;
import static io.peerpulse.mapping.TestEvents.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Contact;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import java.util.Collections;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Field rules beyond the reason codes: integer strictness, nulls, limits. */
class FieldRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"30.0", "3e1", "3E1", "30.5", "\"30\"", "true", "[30]", "1e400", "99999999999999999999", "-0.0"})
  void acceptOnlyJsonIntegerLiterals(String raw) {
    Rejection rejection = rejected(with(CONTACT, "duration_minutes", raw));

    assertThat(rejection.reason()).isEqualTo(Reason.BAD_VALUE);
    assertThat(rejection.message()).startsWith("duration_minutes: expected an integer 0-720, got ");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 30, 720})
  void acceptIntegersInRange(int minutes) {
    Contact contact = (Contact) accepted(with(CONTACT, "duration_minutes", Integer.toString(minutes))).getPayload();
    assertThat(contact.getDurationMinutes()).isEqualTo(minutes);
  }

  @Test
  void showTheLiteralAsWritten() {
    assertThat(rejected(with(CONTACT, "duration_minutes", "3e1")).message()).endsWith("got 3e1");
    assertThat(rejected(with(CONTACT, "duration_minutes", "30.0")).message()).endsWith("got 30.0");
  }

  @Test
  void supervisionAllowsUpToEightHours() {
    assertThat(accepted(with(SUPERVISION, "duration_minutes", "480"))).isNotNull();
  }

  @Test
  void plannedDaysHasNoUpperBound() {
    Enrolled enrolled = (Enrolled) accepted(with(ENROLLED, "planned_days", "2147483647")).getPayload();
    assertThat(enrolled.getPlannedDays()).isEqualTo(Integer.MAX_VALUE);
  }


  @Test
  void nullOnAnOptionalFieldMeansAbsent() {
    Event enrolled = accepted(with(with(ENROLLED, "source", "null"), "planned_days", "null"));
    assertThat(enrolled.getSource()).isNull();
    assertThat(((Enrolled) enrolled.getPayload()).getPlannedDays()).isEqualTo(182);
    assertThat(((Contact) accepted(with(CONTACT, "crisis", "null")).getPayload()).getCrisis()).isFalse();
    assertThat(accepted(with(ADMITTED, "involuntary", "null")).getPayload().toString()).contains("\"involuntary\": false");
  }


  @Test
  void personListedTwiceIsKeptAsSent() {
    Contact contact = (Contact) accepted(with(CONTACT, "person_ids", "[\"pA\",\"pB\",\"pA\"]")).getPayload();
    assertThat(contact.getPersonIds()).containsExactly("pA", "pB", "pA");
  }

  @Test
  void fiftyPersonsAreAGroupFiftyOneAreTooMany() {
    String fifty = Collections.nCopies(50, "\"p1\"").stream().collect(Collectors.joining(",", "[", "]"));
    String fiftyOne = Collections.nCopies(51, "\"p1\"").stream().collect(Collectors.joining(",", "[", "]"));
    assertThat(((Contact) accepted(with(CONTACT, "person_ids", fifty)).getPayload()).getPersonIds()).hasSize(50);
    assertThat(rejected(with(CONTACT, "person_ids", fiftyOne)).message()).isEqualTo("person_ids: expected 1-50 pseudonyms, got 51");
  }

  @Test
  void fteTakesAnyNumberInRange() {
    assertThat(accepted(with(WORKER_STATUS, "fte", "1")).getPayload().toString()).contains("\"fte\": 1.0");
    assertThat(accepted(with(WORKER_STATUS, "fte", "1.5")).getPayload().toString()).contains("\"fte\": 1.5");
    assertThat(accepted(with(WORKER_STATUS, "fte", "5e-1")).getPayload().toString()).contains("\"fte\": 0.5");
    assertThat(accepted(with(WORKER_STATUS, "fte", "0")).getPayload().toString()).contains("\"fte\": 0.0");
  }

  @Test
  void eventIdCountsCharactersNotUtf16Units() {
    assertThat(accepted(with(ENROLLED, "event_id", "\"" + "😀".repeat(128) + "\"")).getEventId()).hasSize(256);
  }

  @Test
  void pausedUntilMayBeTheOccurredDate() {
    assertThat(accepted(with(SITE_PAUSE, "paused_until", "\"2021-03-16\""))).isNotNull();
  }

  @Test
  void pausedUntilComparesWithTheLocalDateOfOccurredAt() {
    String pause = with(with(SITE_PAUSE, "occurred_at", "\"2021-03-16T23:30:00-05:00\""), "paused_until", "\"2021-03-16\"");
    assertThat(accepted(pause)).isNotNull();
  }
}
