package io.peerpulse.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

  @Test
  void masksIdentifierValuesAndKeepsEverythingElseByteForByte() {
    String line = "{\"event_id\": \"ulm-con-00002\", \"type\": \"CONTACT\", \"person_ids\": [\"pA\", \"pB\"], "
        + "\"worker_id\": \"w12\", \"duration_minutes\": 60.5}";
    assertThat(EventJson.redactedText(line)).isEqualTo("{\"event_id\": \"ulm-con-00002\", \"type\": \"CONTACT\", "
        + "\"person_ids\": [\"***\", \"***\"], \"worker_id\": \"***\", \"duration_minutes\": 60.5}");
  }

  @Test
  void masksTheSpecExamples() {
    assertThat(EventJson.redactedText(TestEvents.ENROLLED))
        .contains("\"person_id\":\"***\"").doesNotContain("p7Hq2").startsWith("{\"event_id\":\"ulm-e-0001\"");
    assertThat(EventJson.redactedText(TestEvents.CONTACT))
        .contains("\"person_ids\":[\"***\"],\"worker_id\":\"***\"").doesNotContain("p7Hq2", "w12");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"person_id\":12345}                          | {\"person_id\":\"***\"}",
      "{\"person_id\":null}                           | {\"person_id\":null}",
      "{\"personId\":\"abc\",\"Worker-ID\":\"def\"}   | {\"personId\":\"***\",\"Worker-ID\":\"***\"}",
      "{\"PERSON_IDS\":[\"abc\",[\"def\"]]}           | {\"PERSON_IDS\":[\"***\",[\"***\"]]}",
      "{\"person_raw_id\":\"MRN-1\",\"worker_raw_id\":\"w\"} | {\"person_raw_id\":\"***\",\"worker_raw_id\":\"***\"}",
      "{\"person_raw_ids\":[\"MRN-1\"]}              | {\"person_raw_ids\":[\"***\"]}",
      "{\"x\":{\"person_id\":\"abc\"},\"y\":\"abc\"}  | {\"x\":{\"person_id\":\"***\"},\"y\":\"abc\"}",
      "{\"person_id\":{\"raw\":\"abc\",\"n\":1}}      | {\"person_id\":{\"raw\":\"***\",\"n\":\"***\"}}",
      "{\"person_id\":\"a1\",\"person_id\":\"b2\"}    | {\"person_id\":\"***\",\"person_id\":\"***\"}",
      "{\"source\":\"a\\\"b\",\"person_id\":\"p\\u0041\"} | {\"source\":\"a\\\"b\",\"person_id\":\"***\"}",
      "[{\"worker_id\":\"w1\"}]                       | [{\"worker_id\":\"***\"}]"})
  void masksEveryScalarBelowAnIdentifierKeyAtAnyDepth(String text, String expected) {
    assertThat(EventJson.redactedText(text)).isEqualTo(expected);
  }

  @Test
  void keepsTrailingWhitespace() {
    assertThat(EventJson.redactedText(" {\"person_id\":\"a\"}\r\n")).isEqualTo(" {\"person_id\":\"***\"}\r\n");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"event_id\":\"e1\",\"person_id\":p7Hq2}       | {\"event_id\":\"e1\"",
      "{\"event_id\":\"e1\",\"person_id\":\"p7Hq2     | {\"event_id\":\"e1\",\"person_id\"",
      "{\"event_id\":\"e1\"} p7Hq2                     | {\"event_id\":\"e1\"}",
      "{\"event_id\":\"e1\"} {\"person_id\":\"p7Hq2\"} | {\"event_id\":\"e1\"}",
      "p7Hq2,ulm,2021-01-01                            | ``",
      "12345 p7Hq2                                     | ``",
      "\"p7Hq2\"                                       | ``"})
  void textThatIsNotOneJsonValueIsCutWhereUnderstandingStops(String text, String kept) {
    String redacted = EventJson.redactedText(text);

    assertThat(redacted).startsWith(kept).doesNotContain("p7Hq2")
        .contains("…[not JSON from here on: " + (text.length() - kept.length()) + " characters not shown]");
  }

  @Test
  void longTextIsCappedForTheDeadLetterTopic() {
    String line = "{\"source\":\"" + "x".repeat(40_000) + "\",\"person_id\":\"p7Hq2\"}";
    String redacted = EventJson.redactedText(line);

    assertThat(redacted).hasSizeLessThan(Redactor.MAX_LENGTH + 100).endsWith("more characters not shown]")
        .doesNotContain("p7Hq2");
  }
}
