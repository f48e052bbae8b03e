package io.peerpulse.streams.person;

import io.peerpulse.streams.cells.CellBase;
import java.time.LocalDate;

/**
 * An index discharge (spec/indicators.md, "Index discharge"): the ROUTINE or AGAINST_ADVICE
 * discharge of a merged psychiatric stay, attributed to the enrolment active on its date, else the
 * earliest enrolment starting 1-7 days after it.
 *
 * @param personId pseudonymous person id
 * @param stayKey {@code site_id + "/" + stay_id} of the discharge that ended the merged stay
 * @param dischargeEventId the DISCHARGED event (lineage for explain)
 * @param base site, programme and arm of the attributed enrolment
 * @param dischargeDate the discharge date
 * @param firstFollowUp date of the first attended contact (any role, any mode but MESSAGE, inside
 *     an enrolment or not) on days 1..30 after the discharge; null when none
 * @param nextStayStart start date of the person's next merged psychiatric stay; null when none
 */
public record IndexDischargeFact(
    String personId,
    String stayKey,
    String dischargeEventId,
    CellBase base,
    LocalDate dischargeDate,
    LocalDate firstFollowUp,
    LocalDate nextStayStart)
    implements MemberFact {

  @Override
  public String memberKey() {
    return "D|" + personId + "|" + dischargeDate + "|" + stayKey;
  }
}
