package io.peerpulse.streams.person;

import io.peerpulse.streams.cells.CellBase;

/**
 * What one person contributes to the cells of one base, as period-independent facts: the person
 * stage derives them from the person's own history, the site stage turns them into cell values
 * with the site's horizon, pauses and watermark. Facts never depend on site facts, so a horizon
 * advance or a late pause never requires recomputing persons.
 */
public sealed interface MemberFact permits EnrolmentFact, IndexDischargeFact {

  /** Unique among all members of all persons: routes updates and retractions of this member. */
  String memberKey();

  /** The site, programme and arm the member counts for. */
  CellBase base();
}
