package io.peerpulse.streams.engagement;

import io.peerpulse.streams.cells.CellContext;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.IndicatorRule;
import io.peerpulse.streams.cells.Tally;
import io.peerpulse.streams.person.EnrolmentFact;

/**
 * CONTACTS_PER_PERSON_MONTH: PSW contact-persons dated in the period within an enrolment, per
 * person-month of all the cell's enrolments (any arm).
 */
public final class ContactsPerPersonMonth implements IndicatorRule {

  @Override
  public Indicator indicator() {
    return Indicator.CONTACTS_PER_PERSON_MONTH;
  }

  @Override
  public Tally tally(CellContext cell) {
    return Tally.ratio(cell.countDated(EnrolmentFact::pswContacts), cell.personDays(), cell.periodDeadline());
  }
}
