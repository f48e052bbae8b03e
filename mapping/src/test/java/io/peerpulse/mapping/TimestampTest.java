package io.peerpulse.mapping;

import static io.peerpulse.mapping.TestEvents.ENROLLED;
import static io.peerpulse.mapping.TestEvents.accepted;
import static io.peerpulse.mapping.TestEvents.rejected;
import static io.peerpulse.mapping.TestEvents.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampTest {

  /** recorded_at of the ENROLLED example is 2021-02-01T09:00:00Z; these occurred_at values all precede it. */
  @ParameterizedTest
  @CsvSource({
      "2021-02-01,                             2021-02-01",
      "2021-02-01T10:15:00+01:00,              2021-02-01",
      "2021-02-01T10:15+01:00,                 2021-02-01",
      "2021-02-01T10:15:00Z,                   2021-02-01",
      "2021-01-31T23:59:59.123456789-05:00,    2021-01-31",
      "2021-01-31T23:30:00-18:00,              2021-01-31",
      "2020-02-29T00:00:00+14:00,              2020-02-29"})
  void occurredAtIsKeptAsWrittenAndItsLocalDateIsTheWrittenDate(String occurredAt, LocalDate localDate) {
    assertThat(accepted(with(ENROLLED, "occurred_at", quoted(occurredAt))).getOccurredAt()).isEqualTo(occurredAt);
    assertThat(EventDates.localDate(occurredAt)).isEqualTo(localDate);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2021-02-30", "2021-13-01", "2021-00-10", "2021-2-1", "21-02-01", "2021/02/01", "2021-02-01 10:15:00+01:00",
      "2021-02-01T10:15:00", "2021-02-01T10:15:00.000", "2021-02-01t10:15:00Z", "2021-02-01T10:15:00z",
      "2021-02-01T24:00:00Z", "2021-02-01T10:60:00Z", "2021-02-01T10:15:60Z", "2021-02-01T10:15:00+0100",
      "2021-02-01T10:15:00+01", "2021-02-01T10:15:00+19:00", "2021-02-01T10:15:00+01:00[Europe/Berlin]",
      "2021-02-01T10:15:00.Z", "2021-02-01T10:15:00.1234567890Z", "2021-02-01T10Z", "2021-02-01T", "2019-02-29",
      "+2021-02-01", "2021-02-01Z", " 2021-02-01", ""})
  void occurredAtRejectsEverythingElse(String occurredAt) {
    Rejection rejection = rejected(with(ENROLLED, "occurred_at", quoted(occurredAt)));

    assertThat(rejection.reason()).isEqualTo(Reason.BAD_TIMESTAMP);
    assertThat(rejection.field()).isEqualTo("occurred_at");
  }

  @ParameterizedTest
  @CsvSource({
      "2021-02-01T09:00:00Z,            2021-02-01T09:00:00Z",
      "2021-02-01T10:00:00+01:00,       2021-02-01T09:00:00Z",
      "2021-02-01T04:00-05:00,          2021-02-01T09:00:00Z",
      "2021-02-01T09:00:00.5Z,          2021-02-01T09:00:00.500Z",
      "2021-02-01T09:00:00.123999999Z,  2021-02-01T09:00:00.123Z",
      "2021-02-02T00:30:00+01:00,       2021-02-01T23:30:00Z"})
  void recordedAtIsAnInstantKeptToTheMillisecond(String recordedAt, Instant expected) {
    assertThat(accepted(with(ENROLLED, "recorded_at", quoted(recordedAt))).getRecordedAt()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2021-02-01", "2021-02-01T09:00:00", "2021-02-01T09:00:00+01", "yesterday", "2021-02-01T09:00:00 Z"})
  void recordedAtRejectsDatesAndLocalTimes(String recordedAt) {
    Rejection rejection = rejected(with(ENROLLED, "recorded_at", quoted(recordedAt)));

    assertThat(rejection.reason()).isEqualTo(Reason.BAD_TIMESTAMP);
    assertThat(rejection.field()).isEqualTo("recorded_at");
  }

  @Test
  void futureEventBoundaryIsOneDayAfterTheUtcDateOfRecordedAt() {
    String recordedMarch5 = with(ENROLLED, "recorded_at", "\"2021-03-05T08:00:00Z\"");

    assertThat(EventJson.parse(with(recordedMarch5, "occurred_at", "\"2021-03-05\"")).isAccepted()).isTrue();
    assertThat(EventJson.parse(with(recordedMarch5, "occurred_at", "\"2021-03-06\"")).isAccepted()).isTrue();
    assertThat(EventJson.parse(with(recordedMarch5, "occurred_at", "\"2021-03-06T23:59:59-12:00\"")).isAccepted()).isTrue();
    Rejection twoDays = rejected(with(recordedMarch5, "occurred_at", "\"2021-03-07\""));
    assertThat(twoDays.reason()).isEqualTo(Reason.FUTURE_EVENT);
    assertThat(twoDays.field()).isEqualTo("occurred_at");
    assertThat(twoDays.message()).isEqualTo(
        "occurred_at: local date 2021-03-07 is more than one day after the UTC date of recorded_at, 2021-03-05");
    assertThat(rejected(with(recordedMarch5, "occurred_at", "\"2021-03-07T00:00:00+14:00\"")).reason())
        .isEqualTo(Reason.FUTURE_EVENT);
  }

  @Test
  void futureEventHorizonIsConfigurable() {
    String recordedMarch5 = with(ENROLLED, "recorded_at", "\"2021-03-05T08:00:00Z\"");
    String march8 = with(recordedMarch5, "occurred_at", "\"2021-03-08\"");

    assertThat(EventJson.parse(march8, 3).isAccepted()).isTrue();
    ParseResult twoDays = EventJson.parse(march8, 2);
    assertThat(twoDays).isInstanceOf(Rejection.class);
    assertThat(((Rejection) twoDays).message()).isEqualTo(
        "occurred_at: local date 2021-03-08 is more than 2 days after the UTC date of recorded_at, 2021-03-05");
    assertThat(EventJson.parse(with(recordedMarch5, "occurred_at", "\"2021-03-06\""), 0))
        .isInstanceOf(Rejection.class);
    assertThat(EventJson.parse(recordedMarch5.replace("2021-02-01", "2021-03-05"), 0).isAccepted()).isTrue();
    assertThatThrownBy(() -> EventJson.parse(march8, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future.horizon.days");
  }

  @Test
  void futureEventUsesTheUtcDateOfAnOffsetRecordedAt() {
    // 23:30 at -02:00 is already 6 March in UTC, so 7 March is only one day ahead.
    String lateEvening = with(with(ENROLLED, "recorded_at", "\"2021-03-05T23:30:00-02:00\""), "occurred_at", "\"2021-03-07\"");
    assertThat(EventJson.parse(lateEvening).isAccepted()).isTrue();
    // 00:30 at +02:00 is still 5 March in UTC, so 7 March is two days ahead.
    String earlyMorning = with(with(ENROLLED, "recorded_at", "\"2021-03-06T00:30:00+02:00\""), "occurred_at", "\"2021-03-07\"");
    assertThat(rejected(earlyMorning).reason()).isEqualTo(Reason.FUTURE_EVENT);
  }

  @Test
  void lateEventsAreNotRejected() {
    assertThat(EventJson.parse(with(ENROLLED, "occurred_at", "\"2011-02-01\"")).isAccepted()).isTrue();
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }
}
