package io.peerpulse.mapping;

import static io.peerpulse.mapping.TestEvents.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Admitted;
import io.peerpulse.event.Arm;
import io.peerpulse.event.Contact;
import io.peerpulse.event.ContactMode;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.event.DischargeType;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.EventVoid;
import io.peerpulse.event.ExitReason;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.RelapseKind;
import io.peerpulse.event.Setting;
import io.peerpulse.event.SitePause;
import io.peerpulse.event.Supervision;
import io.peerpulse.event.SupervisionMode;
import io.peerpulse.event.Ward;
import io.peerpulse.event.WorkerRole;
import io.peerpulse.event.WorkerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventJsonExamplesTest {

  @Test
  void enrolledExampleFromTheSpecGetsTheDefaultPlannedDays() {
    assertThat(accepted(TestEvents.ENROLLED)).isEqualTo(new Event("ulm-e-0001", "ulm", "2021-02-01",
        Instant.parse("2021-02-01T09:00:00Z"), null,
        new Enrolled("p7Hq2", "UPSIDES", Arm.INTERVENTION, Setting.OUTPATIENT, 182)));
  }

  @Test
  void contactExampleFromTheSpecKeepsOccurredAtAsWrittenAndDefaultsCrisisToFalse() {
    assertThat(accepted(TestEvents.CONTACT)).isEqualTo(new Event("ulm-c-0042", "ulm", "2021-02-09T14:00:00+01:00",
        Instant.parse("2021-03-01T10:00:00Z"), null, new Contact(List.of("p7Hq2"), "w12", WorkerRole.PSW,
            ContactMode.HOME_VISIT, 60, ContactOutcome.ATTENDED, false)));
  }

  @Test
  void admittedExampleFromTheSpec() {
    assertThat(accepted(TestEvents.ADMITTED).getPayload())
        .isEqualTo(new Admitted("p7Hq2", "s-551", Ward.PSYCHIATRIC, true));
  }

  @Test
  void voidExampleFromTheSpec() {
    assertThat(accepted(TestEvents.VOID).getPayload()).isEqualTo(new EventVoid("ulm-c-0042"));
  }

  @Test
  void exitedDischargedRelapseExamples() {
    assertThat(accepted(TestEvents.EXITED).getPayload()).isEqualTo(new Exited("p7Hq2", ExitReason.COMPLETED));
    Event discharged = accepted(TestEvents.DISCHARGED);
    assertThat(discharged.getPayload()).isEqualTo(new Discharged("p7Hq2", "s-551", DischargeType.ROUTINE));
    assertThat(discharged.getRecordedAt()).isEqualTo(Instant.parse("2021-04-21T07:00:00Z"));
    Event relapse = accepted(TestEvents.RELAPSE);
    assertThat(relapse.getPayload()).isEqualTo(new Relapse("p7Hq2", RelapseKind.CRISIS_TEAM));
    assertThat(relapse.getSource()).isEqualTo("ehr");
  }

  @Test
  void workerStatusSitePauseSupervisionExamples() {
    assertThat(accepted(TestEvents.WORKER_STATUS).getPayload())
        .isEqualTo(new WorkerStatus("w12", WorkerRole.PSW, 0.5, true));
    assertThat(accepted(TestEvents.SITE_PAUSE).getPayload()).isEqualTo(new SitePause(LocalDate.of(2021, 4, 30)));
    Event supervision = accepted(TestEvents.SUPERVISION);
    assertThat(supervision.getPayload()).isEqualTo(new Supervision("w12", SupervisionMode.GROUP, 90));
    assertThat(supervision.getRecordedAt()).isEqualTo(Instant.parse("2021-02-10T15:30:00.250Z"));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyTypeHasAnExampleThatRoundTrips(EventType type) {
    Event event = accepted(TestEvents.BY_TYPE.get(type));
    assertThat(EventType.of(event)).isEqualTo(type);
    assertThat(accepted(EventJson.toJson(event))).isEqualTo(event);
  }

  @Test
  void canonicalJsonWritesEveryFieldInSchemaOrderWithDefaultsAndUtcRecordedAt() {
    assertThat(EventJson.toJson(accepted(TestEvents.CONTACT))).isEqualTo("""
        {"event_id":"ulm-c-0042","type":"CONTACT","site_id":"ulm","occurred_at":"2021-02-09T14:00:00+01:00",\
        "recorded_at":"2021-03-01T10:00:00Z","person_ids":["p7Hq2"],"worker_id":"w12","worker_role":"PSW",\
        "mode":"HOME_VISIT","duration_minutes":60,"outcome":"ATTENDED","crisis":false}""");
    assertThat(EventJson.toJson(accepted(TestEvents.DISCHARGED))).contains("\"recorded_at\":\"2021-04-21T07:00:00Z\"");
    assertThat(EventJson.toJson(accepted(TestEvents.RELAPSE)))
        .contains("\"occurred_at\":\"2021-05-03T22:10+02:00\"", "\"source\":\"ehr\"");
    assertThat(EventJson.toJson(accepted(TestEvents.ENROLLED))).doesNotContain("source").endsWith("\"planned_days\":182}");
  }

  @Test
  void workedExampleParsesCompletely() throws IOException {
    Path file = sharedDir().resolve("examples/worked_example.jsonl");
    List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();

    assertThat(lines).hasSize(7);
    for (String line : lines) {
      assertThat(EventJson.validateAll(line)).as(line).isEmpty();
    }
    List<Event> events = lines.stream().map(TestEvents::accepted).toList();
    assertThat(events).extracting(EventType::of).containsExactly(EventType.ENROLLED, EventType.CONTACT,
        EventType.ENROLLED, EventType.CONTACT, EventType.CONTACT, EventType.CONTACT, EventType.CONTACT);
    assertThat(events).extracting(EventDates::localDate).containsExactly(LocalDate.of(2021, 2, 1),
        LocalDate.of(2021, 2, 9), LocalDate.of(2021, 2, 15), LocalDate.of(2021, 2, 20), LocalDate.of(2021, 2, 20),
        LocalDate.of(2021, 3, 30), LocalDate.of(2021, 4, 10));
  }

  /** Set by the pom; the fallback works when tests run from the module directory of a fresh clone. */
  static Path sharedDir() {
    return Path.of(System.getProperty("peerpulse.shared.dir", "../../shared"));
  }
}
