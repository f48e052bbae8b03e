package io.peerpulse.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.streams.compute.IndicatorRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndicatorJsonTest {

  private static final IndicatorRow ROUNDED = new IndicatorRow("CONTACTS_PER_PERSON_MONTH", "ulm", "UPSIDES", "INTERVENTION",
      "MONTH", LocalDate.parse("2021-02-01"), LocalDate.parse("2021-02-28"), 2.0, 42.0, 2.0 / (42 / 30.4375), "FINAL", false, 1);
  private static final IndicatorRow SUPPRESSED = new IndicatorRow("REACH_30", "*", "*", "*", "WEEK",
      LocalDate.parse("2021-02-01"), LocalDate.parse("2021-02-07"), null, null, null, "PROVISIONAL", true, 0);

  @Test
  void thePublicAnswerHasTheCsvColumnsAndNumbersAsTheCsvWritesThem() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IndicatorJson.writePublic(List.of(ROUNDED, SUPPRESSED), out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"rows\":["
        + "{\"indicator\":\"CONTACTS_PER_PERSON_MONTH\",\"site_id\":\"ulm\",\"programme\":\"UPSIDES\",\"arm\":\"INTERVENTION\","
        + "\"period_type\":\"MONTH\",\"period_start\":\"2021-02-01\",\"period_end\":\"2021-02-28\",\"numerator\":2,"
        + "\"denominator\":42,\"value\":1.4494,\"status\":\"FINAL\",\"suppressed\":false,\"revision\":1},"
        + "{\"indicator\":\"REACH_30\",\"site_id\":\"*\",\"programme\":\"*\",\"arm\":\"*\",\"period_type\":\"WEEK\","
        + "\"period_start\":\"2021-02-01\",\"period_end\":\"2021-02-07\",\"numerator\":null,\"denominator\":null,"
        + "\"value\":null,\"status\":\"PROVISIONAL\",\"suppressed\":true,\"revision\":0}"
        + "],\"count\":2}");
  }

  @Test
  void aPeerAnswerReadsBackUnrounded() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IndicatorJson.writePartitions(Set.of(3, 0), List.of(ROUNDED, SUPPRESSED), out);
    IndicatorJson.PartitionAnswer answer = IndicatorJson.readPartitions(new ByteArrayInputStream(out.toByteArray()));
    assertThat(answer.partitions()).containsExactly(0, 3);
    assertThat(answer.rows()).containsExactly(ROUNDED, SUPPRESSED);
    assertThat(answer.rows().get(0).value()).isEqualTo(2.0 / (42 / 30.4375));
  }

  @Test
  void aBrokenPeerAnswerIsAnIoErrorSayingWhatIsWrong() {
    assertThatThrownBy(() -> IndicatorJson.readPartitions(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8))))
        .hasMessageStartingWith("expected START_OBJECT");
    String noStatus = "{\"partitions\":[0],\"rows\":[{\"indicator\":\"REACH_30\"}]}";
    assertThatThrownBy(() -> IndicatorJson.readPartitions(new ByteArrayInputStream(noStatus.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("a row of the answer is incomplete or invalid");
  }

  @Test
  void errorsNameTheParameterWhenThereIsOne() {
    assertThat(new String(IndicatorJson.error("from: expected an ISO date", "from"), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"from: expected an ISO date\",\"parameter\":\"from\"}");
    assertThat(new String(IndicatorJson.error("unavailable", null), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"unavailable\"}");
  }
}
