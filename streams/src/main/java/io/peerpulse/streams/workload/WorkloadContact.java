package io.peerpulse.streams.workload;

import io.peerpulse.event.Contact;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.streams.model.SequencedEvent;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One effective CONTACT event as workload sees it: it counts for the site that recorded it (the key
 * of the stage that holds it), under its own {@code worker_role}, once per event for hours and
 * contact counts and once per distinct person for the caseload.
 *
 * @param mode the contact mode's name ({@code HOME_VISIT}, {@code GROUP}, ...)
 * @param attended {@code outcome = ATTENDED}; other contacts count nowhere in workload
 * @param distinctPersonIds the persons listed, each once, in listing order
 */
public record WorkloadContact(
    String eventId,
    LocalDate date,
    String workerId,
    Role role,
    String mode,
    int durationMinutes,
    boolean attended,
    List<String> distinctPersonIds) {

  public static final String HOME_VISIT = "HOME_VISIT";

  public WorkloadContact {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(mode, "mode");
    if (durationMinutes < 0) {
      throw new IllegalArgumentException("durationMinutes: expected >= 0, got " + durationMinutes + " in event " + eventId);
    }
    distinctPersonIds = List.copyOf(new LinkedHashSet<>(distinctPersonIds));
  }

  /**
   * The workload view of an effective CONTACT event.
   *
   * @throws IllegalArgumentException when the event is not a CONTACT
   */
  public static WorkloadContact of(SequencedEvent event) {
    if (!(event.event().getPayload() instanceof Contact contact)) {
      throw new IllegalArgumentException("payload: expected CONTACT, got "
          + event.event().getPayload().getClass().getSimpleName() + " in event " + event.event().getEventId());
    }
    return new WorkloadContact(event.event().getEventId(), event.date(), contact.getWorkerId(),
        Role.valueOf(contact.getWorkerRole().name()), contact.getMode().name(), contact.getDurationMinutes(),
        contact.getOutcome() == ContactOutcome.ATTENDED, contact.getPersonIds());
  }

  public boolean isHomeVisit() {
    return HOME_VISIT.equals(mode);
  }
}
