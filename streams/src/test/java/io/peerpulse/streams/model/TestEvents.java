package io.peerpulse.streams.model;

import io.peerpulse.event.Admitted;
import io.peerpulse.event.Arm;
import io.peerpulse.event.Contact;
import io.peerpulse.event.ContactMode;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.event.DischargeType;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.ExitReason;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.RelapseKind;
import io.peerpulse.event.Setting;
import io.peerpulse.event.Ward;
import io.peerpulse.event.WorkerRole;
import java.time.Instant;
import java.util.List;

/**
 * Builds effective events for domain tests, numbering them in the order they are made (the
 * arrival order). Defaults: site {@code ulm}, programme UPSIDES, arm INTERVENTION.
 */
public final class TestEvents {

  private long seq;
  private String site = "ulm";

  /** Events made after this call are recorded by {@code siteId}. */
  public TestEvents at(String siteId) {
    this.site = siteId;
    return this;
  }

  public SequencedEvent enrolled(String person, String date) {
    return enrolled(person, date, "UPSIDES", Arm.INTERVENTION, 182);
  }

  public SequencedEvent enrolled(String person, String date, String programme, Arm arm, int plannedDays) {
    return event(date, Enrolled.newBuilder().setPersonId(person).setProgramme(programme).setArm(arm)
        .setSetting(Setting.OUTPATIENT).setPlannedDays(plannedDays).build());
  }

  public SequencedEvent exited(String person, String date, ExitReason reason) {
    return event(date, Exited.newBuilder().setPersonId(person).setReason(reason).build());
  }

  /** An attended PSW in-person contact. */
  public SequencedEvent psw(String date, String... persons) {
    return contact(date, WorkerRole.PSW, ContactMode.IN_PERSON, ContactOutcome.ATTENDED, persons);
  }

  public SequencedEvent contact(String date, WorkerRole role, ContactMode mode, ContactOutcome outcome, String... persons) {
    return event(date, Contact.newBuilder().setPersonIds(List.of(persons)).setWorkerId("w1").setWorkerRole(role)
        .setMode(mode).setDurationMinutes(60).setOutcome(outcome).setCrisis(false).build());
  }

  /** A contact with {@code crisis = true}. */
  public SequencedEvent crisis(String date, WorkerRole role, ContactMode mode, ContactOutcome outcome, String... persons) {
    return event(date, Contact.newBuilder().setPersonIds(List.of(persons)).setWorkerId("w1").setWorkerRole(role)
        .setMode(mode).setDurationMinutes(30).setOutcome(outcome).setCrisis(true).build());
  }

  /** A voluntary psychiatric admission. */
  public SequencedEvent admitted(String person, String date, String stayId) {
    return admitted(person, date, stayId, Ward.PSYCHIATRIC, false);
  }

  public SequencedEvent admitted(String person, String date, String stayId, Ward ward, boolean involuntary) {
    return event(date, Admitted.newBuilder().setPersonId(person).setStayId(stayId).setWard(ward).setInvoluntary(involuntary).build());
  }

  public SequencedEvent discharged(String person, String date, String stayId, DischargeType type) {
    return event(date, Discharged.newBuilder().setPersonId(person).setStayId(stayId).setDischargeType(type).build());
  }

  public SequencedEvent relapse(String person, String date) {
    return event(date, Relapse.newBuilder().setPersonId(person).setKind(RelapseKind.CRISIS_TEAM).build());
  }

  private SequencedEvent event(String occurredAt, Object payload) {
    seq++;
    Event event = Event.newBuilder()
        .setEventId(site + "-e-" + seq)
        .setSiteId(site)
        .setOccurredAt(occurredAt)
        .setRecordedAt(Instant.parse(occurredAt.substring(0, 10) + "T12:00:00Z"))
        .setSource(null)
        .setPayload(payload)
        .build();
    return new SequencedEvent(seq, event);
  }
}
