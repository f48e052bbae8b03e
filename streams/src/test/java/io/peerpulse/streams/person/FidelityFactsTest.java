package io.peerpulse.streams.person;

import static io.peerpulse.streams.person.TimelineAssertions.d;
import static io.peerpulse.streams.person.TimelineAssertions.dates;
import static io.peerpulse.streams.person.TimelineAssertions.enrolments;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Arm;
import io.peerpulse.event.ContactMode;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.event.ExitReason;
import io.peerpulse.event.WorkerRole;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.model.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The person-level facts behind the fidelity indicators: phase contacts and crisis-met episodes. */
class FidelityFactsTest {

  private final TestEvents events = new TestEvents();

  @Test
  void phaseContactsAreAttendedContactsOfAnyRoleAndModeOfTheEnrolmentUpToDay272() {
    // d0 2021-01-01, planned 365 days: d0+272 = 09-30, d0+273 = 10-01.
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts("p", List.of(
        events.enrolled("p", "2021-01-01", "CTI_TS", Arm.INTERVENTION, 365),
        events.contact("2021-01-05", WorkerRole.MHW, ContactMode.MESSAGE, ContactOutcome.ATTENDED, "p"),
        events.contact("2021-01-06", WorkerRole.PSW, ContactMode.IN_PERSON, ContactOutcome.DID_NOT_ATTEND, "p"),
        events.contact("2021-01-07", WorkerRole.PSW, ContactMode.GROUP, ContactOutcome.ATTENDED, "p", "q", "p"),
        events.contact("2021-09-30", WorkerRole.PSW, ContactMode.PHONE, ContactOutcome.ATTENDED, "p"),
        events.contact("2021-10-01", WorkerRole.PSW, ContactMode.PHONE, ContactOutcome.ATTENDED, "p"),
        events.contact("2020-12-31", WorkerRole.PSW, ContactMode.PHONE, ContactOutcome.ATTENDED, "p"))));

    assertThat(facts.get(0).phaseContacts()).containsExactlyElementsOf(dates("2021-01-05", "2021-01-07", "2021-09-30"));
    assertThat(facts.get(0).phase(1)).isEqualTo(new DateRange(d("2021-01-01"), d("2021-04-01")));
    assertThat(facts.get(0).phase(3).first()).isEqualTo(d("2021-07-02"));
  }

  @Test
  void aContactAfterTheExitBelongsToNoPhase() {
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts("p", List.of(
        events.enrolled("p", "2021-01-01"),
        events.exited("p", "2021-03-01", ExitReason.DROPPED_OUT),
        events.contact("2021-03-01", WorkerRole.MHW, ContactMode.IN_PERSON, ContactOutcome.ATTENDED, "p"),
        events.contact("2021-03-02", WorkerRole.MHW, ContactMode.IN_PERSON, ContactOutcome.ATTENDED, "p"))));

    assertThat(facts.get(0).phaseContacts()).containsExactly(d("2021-03-01"));
  }

  @Test
  void anEpisodeIsMetByAnAttendedCrisisContactOnItsDayOrTheNext() {
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts("p", List.of(
        events.enrolled("p", "2021-02-01"),
        // met the next day, by an MHW phone call
        events.relapse("p", "2021-03-01"),
        events.crisis("2021-03-02", WorkerRole.MHW, ContactMode.PHONE, ContactOutcome.ATTENDED, "p"),
        // a non-crisis contact the same day and a crisis contact two days later: not met
        events.relapse("p", "2021-03-10"),
        events.psw("2021-03-10", "p"),
        events.crisis("2021-03-12", WorkerRole.PSW, ContactMode.HOME_VISIT, ContactOutcome.ATTENDED, "p"),
        // a crisis contact the same day that was not attended: not met
        events.relapse("p", "2021-03-20"),
        events.crisis("2021-03-20", WorkerRole.PSW, ContactMode.HOME_VISIT, ContactOutcome.DID_NOT_ATTEND, "p"),
        // a crisis group session the same day: met
        events.relapse("p", "2021-03-30"),
        events.crisis("2021-03-30", WorkerRole.PSW, ContactMode.GROUP, ContactOutcome.ATTENDED, "q", "p"))));

    assertThat(facts.get(0).relapseEpisodes()).containsExactlyElementsOf(dates("2021-03-01", "2021-03-10", "2021-03-20", "2021-03-30"));
    assertThat(facts.get(0).crisisMetEpisodes()).containsExactlyElementsOf(dates("2021-03-01", "2021-03-30"));
  }

  @Test
  void theCrisisContactMayFallOutsideTheEnrolmentAndAJoinedRelapseIsNoNewEpisode() {
    // enrolment 02-01 .. 03-05 (planned 33 days); relapse on its last day, crisis contact the day after.
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts("p", List.of(
        events.enrolled("p", "2021-02-01", "CTI_TS", Arm.INTERVENTION, 33),
        events.relapse("p", "2021-02-20"),
        events.relapse("p", "2021-02-21"),
        events.crisis("2021-02-22", WorkerRole.PSW, ContactMode.PHONE, ContactOutcome.ATTENDED, "p"),
        events.relapse("p", "2021-03-05"),
        events.crisis("2021-03-06", WorkerRole.PSW, ContactMode.PHONE, ContactOutcome.ATTENDED, "p"))));

    // 02-21 joins the 02-20 episode; the crisis contact on 02-22 is two days after its start: not met.
    assertThat(facts.get(0).relapseEpisodes()).containsExactlyElementsOf(dates("2021-02-20", "2021-03-05"));
    assertThat(facts.get(0).crisisMetEpisodes()).containsExactly(d("2021-03-05"));
  }
}
