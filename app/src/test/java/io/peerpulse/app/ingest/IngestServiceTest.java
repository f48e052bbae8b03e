package io.peerpulse.app.ingest;

import static io.peerpulse.app.ingest.MockIngest.header;
import static io.peerpulse.app.ingest.MockIngest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.event.Contact;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.mapping.Reason;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.topics.Topics;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class IngestServiceTest {

  @Test
  void acceptedEventsGoToTheEventsTopicAsAvroKeyedBySiteAndRejectedRowsToTheDeadLetterTopic() {
    try (MockIngest ingest = MockIngest.withoutKey()) {
      IngestResult result = ingest.service.ingest(
          MockIngest.ENROLLED + "\n" + MockIngest.BAD_ARM + "\n" + MockIngest.CONTACT + "\n", IngestFormat.JSON, "http /v1/events");

      assertThat(result.rows()).containsExactly(RowResult.accepted(1),
          new RowResult(2, Reason.BAD_VALUE, "arm", "arm: expected one of INTERVENTION, CONTROL, NONE, got \"BOTH\""),
          RowResult.accepted(3));
      assertThat(result.accepted()).isEqualTo(2);
      assertThat(result.rejectedByReason()).isEqualTo(Map.of(Reason.BAD_VALUE, 1L));

      List<ProducerRecord<String, byte[]>> events = ingest.sent(Topics.EVENTS);
      assertThat(events).extracting(ProducerRecord::key).containsExactly("ulm", "santiago");
      assertThat(events.get(0).timestamp()).as("recorded_at").isEqualTo(1_612_170_000_000L);
      assertThat(events.get(0).value()[0]).as("Confluent magic byte").isZero();
      List<Event> decoded = ingest.events();
      assertThat(decoded).extracting(Event::getEventId).containsExactly("ulm-e-0001", "santiago-c-1");
      assertThat(((Enrolled) decoded.get(0).getPayload()).getPersonId()).isEqualTo("p7Hq2");

      List<ProducerRecord<String, byte[]>> dead = ingest.sent(Topics.EVENTS_DLQ);
      assertThat(dead).hasSize(1);
      ProducerRecord<String, byte[]> letter = dead.get(0);
      assertThat(letter.key()).isNull();
      assertThat(header(letter, DeadLetters.REASON)).isEqualTo("BAD_VALUE");
      assertThat(header(letter, DeadLetters.FIELD)).isEqualTo("arm");
      assertThat(header(letter, DeadLetters.MESSAGE)).startsWith("arm: expected one of");
      assertThat(header(letter, IngestService.SOURCE_NAME)).isEqualTo("http /v1/events");
      assertThat(header(letter, IngestService.SOURCE_LINE)).isEqualTo("2");
      assertThat(header(letter, DeadLetters.REJECTED_AT)).isEqualTo("2021-07-02T12:00:00Z");
      assertThat(value(letter)).isEqualTo(MockIngest.BAD_ARM.replace("\"secretPerson\"", "\"***\""));
      assertThat(ingest.producer.flushed()).as("waited for the acknowledgements").isTrue();
    }
  }

  @Test
  void aRegisterWithRawIdentifiersIsPseudonymisedWithTheKey() {
    String register = """
        type,site_id,occurred_at,recorded_at,person_raw_ids,worker_id,worker_role,mode,duration_minutes,outcome
        CONTACT,ulm,2021-02-09,2021-03-01T10:00:00Z,MRN-0042-7731,w12,PSW,PHONE,20,ATTENDED
        CONTACT,ulm,2021-02-09,2021-03-01T10:00:00Z,MRN-0042-7731,w12,PSW,PHONE,-5,ATTENDED
        """;
    try (MockIngest ingest = MockIngest.withKey()) {
      IngestResult result = ingest.service.ingest(register, IngestFormat.CSV, "http /v1/registers");

      assertThat(result.rows()).extracting(RowResult::line, RowResult::reason).containsExactly(
          org.assertj.core.groups.Tuple.tuple(2L, null), org.assertj.core.groups.Tuple.tuple(3L, Reason.BAD_VALUE));
      Event event = ingest.events().get(0);
      assertThat(((Contact) event.getPayload()).getPersonIds()).containsExactly(MockIngest.MRN_0042_7731);
      assertThat(event.getEventId()).startsWith("reg-");
      ProducerRecord<String, byte[]> letter = ingest.sent(Topics.EVENTS_DLQ).get(0);
      assertThat(header(letter, IngestService.SOURCE_LINE)).isEqualTo("3");
      assertThat(value(letter)).contains("\"duration_minutes\":-5").doesNotContain("MRN-0042", MockIngest.MRN_0042_7731);
      for (ProducerRecord<String, byte[]> record : ingest.producer.history()) {
        assertThat(new String(record.value(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("MRN-0042");
      }
    }
  }

  @Test
  void theSameRegisterSentTwiceGivesTheSameEventIds() {
    String register = """
        type,site_id,occurred_at,recorded_at,person_id,reason
        EXITED,ulm,2021-06-30,2021-07-01T08:00:00Z,p1,MOVED
        EXITED,ulm,2021-06-30,2021-07-01T08:00:00Z,p2,MOVED
        """;
    try (MockIngest ingest = MockIngest.withoutKey()) {
      ingest.service.ingest(register, IngestFormat.CSV, "first");
      ingest.service.ingest(register, IngestFormat.CSV, "second");

      List<String> ids = ingest.events().stream().map(Event::getEventId).toList();
      assertThat(ids).hasSize(4);
      assertThat(ids.subList(2, 4)).isEqualTo(ids.subList(0, 2));
      assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
    }
  }

  @Test
  void aRefusedRegisterWritesNothing() {
    String register = """
        type,site_id,occurred_at,recorded_at,person_raw_id,reason
        EXITED,ulm,2021-06-30,2021-07-01T08:00:00Z,MRN-0042-7731,MOVED
        """;
    try (MockIngest ingest = MockIngest.withoutKey()) {
      assertThatThrownBy(() -> ingest.service.ingest(register, IngestFormat.CSV, "test"))
          .isInstanceOfSatisfying(InputRefusedException.class, e -> {
            assertThat(e.code()).isEqualTo("RAW_IDENTIFIERS_WITHOUT_KEY");
            assertThat(e.line()).isEqualTo(1);
          })
          .message().doesNotContain("MRN-0042");
      String broken = "type,event_id\nEXITED,e1\nEXITED,\"e2\"x\n";
      assertThatThrownBy(() -> ingest.service.ingest(broken, IngestFormat.CSV, "test"))
          .isInstanceOfSatisfying(InputRefusedException.class, e -> assertThat(e.code()).isEqualTo("UNREADABLE_BODY"));
      assertThat(ingest.producer.history()).as("nothing sent of a refused body, not even the rows before").isEmpty();
    }
  }

  @Test
  void kafkaThatDoesNotTakeTheRowsMakesTheIngestUnavailable() {
    try (MockIngest ingest = MockIngest.withoutKey()) {
      ingest.producer.sendException = new TimeoutException("Topic peerpulse.events.v1 not present in metadata after 10000 ms.");

      assertThatThrownBy(() -> ingest.service.ingest(MockIngest.ENROLLED, IngestFormat.JSON, "test"))
          .isInstanceOf(IngestUnavailableException.class)
          .hasMessageContaining("TimeoutException").hasMessageContaining("send the whole input again");
    }
  }

  @Test
  void aRegistryThatCannotBeReachedMakesTheIngestUnavailable() {
    try (MockIngest ingest = MockIngest.withoutKey();
        IngestService failing = new IngestService(ingest.producer, (topic, data) -> {
          throw new SerializationException("Registering the Avro schema failed: connection refused");
        }, io.peerpulse.mapping.RegisterCsv.withoutKey(), java.time.Clock.systemUTC())) {
      assertThatThrownBy(() -> failing.ingest(MockIngest.ENROLLED, IngestFormat.JSON, "test"))
          .isInstanceOf(IngestUnavailableException.class);
    }
  }

  @Test
  void aStreamedFileIsSentInBatchesWithItsResultsInOrder() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      lines.append(MockIngest.ENROLLED.replace("ulm-e-0001", "ulm-e-" + i)).append('\n');
    }
    lines.append("not json\n");
    try (MockIngest ingest = MockIngest.withoutKey()) {
      List<RowResult> results = new ArrayList<>();
      IngestService.Counts counts = ingest.service.ingest(new StringReader(lines.toString()), IngestFormat.JSON_LINES,
          "file events.jsonl", 2, results::add);

      assertThat(results).extracting(RowResult::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
      assertThat(counts.accepted()).isEqualTo(5);
      assertThat(counts.rejectedByReason()).isEqualTo(Map.of(Reason.MALFORMED_JSON, 1L));
      assertThat(ingest.sent(Topics.EVENTS)).hasSize(5);
      assertThat(value(ingest.sent(Topics.EVENTS_DLQ).get(0))).as("text that is not JSON is not shown")
          .isEqualTo("…[not JSON from here on: 8 characters not shown]");
    }
  }
}
