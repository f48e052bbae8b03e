package io.peerpulse.streams.topology;

import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.person.MemberFact;
import io.peerpulse.streams.workload.SupervisionSession;
import io.peerpulse.streams.workload.WorkerStatusChange;
import io.peerpulse.streams.workload.WorkloadContact;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the site-cells stage receives, keyed by site_id, on two co-partitioned repartition topics:
 * member changes from the person stage; dates seen, pauses and the workload inputs (contacts,
 * worker statuses and SUPERVISION sessions of the recording site) from routing.
 */
public sealed interface SiteInput {

  /**
   * A member of the site's cells changed: an upsert when {@code fact} is set, a retraction when it is
   * null (keyed by the site the member counted for until now).
   */
  record MemberChange(String memberKey, MemberFact fact) implements SiteInput {
    public MemberChange {
      Objects.requireNonNull(memberKey, "memberKey");
    }
  }

  /** An accepted event recorded by the site on this local date (its horizon is the latest). */
  record DateSeen(LocalDate date) implements SiteInput {
    public DateSeen {
      Objects.requireNonNull(date, "date");
    }
  }

  /** A SITE_PAUSE became effective ({@code days} set) or was voided ({@code days} null). */
  record PauseChange(String pauseEventId, DateRange days) implements SiteInput {
    public PauseChange {
      Objects.requireNonNull(pauseEventId, "pauseEventId");
    }
  }

  /**
   * An attended CONTACT recorded by the site became effective ({@code counts}) or was voided: its
   * workload side (the person stage gets the contact for the person-level indicators separately).
   */
  record ContactChange(WorkloadContact contact, boolean counts) implements SiteInput {
    public ContactChange {
      Objects.requireNonNull(contact, "contact");
    }
  }

  /** A SUPERVISION recorded by the site became effective ({@code counts}) or was voided (PSW_SUPERVISED_14D). */
  record SupervisionChange(SupervisionSession session, boolean counts) implements SiteInput {
    public SupervisionChange {
      Objects.requireNonNull(session, "session");
    }
  }

  /** A WORKER_STATUS recorded by the site became effective ({@code counts}) or was voided. */
  record StatusChange(String eventId, WorkerStatusChange status, boolean counts) implements SiteInput {
    public StatusChange {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(status, "status");
    }
  }
}
