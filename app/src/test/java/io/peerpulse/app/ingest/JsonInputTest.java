package io.peerpulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.mapping.Reason;
import io.peerpulse.mapping.Rejection;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonInputTest {

  @Test
  void oneObjectEvenOverSeveralLinesIsOneEvent() {
    String pretty = MockIngest.ENROLLED.replace(",", ",\n  ");

    List<InputRow> rows = JsonInput.rows("\uFEFF" + pretty + "\n", IngestFormat.JSON);

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).line()).isEqualTo(1);
    assertThat(rows.get(0).result().isAccepted()).isTrue();
  }

  @Test
  void anArrayGivesOneRowPerElementNumberedFromOne() {
    List<InputRow> rows = JsonInput.rows("[\n" + MockIngest.ENROLLED + ",\n" + MockIngest.BAD_ARM + ", 42, \"p7Hq2\"]",
        IngestFormat.JSON);

    assertThat(rows).extracting(InputRow::line).containsExactly(1L, 2L, 3L, 4L);
    assertThat(rows.get(0).result().isAccepted()).isTrue();
    assertThat(rows.get(1).result()).isEqualTo(new Rejection(Reason.BAD_VALUE, "arm",
        "arm: expected one of INTERVENTION, CONTROL, NONE, got \"BOTH\""));
    assertThat(rows.get(1).deadLetterText()).contains("\"arm\":\"BOTH\"").contains("\"person_id\":\"***\"")
        .doesNotContain("secretPerson");
    assertThat(rows.get(2).result()).isEqualTo(new Rejection(Reason.MALFORMED_JSON, null,
        "element 3: expected a JSON object {...} (an event), got a number"));
    assertThat(rows.get(3).deadLetterText()).as("a bare string may be an identifier").isEmpty();
  }

  @Test
  void aBrokenArrayIsRefusedAsAWholeWithoutQuotingIt() {
    assertThatThrownBy(() -> JsonInput.rows("[\n" + MockIngest.ENROLLED + ",\n{\"person_id\": secretPerson}]", IngestFormat.JSON))
        .isInstanceOfSatisfying(InputRefusedException.class, e -> {
          assertThat(e.code()).isEqualTo("UNREADABLE_BODY");
          assertThat(e.line()).isEqualTo(3);
        })
        .message().doesNotContain("secretPerson");
    assertThatThrownBy(() -> JsonInput.rows("[]", IngestFormat.JSON)).hasMessageContaining("at least one event");
    assertThatThrownBy(() -> JsonInput.rows(" \n\n", IngestFormat.JSON_LINES))
        .isInstanceOfSatisfying(InputRefusedException.class, e -> assertThat(e.code()).isEqualTo("EMPTY_BODY"));
  }

  @Test
  void jsonLinesAreCheckedOneByOneAtTheirLineNumbers() {
    String body = MockIngest.ENROLLED + "\r\n\r\n{\"event_id\": \n" + MockIngest.BAD_ARM + "\n";

    List<InputRow> rows = JsonInput.rows(body, IngestFormat.JSON);

    assertThat(rows).extracting(InputRow::line).containsExactly(1L, 3L, 4L);
    assertThat(((Rejection) rows.get(1).result()).reason()).isEqualTo(Reason.MALFORMED_JSON);
    assertThat(((Rejection) rows.get(2).result()).field()).isEqualTo("arm");
    assertThat(JsonInput.rows(MockIngest.ENROLLED, IngestFormat.JSON_LINES)).hasSize(1);
  }
}
