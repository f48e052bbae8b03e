package io.peerpulse.streams.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.serde.InternalJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workload records made from effective Avro events. */
class WorkloadInputsTest {

  /* A group contact listing pA twice, dated by its local date (23:30 at -05:00 is still 03-04). */
  @Test
  void aContactKeepsItsLocalDateRoleModeMinutesOutcomeAndEachPersonOnce() {
    SequencedEvent event = parse(7, "{\"event_id\":\"c-1\",\"type\":\"CONTACT\",\"site_id\":\"s1\",\"occurred_at\":\"2021-03-04T23:30:00-05:00\","
        + "\"recorded_at\":\"2021-03-05T12:00:00Z\",\"person_ids\":[\"pA\",\"pB\",\"pA\"],\"worker_id\":\"w1\",\"worker_role\":\"MHW\","
        + "\"mode\":\"HOME_VISIT\",\"duration_minutes\":45,\"outcome\":\"DID_NOT_ATTEND\"}");

    assertThat(WorkloadContact.of(event)).isEqualTo(new WorkloadContact("c-1", LocalDate.parse("2021-03-04"), "w1", Role.MHW, "HOME_VISIT", 45,
        false, List.of("pA", "pB")));
    assertThat(WorkloadContact.of(event).isHomeVisit()).isTrue();
  }

  @Test
  void aStatusKeepsItsFteAsADecimalAndItsArrivalOrder() {
    SequencedEvent event = parse(42, "{\"event_id\":\"st-1\",\"type\":\"WORKER_STATUS\",\"site_id\":\"s1\",\"occurred_at\":\"2021-03-01\","
        + "\"recorded_at\":\"2021-03-01T12:00:00Z\",\"worker_id\":\"w1\",\"worker_role\":\"PSW\",\"fte\":0.3,\"active\":true}");

    assertThat(WorkerStatusChange.of(event)).isEqualTo(new WorkerStatusChange("w1", Role.PSW, new BigDecimal("0.300000"), true,
        LocalDate.parse("2021-03-01"), 42));
  }

  @Test
  void anotherEventTypeIsRefusedNamingThePayloadAndTheEvent() {
    SequencedEvent relapse = parse(1, "{\"event_id\":\"r-1\",\"type\":\"RELAPSE\",\"site_id\":\"s1\",\"occurred_at\":\"2021-03-01\","
        + "\"recorded_at\":\"2021-03-01T12:00:00Z\",\"person_id\":\"pA\",\"kind\":\"CRISIS_TEAM\"}");

    assertThatThrownBy(() -> WorkloadContact.of(relapse)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload: expected CONTACT").hasMessageContaining("r-1");
    assertThatThrownBy(() -> WorkerStatusChange.of(relapse)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload: expected WORKER_STATUS").hasMessageContaining("r-1");
  }

  /* The site stage keeps contacts, statuses and rows in stores through the one internal JSON mapper. */
  @Test
  void recordsRoundTripThroughTheInternalJson() throws Exception {
    ObjectMapper json = InternalJson.mapper();
    WorkloadContact contact = new WorkloadContact("c-1", LocalDate.parse("2021-03-04"), "w1", Role.PSW, "GROUP", 90, true, List.of("pA", "pB"));
    WorkerStatusChange status = new WorkerStatusChange("w1", Role.MHW, new BigDecimal("0.36"), false, LocalDate.parse("2021-03-01"), 1L << 41);
    WorkloadRow row = new WorkloadRow(WorkloadIndicator.PSW_DIRECT_HOURS, new CellKey(WorkloadCells.base("s1"), Period.week(LocalDate.parse("2021-03-01"))),
        2.25, 5.0 / 7, 2.25 / (5.0 / 7), LocalDate.parse("2021-03-07"), LocalDate.parse("2021-04-26"), true, 3);

    assertThat(json.readValue(json.writeValueAsString(contact), WorkloadContact.class)).isEqualTo(contact);
    assertThat(json.readValue(json.writeValueAsString(status), WorkerStatusChange.class)).isEqualTo(status);
    assertThat(json.readValue(json.writeValueAsString(row), WorkloadRow.class)).isEqualTo(row);
  }

  private static SequencedEvent parse(long seq, String json) {
    ParseResult result = EventJson.parse(json);
    assertThat(result).as("%s", result).isInstanceOf(ParseResult.Accepted.class);
    return new SequencedEvent(seq, ((ParseResult.Accepted) result).event());
  }
}
