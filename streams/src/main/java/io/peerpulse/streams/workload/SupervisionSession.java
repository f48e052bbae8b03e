package io.peerpulse.streams.workload;

import io.peerpulse.event.Supervision;
import io.peerpulse.streams.model.SequencedEvent;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One effective SUPERVISION event as PSW_SUPERVISED_14D sees it: the supervised worker is (recording
 * site, {@code workerId}), like a worker of a WORKER_STATUS; the site is the key of the stage that
 * holds the session, so it is not repeated here. Mode and duration do not matter: any session counts.
 */
public record SupervisionSession(String eventId, LocalDate date, String workerId) {

  public SupervisionSession {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(workerId, "workerId");
  }

  /**
   * The session of an effective SUPERVISION event.
   *
   * @throws IllegalArgumentException when the event is not a SUPERVISION
   */
  public static SupervisionSession of(SequencedEvent event) {
    if (!(event.event().getPayload() instanceof Supervision supervision)) {
      throw new IllegalArgumentException("payload: expected SUPERVISION, got "
          + event.event().getPayload().getClass().getSimpleName() + " in event " + event.event().getEventId());
    }
    return new SupervisionSession(event.event().getEventId(), event.date(), supervision.getWorkerId());
  }
}
