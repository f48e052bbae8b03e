package io.peerpulse.streams.person;

import static io.peerpulse.streams.person.TimelineAssertions.d;
import static io.peerpulse.streams.person.TimelineAssertions.dates;
import static io.peerpulse.streams.person.TimelineAssertions.enrolments;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Arm;
import io.peerpulse.event.ContactMode;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.event.ExitReason;
import io.peerpulse.event.Ward;
import io.peerpulse.event.WorkerRole;
import io.peerpulse.streams.model.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PSW contacts, relapse episodes and involuntary admissions belong to the enrolment active on their date. */
class InsideEnrolmentTest {

  private final TestEvents events = new TestEvents();

  @Test
  void onlyAttendedPswContactsCountAndAPersonListedTwiceInAGroupCountsOnce() {
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts("p", List.of(
        events.enrolled("p", "2021-02-01"),
        events.psw("2021-02-02", "p"),
        events.contact("2021-02-03", WorkerRole.PSW, ContactMode.GROUP, ContactOutcome.ATTENDED, "p", "q", "p"),
        events.contact("2021-02-04", WorkerRole.MHW, ContactMode.IN_PERSON, ContactOutcome.ATTENDED, "p"),
        events.contact("2021-02-05", WorkerRole.PSW, ContactMode.PHONE, ContactOutcome.DID_NOT_ATTEND, "p"),
        events.contact("2021-02-06", WorkerRole.PSW, ContactMode.PHONE, ContactOutcome.CANCELLED, "p"),
        events.psw("2021-02-07", "p"),
        events.psw("2021-02-07", "p"))));

    // 02-02, the group once, and two separate contact events on 02-07 (each counts)
    assertThat(facts.get(0).pswContacts()).containsExactlyElementsOf(dates("2021-02-02", "2021-02-03", "2021-02-07", "2021-02-07"));
  }

  @Test
  void contactsBelongToTheEnrolmentActiveOnTheirDateAndOthersCountNowhere() {
    // first: 2021-01-01 .. 2021-01-10 (planned 10); gap; second from 2021-02-01
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-01-01", "UPSIDES", Arm.INTERVENTION, 10),
        events.psw("2020-12-31", "p"),
        events.psw("2021-01-10", "p"),
        events.psw("2021-01-11", "p"),
        events.enrolled("p", "2021-02-01"),
        events.psw("2021-02-01", "p"))));

    assertThat(facts.get(0).pswContacts()).containsExactly(d("2021-01-10"));
    assertThat(facts.get(1).pswContacts()).containsExactly(d("2021-02-01"));
  }

  @Test
  void aRelapseWithinSixDaysOfTheEpisodeStartJoinsItMeasuredFromTheStart() {
    // 03-01 starts; 03-07 (= start + 6) joins; 03-08 (= start + 7) starts a new episode;
    // 03-14 (= 03-08 + 6) joins it although 03-01's episode is long over; 03-15 starts another.
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.relapse("p", "2021-03-01"),
        events.relapse("p", "2021-03-07"),
        events.relapse("p", "2021-03-08"),
        events.relapse("p", "2021-03-14"),
        events.relapse("p", "2021-03-15"))));

    assertThat(facts.get(0).relapseEpisodes()).containsExactlyElementsOf(dates("2021-03-01", "2021-03-08", "2021-03-15"));
  }

  @Test
  void relapsesOutsideEnrolmentsFormNoEpisodeAndEpisodesChainAcrossEnrolments() {
    // first enrolment 2021-01-01 .. 2021-01-31 (exit); second from 2021-02-02.
    // 2021-01-28 starts an episode in the first; 2021-02-01 is outside any enrolment (ignored);
    // 2021-02-03 is within 6 days of 01-28 (01-28 + 6 = 02-03) so it joins the first enrolment's
    // episode; 2021-02-04 starts the second enrolment's first episode (01-28 + 6 < 02-04).
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-01-01"),
        events.exited("p", "2021-01-31", ExitReason.OTHER),
        events.relapse("p", "2021-01-28"),
        events.relapse("p", "2021-02-01"),
        events.enrolled("p", "2021-02-02"),
        events.relapse("p", "2021-02-03"),
        events.relapse("p", "2021-02-04"))));

    assertThat(facts.get(0).relapseEpisodes()).containsExactly(d("2021-01-28"));
    assertThat(facts.get(1).relapseEpisodes()).containsExactly(d("2021-02-04"));
  }

  @Test
  void aRelapseOutsideAnEnrolmentDoesNotStartAnEpisodeThatSwallowsLaterOnes() {
    // 2021-01-30 is before the enrolment: no episode, so 2021-02-02 starts one.
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.relapse("p", "2021-01-30"),
        events.enrolled("p", "2021-02-01"),
        events.relapse("p", "2021-02-02"))));

    assertThat(facts.get(0).relapseEpisodes()).containsExactly(d("2021-02-02"));
  }

  @Test
  void involuntaryAdmissionsArePsychiatricAdmittedEventsBeforeMergingFirstArrivalPerStay() {
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        // two involuntary psychiatric stays that merge (transfer): both count
        events.admitted("p", "2021-03-01", "s1", Ward.PSYCHIATRIC, true),
        events.discharged("p", "2021-03-05", "s1", io.peerpulse.event.DischargeType.TRANSFER),
        events.admitted("p", "2021-03-05", "s2", Ward.PSYCHIATRIC, true),
        // a non-psychiatric ward does not count
        events.admitted("p", "2021-04-01", "s3", Ward.OTHER, true),
        // the first ADMITTED of s4 (voluntary) stands; the later involuntary one does not
        events.admitted("p", "2021-05-01", "s4", Ward.PSYCHIATRIC, false),
        events.admitted("p", "2021-05-01", "s4", Ward.PSYCHIATRIC, true),
        // before the enrolment: not inside it
        events.admitted("p", "2021-01-15", "s5", Ward.PSYCHIATRIC, true))));

    assertThat(facts.get(0).involuntaryAdmissions()).containsExactlyElementsOf(dates("2021-03-01", "2021-03-05"));
  }

  @Test
  void theSameStayIdAtAnotherSiteIsAnotherStay() {
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1", Ward.PSYCHIATRIC, true),
        events.at("hamburg").admitted("p", "2021-03-10", "s1", Ward.PSYCHIATRIC, true))));

    assertThat(facts.get(0).involuntaryAdmissions()).containsExactlyElementsOf(dates("2021-03-01", "2021-03-10"));
  }
}
