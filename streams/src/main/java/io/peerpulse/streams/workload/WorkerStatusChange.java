package io.peerpulse.streams.workload;

import io.peerpulse.event.WorkerStatus;
import io.peerpulse.streams.model.SequencedEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One effective WORKER_STATUS of a site's worker: their role, fte and activity from {@code date}
 * until their next status. The worker is (recording site, {@code workerId}); the site is the key
 * of the stage that holds the change, so it is not repeated here.
 *
 * @param fte a decimal with {@value #FTE_SCALE} places (the JSON number, not its binary double), so
 *     sums of FTE and the PSW_OVER_THRESHOLD comparison are exact, as in the SQL reference
 * @param seq arrival order; of two statuses of one worker on one date the later arrival stands
 */
public record WorkerStatusChange(String workerId, Role role, BigDecimal fte, boolean active, LocalDate date, long seq) {

  /** Decimal places of an fte. */
  public static final int FTE_SCALE = 6;

  public WorkerStatusChange {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(date, "date");
    if (fte == null || fte.signum() < 0) {
      throw new IllegalArgumentException("fte: expected a number >= 0, got " + fte);
    }
    fte = fte.setScale(FTE_SCALE, RoundingMode.HALF_UP);
  }

  /**
   * The status change of an effective WORKER_STATUS event.
   *
   * @throws IllegalArgumentException when the event is not a WORKER_STATUS
   */
  public static WorkerStatusChange of(SequencedEvent event) {
    if (!(event.event().getPayload() instanceof WorkerStatus status)) {
      throw new IllegalArgumentException("payload: expected WORKER_STATUS, got "
          + event.event().getPayload().getClass().getSimpleName() + " in event " + event.event().getEventId());
    }
    return new WorkerStatusChange(status.getWorkerId(), Role.valueOf(status.getWorkerRole().name()),
        decimal(status.getFte()), status.getActive(), event.date(), event.seq());
  }

  /** A JSON number read as a double, back to its shortest decimal form, to {@value #FTE_SCALE} places. */
  static BigDecimal decimal(double value) {
    return BigDecimal.valueOf(value).setScale(FTE_SCALE, RoundingMode.HALF_UP);
  }
}
