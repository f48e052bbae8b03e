package io.peerpulse.mapping;

import static io.peerpulse.mapping.Fields.ACTIVE;
import static io.peerpulse.mapping.Fields.ARM;
import static io.peerpulse.mapping.Fields.CRISIS;
import static io.peerpulse.mapping.Fields.DISCHARGE_TYPE;
import static io.peerpulse.mapping.Fields.DURATION_MINUTES;
import static io.peerpulse.mapping.Fields.EVENT_ID;
import static io.peerpulse.mapping.Fields.FTE;
import static io.peerpulse.mapping.Fields.INVOLUNTARY;
import static io.peerpulse.mapping.Fields.KIND;
import static io.peerpulse.mapping.Fields.MODE;
import static io.peerpulse.mapping.Fields.OCCURRED_AT;
import static io.peerpulse.mapping.Fields.OUTCOME;
import static io.peerpulse.mapping.Fields.PAUSED_UNTIL;
import static io.peerpulse.mapping.Fields.PERSON_ID;
import static io.peerpulse.mapping.Fields.PERSON_IDS;
import static io.peerpulse.mapping.Fields.PLANNED_DAYS;
import static io.peerpulse.mapping.Fields.PROGRAMME;
import static io.peerpulse.mapping.Fields.REASON;
import static io.peerpulse.mapping.Fields.RECORDED_AT;
import static io.peerpulse.mapping.Fields.SETTING;
import static io.peerpulse.mapping.Fields.SITE_ID;
import static io.peerpulse.mapping.Fields.SOURCE;
import static io.peerpulse.mapping.Fields.STAY_ID;
import static io.peerpulse.mapping.Fields.TYPE;
import static io.peerpulse.mapping.Fields.VOIDS_EVENT_ID;
import static io.peerpulse.mapping.Fields.WARD;
import static io.peerpulse.mapping.Fields.WORKER_ID;
import static io.peerpulse.mapping.Fields.WORKER_ROLE;

import com.fasterxml.jackson.core.JsonGenerator;
import io.peerpulse.event.Admitted;
import io.peerpulse.event.Contact;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.EventVoid;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.SitePause;
import io.peerpulse.event.Supervision;
import io.peerpulse.event.WorkerStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes the canonical JSON form: envelope in table order, then payload fields in schema order, every
 * field written (defaults too, so the line keeps its meaning if a default ever changes) except an
 * absent {@code source}.
 */
final class EventWriter {

  private EventWriter() {}

  static String write(Event event) {
    EventType type = EventType.of(event);
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JsonObjectReader.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(EVENT_ID, event.getEventId());
      json.writeStringField(TYPE, type.name());
      json.writeStringField(SITE_ID, event.getSiteId());
      json.writeStringField(OCCURRED_AT, event.getOccurredAt());
      json.writeStringField(RECORDED_AT, event.getRecordedAt().toString());
      if (event.getSource() != null) {
        json.writeStringField(SOURCE, event.getSource());
      }
      writePayload(json, type, event.getPayload());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
    }
    return out.toString();
  }

  private static void writePayload(JsonGenerator json, EventType type, Object payload) throws IOException {
    switch (type) {
      case ENROLLED -> enrolled(json, (Enrolled) payload);
      case EXITED -> exited(json, (Exited) payload);
      case CONTACT -> contact(json, (Contact) payload);
      case ADMITTED -> admitted(json, (Admitted) payload);
      case DISCHARGED -> discharged(json, (Discharged) payload);
      case RELAPSE -> relapse(json, (Relapse) payload);
      case WORKER_STATUS -> workerStatus(json, (WorkerStatus) payload);
      case SITE_PAUSE -> json.writeStringField(PAUSED_UNTIL, ((SitePause) payload).getPausedUntil().toString());
      case SUPERVISION -> supervision(json, (Supervision) payload);
      case VOID -> json.writeStringField(VOIDS_EVENT_ID, ((EventVoid) payload).getVoidsEventId());
    }
  }

  private static void enrolled(JsonGenerator json, Enrolled enrolled) throws IOException {
    json.writeStringField(PERSON_ID, enrolled.getPersonId());
    json.writeStringField(PROGRAMME, enrolled.getProgramme());
    json.writeStringField(ARM, enrolled.getArm().name());
    json.writeStringField(SETTING, enrolled.getSetting().name());
    json.writeNumberField(PLANNED_DAYS, enrolled.getPlannedDays());
  }

  private static void exited(JsonGenerator json, Exited exited) throws IOException {
    json.writeStringField(PERSON_ID, exited.getPersonId());
    json.writeStringField(REASON, exited.getReason().name());
  }

  private static void contact(JsonGenerator json, Contact contact) throws IOException {
    json.writeArrayFieldStart(PERSON_IDS);
    for (String personId : contact.getPersonIds()) {
      json.writeString(personId);
    }
    json.writeEndArray();
    json.writeStringField(WORKER_ID, contact.getWorkerId());
    json.writeStringField(WORKER_ROLE, contact.getWorkerRole().name());
    json.writeStringField(MODE, contact.getMode().name());
    json.writeNumberField(DURATION_MINUTES, contact.getDurationMinutes());
    json.writeStringField(OUTCOME, contact.getOutcome().name());
    json.writeBooleanField(CRISIS, contact.getCrisis());
  }

  private static void admitted(JsonGenerator json, Admitted admitted) throws IOException {
    json.writeStringField(PERSON_ID, admitted.getPersonId());
    json.writeStringField(STAY_ID, admitted.getStayId());
    json.writeStringField(WARD, admitted.getWard().name());
    json.writeBooleanField(INVOLUNTARY, admitted.getInvoluntary());
  }

  private static void discharged(JsonGenerator json, Discharged discharged) throws IOException {
    json.writeStringField(PERSON_ID, discharged.getPersonId());
    json.writeStringField(STAY_ID, discharged.getStayId());
    json.writeStringField(DISCHARGE_TYPE, discharged.getDischargeType().name());
  }

  private static void relapse(JsonGenerator json, Relapse relapse) throws IOException {
    json.writeStringField(PERSON_ID, relapse.getPersonId());
    json.writeStringField(KIND, relapse.getKind().name());
  }

  private static void workerStatus(JsonGenerator json, WorkerStatus status) throws IOException {
    json.writeStringField(WORKER_ID, status.getWorkerId());
    json.writeStringField(WORKER_ROLE, status.getWorkerRole().name());
    json.writeNumberField(FTE, status.getFte());
    json.writeBooleanField(ACTIVE, status.getActive());
  }

  private static void supervision(JsonGenerator json, Supervision supervision) throws IOException {
    json.writeStringField(WORKER_ID, supervision.getWorkerId());
    json.writeStringField(MODE, supervision.getMode().name());
    json.writeNumberField(DURATION_MINUTES, supervision.getDurationMinutes());
  }
}
