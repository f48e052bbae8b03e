package io.peerpulse.streams.intake;

import static io.peerpulse.streams.compute.Json.contact;
import static io.peerpulse.streams.compute.Json.dateSeen;
import static io.peerpulse.streams.compute.Json.enrolled;
import static io.peerpulse.streams.compute.Json.psw;
import static io.peerpulse.streams.compute.Json.voids;
import static io.peerpulse.streams.compute.Json.withSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Event;
import io.peerpulse.registry.serde.KafkaAvroDeserializer;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.compute.Pipeline;
import io.peerpulse.streams.compute.TopologyRunner.DeadLetter;
import io.peerpulse.streams.topics.Topics;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stages 1 and 2 through the whole topology: duplicates, conflicts, voids, bad input. */
class IntakeAndVoidTest {

  private static final String ENROL_A = enrolled("ulm-e-1", "pA", "2021-02-01");
  private static final String CONTACT_1 = psw("ulm-c-1", "2021-02-09", "pA");

  private final Pipeline pipeline = new Pipeline();

  @AfterEach
  void close() {
    pipeline.close();
  }

  @Test
  void aDuplicateWithTheSameBodyCountsOnce() {
    String sameAgain = withSource(contact("ulm-c-1", "2021-02-09", "2021-03-01T10:00:00Z", 60, "pA"), "register-upload");
    pipeline.pipe(ENROL_A, CONTACT_1, sameAgain).flush();

    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1", "ulm-c-1");
    assertThat(pipeline.deadLetters()).isEmpty();
    assertThat(pipeline.value("CONTACTS_PER_PERSON_MONTH", "ulm", "MONTH", "2021-02-01"))
        .hasValueSatisfying(v -> assertThat(v.getNumerator()).isEqualTo(1.0));
  }

