package io.peerpulse.streams.person;

import static io.peerpulse.event.DischargeType.AGAINST_ADVICE;
import static io.peerpulse.event.DischargeType.DIED;
import static io.peerpulse.event.DischargeType.ROUTINE;
import static io.peerpulse.event.DischargeType.TRANSFER;
import static io.peerpulse.streams.person.TimelineAssertions.d;
import static io.peerpulse.streams.person.TimelineAssertions.discharges;
import static io.peerpulse.streams.person.TimelineAssertions.enrolments;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Arm;
import io.peerpulse.event.ContactMode;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.event.Ward;
import io.peerpulse.event.WorkerRole;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.model.TestEvents;
import io.peerpulse.streams.person.EnrolmentFact.BedDays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec/indicators.md "Stay", "Index discharge" and "Precise rules / Stays and outcomes". */
class StaysAndDischargesTest {

  private final TestEvents events = new TestEvents();

  private static BedDays closed(String first, String last) {
    return new BedDays(new DateRange(d(first), d(last)), false);
  }

  @Test
  void aTransferMergesStaysAndTheMergedStayEndsWithItsLastDischargeAndType() {
    // s1 03-01..03-10 (TRANSFER); s2 admitted 03-11 = the day after -> merged; s2 ends 03-20 ROUTINE.
    // Bed days 03-01..03-19 (discharge day not counted); one index discharge on 03-20.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-10", "s1", TRANSFER),
        events.admitted("p", "2021-03-11", "s2"),
        events.discharged("p", "2021-03-20", "s2", ROUTINE)));

    assertThat(enrolments(facts).get(0).bedDays()).containsExactly(closed("2021-03-01", "2021-03-19"));
    assertThat(discharges(facts)).singleElement().satisfies(x -> {
      assertThat(x.dischargeDate()).isEqualTo(d("2021-03-20"));
      assertThat(x.stayKey()).isEqualTo("ulm/s2");
      assertThat(x.nextStayStart()).isNull();
    });
  }

  @Test
  void aGapOfTwoDaysStartsANewStay() {
    // s1 ends 03-10; s2 admitted 03-12 > 03-10 + 1: two stays, two index discharges;
    // the first one's next stay starts 03-12.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-10", "s1", ROUTINE),
        events.admitted("p", "2021-03-12", "s2"),
        events.discharged("p", "2021-03-20", "s2", AGAINST_ADVICE)));

    assertThat(enrolments(facts).get(0).bedDays()).containsExactly(closed("2021-03-01", "2021-03-09"), closed("2021-03-12", "2021-03-19"));
    assertThat(discharges(facts)).extracting(IndexDischargeFact::dischargeDate, IndexDischargeFact::nextStayStart).containsExactly(
        org.assertj.core.groups.Tuple.tuple(d("2021-03-10"), d("2021-03-12")),
        org.assertj.core.groups.Tuple.tuple(d("2021-03-20"), null));
  }

  @Test
  void anOverlapMergesAndGapDaysInsideAMergeCount() {
    // s1 03-01..03-20 ROUTINE, s2 03-05..03-10 TRANSFER (nested): one stay 03-01..03-20, ROUTINE.
    // Then s3 03-21 (= 03-20 + 1) .. 03-25 DIED: merges too, the last discharge is DIED -> no index discharge.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-20", "s1", ROUTINE),
        events.admitted("p", "2021-03-05", "s2"),
        events.discharged("p", "2021-03-10", "s2", TRANSFER),
        events.admitted("p", "2021-03-21", "s3"),
        events.discharged("p", "2021-03-25", "s3", DIED)));

    assertThat(enrolments(facts).get(0).bedDays()).containsExactly(closed("2021-03-01", "2021-03-24"));
    assertThat(discharges(facts)).isEmpty();
  }

  @Test
  void aNestedStayDoesNotShortenTheMergedStay() {
    // s1 03-01..03-20 ROUTINE contains s2 03-05..03-10 TRANSFER: the merged stay ends 03-20 ROUTINE.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-20", "s1", ROUTINE),
        events.admitted("p", "2021-03-05", "s2"),
        events.discharged("p", "2021-03-10", "s2", TRANSFER)));

    assertThat(discharges(facts)).singleElement().satisfies(x -> {
      assertThat(x.dischargeDate()).isEqualTo(d("2021-03-20"));
      assertThat(x.stayKey()).isEqualTo("ulm/s1");
    });
  }

  @Test
  void aDischargeBeforeItsAdmissionIsIgnoredAndTheStayIsOpenToTheEnrolmentEnd() {
    // enrolment 2021-02-01 .. 2021-08-01; the stay stays open, flagged for the site stage to cut at the horizon
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.discharged("p", "2021-03-05", "s1", ROUTINE),
        events.admitted("p", "2021-03-10", "s1")));

    assertThat(enrolments(facts).get(0).bedDays()).containsExactly(new BedDays(new DateRange(d("2021-03-10"), d("2021-08-01")), true));
    assertThat(discharges(facts)).isEmpty();
  }

  @Test
  void anOpenStaySwallowsLaterAdmissionsAndStaysOpen() {
    // s1 open from 03-01; s2 03-10..03-12 merges into it (previous still open): one open stay, no index discharge.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1"),
        events.admitted("p", "2021-03-10", "s2"),
        events.discharged("p", "2021-03-12", "s2", ROUTINE)));

    assertThat(enrolments(facts).get(0).bedDays()).containsExactly(new BedDays(new DateRange(d("2021-03-01"), d("2021-08-01")), true));
    assertThat(discharges(facts)).isEmpty();
  }

  @Test
  void ofSeveralAdmittedAndDischargedForOneStayTheFirstArrivalsStand() {
    // first DISCHARGED (03-08, ROUTINE) stands over the later 03-15 DIED; first ADMITTED (03-01) over 03-03.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.discharged("p", "2021-03-08", "s1", ROUTINE),
        events.admitted("p", "2021-03-01", "s1"),
        events.admitted("p", "2021-03-03", "s1"),
        events.discharged("p", "2021-03-15", "s1", DIED)));

    assertThat(enrolments(facts).get(0).bedDays()).containsExactly(closed("2021-03-01", "2021-03-07"));
    assertThat(discharges(facts)).extracting(IndexDischargeFact::dischargeDate).containsExactly(d("2021-03-08"));
  }

  @Test
  void aNonPsychiatricWardIsNoStay() {
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1", Ward.OTHER, false),
        events.discharged("p", "2021-03-08", "s1", ROUTINE)));

    assertThat(enrolments(facts).get(0).bedDays()).isEmpty();
    assertThat(discharges(facts)).isEmpty();
  }

  @Test
  void bedDaysAreCutToTheEnrolmentAndASameDayStayHasNone() {
    // enrolment 2021-03-05 .. 2021-03-14 (planned 10); stay 03-01..03-20 -> bed days 03-05..03-14.
    // A stay admitted and discharged on 03-25 has no bed day.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-03-05", "UPSIDES", Arm.INTERVENTION, 10),
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-20", "s1", ROUTINE),
        events.admitted("p", "2021-03-25", "s2"),
        events.discharged("p", "2021-03-25", "s2", ROUTINE)));

    assertThat(enrolments(facts).get(0).bedDays()).containsExactly(closed("2021-03-05", "2021-03-14"));
  }

  @Test
  void anIndexDischargeGoesToTheActiveEnrolmentElseTheEarliestStartingOneToSevenDaysAfter() {
    // discharge 03-10 with no active enrolment: the CONTROL enrolment starting 03-17 (day 7) takes it.
    // A discharge on 05-01 whose next enrolment starts 05-09 (day 8) finds none: no index discharge.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-10", "s1", ROUTINE),
        events.enrolled("p", "2021-03-17", "CTI_TS", Arm.CONTROL, 30),
        events.admitted("p", "2021-04-25", "s2"),
        events.discharged("p", "2021-05-01", "s2", ROUTINE),
        events.enrolled("p", "2021-05-09", "CTI_TS", Arm.INTERVENTION, 30)));

    assertThat(discharges(facts)).singleElement().satisfies(x -> {
      assertThat(x.dischargeDate()).isEqualTo(d("2021-03-10"));
      assertThat(x.base().programme()).isEqualTo("CTI_TS");
      assertThat(x.base().arm()).isEqualTo("CONTROL");
      assertThat(x.nextStayStart()).isEqualTo(d("2021-04-25"));
    });
  }

  @Test
  void theFirstFollowUpIsAnAttendedNonMessageContactOfAnyRoleOnDaysOneToThirty() {
    // discharge 03-10: same-day contact (day 0) excluded, MESSAGE excluded, DID_NOT_ATTEND excluded;
    // an MHW GROUP contact on 03-12 (day 2) is the first follow-up.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-10", "s1", ROUTINE),
        events.psw("2021-03-10", "p"),
        events.contact("2021-03-11", WorkerRole.PSW, ContactMode.MESSAGE, ContactOutcome.ATTENDED, "p"),
        events.contact("2021-03-11", WorkerRole.PSW, ContactMode.PHONE, ContactOutcome.DID_NOT_ATTEND, "p"),
        events.contact("2021-03-12", WorkerRole.MHW, ContactMode.GROUP, ContactOutcome.ATTENDED, "q", "p"),
        events.psw("2021-03-13", "p")));

    assertThat(discharges(facts)).singleElement().extracting(IndexDischargeFact::firstFollowUp).isEqualTo(d("2021-03-12"));
  }

  @Test
  void aFollowUpContactNeedNotFallInsideAnEnrolmentButMustBeWithinThirtyDays() {
    // enrolment 02-01 .. 03-10 (exit... planned 38 days: 02-01 + 37 = 03-10); discharge 03-10;
    // contact 04-09 = day 30 (outside any enrolment) counts; 04-10 = day 31 would not.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01", "UPSIDES", Arm.INTERVENTION, 38),
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-10", "s1", ROUTINE),
        events.psw("2021-04-10", "p"),
        events.psw("2021-04-09", "p")));

    assertThat(discharges(facts)).singleElement().extracting(IndexDischargeFact::firstFollowUp).isEqualTo(d("2021-04-09"));
  }

  @Test
  void aReadmissionsOwnDischargeIsANewIndexDischarge() {
    // stay 1 ends 03-10, stay 2 03-20..03-30, stay 3 04-15..04-20: three index discharges chained by next starts.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-10", "s1", ROUTINE),
        events.admitted("p", "2021-03-20", "s2"),
        events.discharged("p", "2021-03-30", "s2", ROUTINE),
        events.admitted("p", "2021-04-15", "s3"),
        events.discharged("p", "2021-04-20", "s3", ROUTINE)));

    assertThat(discharges(facts)).extracting(IndexDischargeFact::dischargeDate, IndexDischargeFact::nextStayStart).containsExactly(
        org.assertj.core.groups.Tuple.tuple(d("2021-03-10"), d("2021-03-20")),
        org.assertj.core.groups.Tuple.tuple(d("2021-03-30"), d("2021-04-15")),
        org.assertj.core.groups.Tuple.tuple(d("2021-04-20"), null));
  }
}
