package io.peerpulse.streams.topology;

import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.person.MemberFact;
import java.time.LocalDate;
import java.util.Objects;

/** What the site-cells stage receives, keyed by site_id, on two co-partitioned repartition topics. */
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
}
