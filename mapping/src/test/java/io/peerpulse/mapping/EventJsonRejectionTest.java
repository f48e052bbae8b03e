package io.peerpulse.mapping;

import static io.peerpulse.mapping.TestEvents.ADMITTED;
import static io.peerpulse.mapping.TestEvents.CONTACT;
import static io.peerpulse.mapping.TestEvents.ENROLLED;
import static io.peerpulse.mapping.TestEvents.SITE_PAUSE;
import static io.peerpulse.mapping.TestEvents.SUPERVISION;
import static io.peerpulse.mapping.TestEvents.VOID;
import static io.peerpulse.mapping.TestEvents.WORKER_STATUS;
import static io.peerpulse.mapping.TestEvents.rejected;
import static io.peerpulse.mapping.TestEvents.with;
import static io.peerpulse.mapping.TestEvents.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonRejectionTest {

  private static final Set<Reason> PARSER_REASONS = EnumSet.of(Reason.MALFORMED_JSON, Reason.UNKNOWN_TYPE,
      Reason.MISSING_FIELD, Reason.BAD_VALUE, Reason.UNKNOWN_FIELD, Reason.BAD_TIMESTAMP, Reason.FUTURE_EVENT);

  static Stream<Arguments> rejections() {
    return Stream.of(
        // input, reason, field (null: none), the message contains
        arguments("", Reason.MALFORMED_JSON, null, "not valid JSON: the input is empty"),
        arguments("not json", Reason.MALFORMED_JSON, null, "syntax error at line 1, column"),
        arguments("[" + ENROLLED + "]", Reason.MALFORMED_JSON, null, "expected one JSON object {...}, got an array"),
        arguments("\"event\"", Reason.MALFORMED_JSON, null, "got a string"),
        arguments(ENROLLED.substring(0, ENROLLED.length() - 1), Reason.MALFORMED_JSON, null, "syntax error"),
        arguments(ENROLLED + " x", Reason.MALFORMED_JSON, null, "syntax error"),
        arguments(ENROLLED + ENROLLED, Reason.MALFORMED_JSON, null, "unexpected content after the object"),
        arguments(ENROLLED.replace("\"", "'"), Reason.MALFORMED_JSON, null, "syntax error"),
        arguments(with(ENROLLED, "planned_days", "010"), Reason.MALFORMED_JSON, null, "syntax error"),
        arguments(with(ENROLLED, "planned_days", "NaN"), Reason.MALFORMED_JSON, null, "syntax error"),
        arguments(ENROLLED.replace("\"arm\":\"INTERVENTION\"", "\"arm\":\"INTERVENTION\",\"arm\":\"CONTROL\""),
            Reason.MALFORMED_JSON, "arm", "arm: the key appears more than once"),

        arguments(with(ENROLLED, "type", "\"CONTCT\""), Reason.UNKNOWN_TYPE, "type",
            "type: expected one of ENROLLED, EXITED, CONTACT, ADMITTED, DISCHARGED, RELAPSE, WORKER_STATUS, "
                + "SITE_PAUSE, SUPERVISION, VOID, got \"CONTCT\""),
        arguments(with(ENROLLED, "type", "\"enrolled\""), Reason.UNKNOWN_TYPE, "type", "got \"enrolled\""),
        arguments(with(ENROLLED, "type", "3"), Reason.UNKNOWN_TYPE, "type", "got 3"),

        arguments(without(ENROLLED, "event_id"), Reason.MISSING_FIELD, "event_id", "event_id: required in every event"),
        arguments(with(ENROLLED, "event_id", "null"), Reason.MISSING_FIELD, "event_id", "event_id: required in every event, got null"),
        arguments(without(ENROLLED, "type"), Reason.MISSING_FIELD, "type", "type: required"),
        arguments(without(ENROLLED, "site_id"), Reason.MISSING_FIELD, "site_id", "site_id: required"),
        arguments(without(ENROLLED, "occurred_at"), Reason.MISSING_FIELD, "occurred_at", "occurred_at: required"),
        arguments(without(ENROLLED, "recorded_at"), Reason.MISSING_FIELD, "recorded_at", "recorded_at: required"),
        arguments(without(ENROLLED, "person_id"), Reason.MISSING_FIELD, "person_id", "person_id: required for ENROLLED events"),
        arguments(without(ENROLLED, "programme"), Reason.MISSING_FIELD, "programme", "programme: required for ENROLLED events"),
        arguments(with(CONTACT, "person_ids", "null"), Reason.MISSING_FIELD, "person_ids", "person_ids: required for CONTACT events, got null"),
        arguments(without(CONTACT, "outcome"), Reason.MISSING_FIELD, "outcome", "outcome: required for CONTACT events"),
        arguments(without(WORKER_STATUS, "fte"), Reason.MISSING_FIELD, "fte", "fte: required for WORKER_STATUS events"),
        arguments(without(WORKER_STATUS, "active"), Reason.MISSING_FIELD, "active", "active: required"),
        arguments(without(SITE_PAUSE, "paused_until"), Reason.MISSING_FIELD, "paused_until", "paused_until: required"),
        arguments(without(VOID, "voids_event_id"), Reason.MISSING_FIELD, "voids_event_id", "voids_event_id: required for VOID events"),

        arguments(with(ENROLLED, "crisis", "true"), Reason.UNKNOWN_FIELD, "crisis", "crisis: unknown field for ENROLLED events"),
        arguments(with(ENROLLED, "Person_ID", "\"x\""), Reason.UNKNOWN_FIELD, "Person_ID", "Person_ID: unknown field"),
        arguments(with(VOID, "comment", "null"), Reason.UNKNOWN_FIELD, "comment",
            "expected only event_id, type, site_id, occurred_at, recorded_at, source, voids_event_id"),

        arguments(with(ENROLLED, "event_id", "\"\""), Reason.BAD_VALUE, "event_id", "event_id: expected a string of 1-128 characters, got \"\""),
        arguments(with(ENROLLED, "event_id", "\"" + "e".repeat(129) + "\""), Reason.BAD_VALUE, "event_id",
            "got \"" + "e".repeat(40) + "…\""),
        arguments(with(ENROLLED, "event_id", "17"), Reason.BAD_VALUE, "event_id", "got 17"),
        arguments(with(ENROLLED, "site_id", "\"Ulm\""), Reason.BAD_VALUE, "site_id", "site_id: expected [a-z0-9-]{1,40}, got \"Ulm\""),
        arguments(with(ENROLLED, "site_id", "\"" + "u".repeat(41) + "\""), Reason.BAD_VALUE, "site_id", "site_id: expected [a-z0-9-]{1,40}"),
        arguments(with(ENROLLED, "source", "5"), Reason.BAD_VALUE, "source", "source: expected a string, got 5"),
        arguments(with(ENROLLED, "programme", "\"upsides\""), Reason.BAD_VALUE, "programme", "programme: expected [A-Z0-9_]{1,40}, got \"upsides\""),
        arguments(with(ENROLLED, "arm", "\"intervention\""), Reason.BAD_VALUE, "arm",
            "arm: expected one of INTERVENTION, CONTROL, NONE, got \"intervention\""),
        arguments(with(ENROLLED, "setting", "{}"), Reason.BAD_VALUE, "setting", "got an object"),
        arguments(with(ENROLLED, "planned_days", "0"), Reason.BAD_VALUE, "planned_days", "planned_days: expected an integer >= 1, got 0"),
        arguments(with(ENROLLED, "planned_days", "\"182\""), Reason.BAD_VALUE, "planned_days", "got \"182\""),
        arguments(with(CONTACT, "duration_minutes", "30.5"), Reason.BAD_VALUE, "duration_minutes",
            "duration_minutes: expected an integer 0-720, got 30.5"),
        arguments(with(CONTACT, "duration_minutes", "721"), Reason.BAD_VALUE, "duration_minutes", "got 721"),
        arguments(with(CONTACT, "duration_minutes", "-1"), Reason.BAD_VALUE, "duration_minutes", "got -1"),
        arguments(with(SUPERVISION, "duration_minutes", "481"), Reason.BAD_VALUE, "duration_minutes",
            "duration_minutes: expected an integer 0-480, got 481"),
        arguments(with(CONTACT, "crisis", "1"), Reason.BAD_VALUE, "crisis", "crisis: expected true or false, got 1"),
        arguments(with(ADMITTED, "involuntary", "\"yes\""), Reason.BAD_VALUE, "involuntary", "got \"yes\""),
        arguments(with(WORKER_STATUS, "active", "\"true\""), Reason.BAD_VALUE, "active", "got \"true\""),
        arguments(with(WORKER_STATUS, "fte", "1.6"), Reason.BAD_VALUE, "fte", "fte: expected a number 0-1.5, got 1.6"),
        arguments(with(WORKER_STATUS, "fte", "1.50000000000000000001"), Reason.BAD_VALUE, "fte", "got 1.50000000000000000001"),
        arguments(with(WORKER_STATUS, "fte", "-0.1"), Reason.BAD_VALUE, "fte", "got -0.1"),
        arguments(with(WORKER_STATUS, "fte", "\"0.5\""), Reason.BAD_VALUE, "fte", "got \"0.5\""),
        arguments(with(WORKER_STATUS, "fte", "1e9999999999"), Reason.BAD_VALUE, "fte", "got 1e9999999999"),
        arguments(with(CONTACT, "person_ids", "[]"), Reason.BAD_VALUE, "person_ids", "person_ids: expected 1-50 pseudonyms, got 0"),
        arguments(with(CONTACT, "person_ids", "\"p7Hq2\""), Reason.BAD_VALUE, "person_ids",
            "person_ids: expected an array of 1-50 pseudonyms, got a string of 5 characters"),
        arguments(with(CONTACT, "person_ids", "[\"p1\",\"p 2\"]"), Reason.BAD_VALUE, "person_ids",
            "person_ids[1]: must match [A-Za-z0-9_-]{1,64}, got a string of 3 characters"),
        arguments(with(CONTACT, "person_ids", "[\"p1\",7]"), Reason.BAD_VALUE, "person_ids", "person_ids[1]: must match [A-Za-z0-9_-]{1,64}, got an integer"),
        arguments(with(ENROLLED, "person_id", "\"p7Hq2!\""), Reason.BAD_VALUE, "person_id",
            "person_id: must match [A-Za-z0-9_-]{1,64}, got a string of 6 characters"),
        arguments(with(ENROLLED, "person_id", "\"" + "p".repeat(65) + "\""), Reason.BAD_VALUE, "person_id", "person_id: must match"),
        arguments(with(CONTACT, "worker_id", "12"), Reason.BAD_VALUE, "worker_id", "worker_id: must match [A-Za-z0-9_-]{1,64}, got an integer"),
        arguments(with(ADMITTED, "stay_id", "\"\""), Reason.BAD_VALUE, "stay_id", "stay_id: expected a string of 1-128 characters, got a string of 0 characters"),
        arguments(with(SITE_PAUSE, "paused_until", "\"2021-03-15\""), Reason.BAD_VALUE, "paused_until",
            "paused_until: expected a date on or after the occurred_at date 2021-03-16, got \"2021-03-15\""),
        arguments(with(SITE_PAUSE, "paused_until", "\"30.04.2021\""), Reason.BAD_VALUE, "paused_until",
            "paused_until: expected an ISO date (2021-03-31), got \"30.04.2021\""),
        arguments(with(SITE_PAUSE, "paused_until", "\"2021-04-30T00:00:00Z\""), Reason.BAD_VALUE, "paused_until", "expected an ISO date"),
        arguments(with(VOID, "voids_event_id", "\"\""), Reason.BAD_VALUE, "voids_event_id", "voids_event_id: expected a string of 1-128"),

        arguments(with(ENROLLED, "occurred_at", "\"2021-02-30\""), Reason.BAD_TIMESTAMP, "occurred_at",
            "occurred_at: expected an ISO date (2021-03-04) or a date-time with offset (2021-03-04T10:15:00+01:00), got \"2021-02-30\""),
        arguments(with(ENROLLED, "occurred_at", "\"2021-02-01T10:15:00\""), Reason.BAD_TIMESTAMP, "occurred_at", "got \"2021-02-01T10:15:00\""),
        arguments(with(ENROLLED, "occurred_at", "20210201"), Reason.BAD_TIMESTAMP, "occurred_at", "got 20210201"),
        arguments(with(ENROLLED, "recorded_at", "\"2021-02-01\""), Reason.BAD_TIMESTAMP, "recorded_at",
            "recorded_at: expected an ISO date-time with Z or an offset (2021-03-05T08:00:00Z), got \"2021-02-01\""),
        arguments(with(ENROLLED, "recorded_at", "1612170000000"), Reason.BAD_TIMESTAMP, "recorded_at", "got 1612170000000"),

        arguments(with(ENROLLED, "occurred_at", "\"2021-02-03\""), Reason.FUTURE_EVENT, "occurred_at",
            "occurred_at: local date 2021-02-03 is more than one day after the UTC date of recorded_at, 2021-02-01"));
  }

  @ParameterizedTest(name = "[{index}] {1} {2}")
  @MethodSource("rejections")
  void rejectsWithReasonFieldAndMessage(String input, Reason reason, String field, String messagePart) {
    Rejection rejection = rejected(input);

    assertThat(rejection.reason()).isEqualTo(reason);
    assertThat(rejection.field()).isEqualTo(field);
    assertThat(rejection.message()).contains(messagePart);
    if (field != null) {
      assertThat(rejection.message()).startsWith(field);
    }
    assertThat(EventJson.validateAll(input)).first().isEqualTo(rejection);
  }

  @Test
  void everyReasonTheParserProducesIsCovered() {
    Set<Reason> covered = rejections().map(arguments -> (Reason) arguments.get()[1]).collect(Collectors.toSet());
    assertThat(covered).isEqualTo(PARSER_REASONS);
    assertThat(EnumSet.complementOf(EnumSet.copyOf(PARSER_REASONS))).containsExactlyInAnyOrder(
        Reason.SCHEMA_VIOLATION, Reason.DUPLICATE_CONFLICT, Reason.UNKNOWN_SCHEMA_ID, Reason.ORPHAN_VOID);
  }
}