  @Test
  void aConflictingDuplicateGoesToTheDeadLetterTopicAndTheFirstStands() {
    String conflicting = contact("ulm-c-1", "2021-02-09", "2021-02-10T08:00:00Z", 90, "pA");
    pipeline.pipe(ENROL_A, CONTACT_1, conflicting).flush();

    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1", "ulm-c-1");
    assertThat(pipeline.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.reason()).isEqualTo("DUPLICATE_CONFLICT");
      assertThat(letter.header(DeadLetters.FIELD)).isEqualTo("duration_minutes");
      assertThat(letter.header(DeadLetters.MESSAGE)).startsWith("duration_minutes: differs from the event accepted earlier");
      assertThat(letter.header(DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.EVENTS);
      assertThat(letter.header(DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
      assertThat(letter.header(DeadLetters.SOURCE_OFFSET)).isEqualTo("2");
      assertThat(letter.header(DeadLetters.REJECTED_AT)).isNotBlank();
      assertThat(new String(letter.key())).isEqualTo("ulm");
      assertThat(((Event) avro(letter)).getPayload().toString()).contains("\"duration_minutes\": 90");
    });
  }

  @Test
  void anAvroEventThatBreaksARuleIsDeadLetteredAndDoesNotReserveItsId() {
    Event invalid = Pipeline.event(CONTACT_1);
    invalid.setSiteId("Ulm!");
    pipeline.pipe(ENROL_A).pipe(invalid).pipe(CONTACT_1).flush();

    assertThat(pipeline.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.reason()).isEqualTo("BAD_VALUE");
      assertThat(letter.header(DeadLetters.FIELD)).isEqualTo("site_id");
      assertThat(letter.header(DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
    });
    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1", "ulm-c-1");
  }

  @Test
  void aVoidAfterItsTargetRetractsIt() {
    pipeline.pipe(ENROL_A, CONTACT_1, psw("ulm-c-2", "2021-02-10", "pA")).flush();
    assertThat(pipeline.value("CONTACTS_PER_PERSON_MONTH", "ulm", "MONTH", "2021-02-01"))
        .hasValueSatisfying(v -> assertThat(v.getNumerator()).isEqualTo(2.0));

    pipeline.pipe(voids("ulm-v-1", "2021-02-11", "ulm-c-1")).flush();

    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1", "ulm-c-2");
    assertThat(pipeline.value("CONTACTS_PER_PERSON_MONTH", "ulm", "MONTH", "2021-02-01"))
        .hasValueSatisfying(v -> assertThat(v.getNumerator()).isEqualTo(1.0));
  }

  @Test
  void aVoidBeforeItsTargetKeepsItFromEverCounting() {
    pipeline.pipe(ENROL_A, voids("ulm-v-1", "2021-02-11", "ulm-c-1"), CONTACT_1, psw("ulm-c-2", "2021-02-10", "pA"))
        .flush();

    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1", "ulm-c-2");
    assertThat(pipeline.deadLetters()).isEmpty();
  }

  @Test
  void aVoidOfAVoidIsIgnoredWhicheverArrivesFirst() {
    String void1 = voids("ulm-v-1", "2021-02-11", "ulm-c-1");
    String void2 = voids("ulm-v-2", "2021-02-12", "ulm-v-1");
    pipeline.pipe(ENROL_A, CONTACT_1, void1, void2).flush();
    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1");

    try (Pipeline reversed = new Pipeline()) {
      reversed.pipe(void2, ENROL_A, void1, CONTACT_1).flush();
      assertThat(reversed.effectiveEventIds("pA")).containsExactly("ulm-e-1");
    }
  }

  @Test
  void aVoidWhoseTargetNeverComesIsReportedOnceAsAnOrphanAfterTheHorizon() {
    // The void is recorded 2021-02-11; stream time passes its 90-day horizon with an event of June.
    pipeline.pipe(ENROL_A, voids("ulm-v-1", "2021-02-11", "ulm-c-9"), dateSeen("ulm-d-1", "2021-05-11")).flush();
    assertThat(pipeline.deadLetters()).as("89 days after the void: not yet an orphan").isEmpty();

    pipeline.pipe(dateSeen("ulm-d-2", "2021-05-13"), dateSeen("ulm-d-3", "2021-07-01")).flush();

    assertThat(pipeline.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.reason()).isEqualTo("ORPHAN_VOID");
      assertThat(letter.header(DeadLetters.FIELD)).isEqualTo("voids_event_id");
      assertThat(letter.header(DeadLetters.MESSAGE)).startsWith("voids_event_id: no event with id ulm-c-9 arrived within 90 days");
      assertThat(letter.header(DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
      assertThat(new String(letter.key())).isEqualTo("ulm");
    });
  }

  @Test
  void anOrphanVoidStillRetractsItsTargetWhenItComesAfterAll() {
    pipeline.pipe(ENROL_A, voids("ulm-v-1", "2021-02-11", "ulm-c-1"), dateSeen("ulm-d-1", "2021-07-01")).flush();
    pipeline.pipe(CONTACT_1, psw("ulm-c-2", "2021-02-10", "pA")).flush();

    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1", "ulm-c-2");
    assertThat(pipeline.deadLetters()).extracting(DeadLetter::reason).containsExactly("ORPHAN_VOID");
  }

  @Test
  void aVoidWhoseTargetComesWithinTheHorizonIsNoOrphanAndAFurtherVoidChangesNothing() {
    pipeline.pipe(ENROL_A, voids("ulm-v-1", "2021-02-11", "ulm-c-1"), CONTACT_1, voids("ulm-v-2", "2021-02-12", "ulm-c-1"),
        dateSeen("ulm-d-1", "2021-09-01")).flush();

    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1");
    assertThat(pipeline.deadLetters()).isEmpty();
  }

  @Test
  void theOrphanHorizonIsConfigurable() {
    try (Pipeline shortHorizon = new Pipeline(EngineConfig.DEFAULTS.withOrphanVoidDays(10))) {
      shortHorizon.pipe(ENROL_A, voids("ulm-v-1", "2021-02-11", "ulm-c-9"), dateSeen("ulm-d-1", "2021-02-22")).flush();
      assertThat(shortHorizon.deadLetters()).extracting(DeadLetter::reason).containsExactly("ORPHAN_VOID");
    }
  }

  @Test
  void theFutureEventHorizonIsConfigurableForEventsWrittenDirectlyInAvro() {
    Event threeDaysAhead = Pipeline.event(enrolled("ulm-e-2", "pB", "2021-02-01"));
    threeDaysAhead.setOccurredAt("2021-02-04");
    pipeline.pipe(threeDaysAhead).flush();
    assertThat(pipeline.deadLetters()).extracting(DeadLetter::reason).containsExactly("FUTURE_EVENT");

    try (Pipeline lenient = new Pipeline(EngineConfig.DEFAULTS.withFutureHorizonDays(3))) {
      lenient.pipe(threeDaysAhead).flush();
      assertThat(lenient.deadLetters()).isEmpty();
      assertThat(lenient.effectiveEventIds("pB")).containsExactly("ulm-e-2");
    }
  }

  @Test
  void aSecondEventReusingAVoidsIdIsAConflictNotASecondEvent() {
    pipeline.pipe(ENROL_A, voids("ulm-x-1", "2021-02-11", "ulm-c-9"), psw("ulm-x-1", "2021-02-12", "pA")).flush();

    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1");
    assertThat(pipeline.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.reason()).isEqualTo("DUPLICATE_CONFLICT");
      assertThat(letter.header(DeadLetters.FIELD)).isEqualTo("occurred_at");
    });
  }

  @Test
  void bytesThatAreNotAnEventAreDeadLetteredAndThePipelineKeepsRunning() {
    byte[] badMagic = "not avro at all".getBytes();
    byte[] unknownId = {0, 0, 0, 0x27, 0x0F, 2, 4, 6};
    byte[] knownIdGarbage = knownSchemaIdWithGarbage();
    pipeline.pipe(ENROL_A).pipeRaw(badMagic).pipeRaw(unknownId).pipeRaw(knownIdGarbage).pipeRaw(null)
        .pipe(CONTACT_1).flush();

    assertThat(pipeline.deadLetters()).extracting(DeadLetter::reason)
        .containsExactly("SCHEMA_VIOLATION", "UNKNOWN_SCHEMA_ID", "SCHEMA_VIOLATION", "SCHEMA_VIOLATION");
    assertThat(pipeline.deadLetters().get(3).header(DeadLetters.MESSAGE)).contains("tombstone");
    DeadLetter unknown = pipeline.deadLetters().get(1);
    assertThat(unknown.value()).isEqualTo(unknownId);
    assertThat(unknown.header(DeadLetters.FIELD)).isEqualTo("value");
    assertThat(unknown.header(DeadLetters.MESSAGE)).contains("schema id 9999");
    assertThat(unknown.header(DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.EVENTS);
    assertThat(unknown.header(DeadLetters.SOURCE_OFFSET)).isEqualTo("2");
    assertThat(pipeline.deadLetters().get(0).value()).isEqualTo(badMagic);
    assertThat(pipeline.effectiveEventIds("pA")).containsExactly("ulm-e-1", "ulm-c-1");
  }

  private byte[] knownSchemaIdWithGarbage() {
    // The enrolment piped first registered the schema: reuse its header, then bytes no Event decodes from.
    byte[] header = new byte[5];
    byte[] valid = serialized(Pipeline.event(ENROL_A));
    System.arraycopy(valid, 0, header, 0, 5);
    byte[] garbage = new byte[] {header[0], header[1], header[2], header[3], header[4], (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    return garbage;
  }

  private byte[] serialized(Event event) {
    try (io.peerpulse.registry.serde.KafkaAvroSerializer serializer = new io.peerpulse.registry.serde.KafkaAvroSerializer()) {
      serializer.configure(Map.of("schema.registry.url", registryUrl()), false);
      return serializer.serialize(Topics.EVENTS, event);
    }
  }

  private Object avro(DeadLetter letter) {
    try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
      deserializer.configure(Map.of("schema.registry.url", registryUrl(), "specific.avro.reader", true), false);
      return deserializer.deserialize(Topics.EVENTS_DLQ, letter.value());
    }
  }

  private String registryUrl() {
    return pipeline.registryUrl();
  }
}
