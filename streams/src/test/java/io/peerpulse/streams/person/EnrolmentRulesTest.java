package io.peerpulse.streams.person;

import static io.peerpulse.streams.person.TimelineAssertions.d;
import static io.peerpulse.streams.person.TimelineAssertions.enrolments;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Arm;
import io.peerpulse.event.ExitReason;
import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.model.TestEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec/indicators.md "Enrolment" and "Precise rules / Enrolments". */
class EnrolmentRulesTest {

  private final TestEvents events = new TestEvents();

  @Test
  void anEnrolmentWithoutExitLastsItsPlannedDays() {
    // default planned_days 182: 2021-02-01 + 182 - 1 = 2021-08-01
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(events.enrolled("p", "2021-02-01"))));

    assertThat(facts).singleElement().satisfies(e -> {
      assertThat(e.start()).isEqualTo(d("2021-02-01"));
      assertThat(e.end()).isEqualTo(d("2021-08-01"));
      assertThat(e.exitReason()).isNull();
      assertThat(e.base()).isEqualTo(new CellBase("ulm", "UPSIDES", "INTERVENTION"));
    });
  }

  @Test
  void aReEnrolmentEndsThePreviousEnrolmentTheDayBefore() {
    // first: 2021-01-01, planned 100 -> natural end 2021-04-10; next ENROLLED 2021-03-01 ends it on 2021-02-28
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-01-01", "UPSIDES", Arm.INTERVENTION, 100),
        events.enrolled("p", "2021-03-01", "UPSIDES", Arm.CONTROL, 30))));

    assertThat(facts).extracting(EnrolmentFact::start, EnrolmentFact::end).containsExactly(
        org.assertj.core.groups.Tuple.tuple(d("2021-01-01"), d("2021-02-28")),
        // 2021-03-01 + 30 - 1 = 2021-03-30
        org.assertj.core.groups.Tuple.tuple(d("2021-03-01"), d("2021-03-30")));
    assertThat(facts.get(1).base().arm()).isEqualTo("CONTROL");
  }

  @Test
  void ofTwoEnrolledOnOneDateTheLaterArrivalStandsWhateverTheListOrder() {
    SequencedEvent first = events.enrolled("p", "2021-02-01", "UPSIDES", Arm.CONTROL, 182);
    SequencedEvent second = events.enrolled("p", "2021-02-01", "UPSIDES", Arm.INTERVENTION, 90);

    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(second, first)));

    // one enrolment, the later arrival's arm and planned days: 2021-02-01 + 90 - 1 = 2021-05-01
    assertThat(facts).singleElement().satisfies(e -> {
      assertThat(e.base().arm()).isEqualTo("INTERVENTION");
      assertThat(e.end()).isEqualTo(d("2021-05-01"));
      assertThat(e.enrolledEventId()).isEqualTo(second.event().getEventId());
    });
  }

  @Test
  void anExitOnTheFirstDayOfTheFirstEnrolmentMakesAOneDayEnrolment() {
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.exited("p", "2021-02-01", ExitReason.WITHDREW))));

    assertThat(facts).singleElement().satisfies(e -> {
      assertThat(e.end()).isEqualTo(d("2021-02-01"));
      assertThat(e.exitReason()).isEqualTo("WITHDREW");
      assertThat(e.exitDate()).isEqualTo(d("2021-02-01"));
    });
  }

  @Test
  void anExitOnTheStartDayOfALaterEnrolmentEndsTheEarlierOneWhenItWasStillActive() {
    // first enrolment active up to 2021-02-28 (day before the next ENROLLED); the exit of
    // 2021-03-01 belongs to it: reason and date recorded, end stays 2021-02-28.
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-01-01"),
        events.enrolled("p", "2021-03-01"),
        events.exited("p", "2021-03-01", ExitReason.COMPLETED))));

    assertThat(facts.get(0).exitReason()).isEqualTo("COMPLETED");
    assertThat(facts.get(0).exitDate()).isEqualTo(d("2021-03-01"));
    assertThat(facts.get(0).end()).isEqualTo(d("2021-02-28"));
    // the new enrolment is not ended: 2021-03-01 + 181 = 2021-08-29
    assertThat(facts.get(1).exitReason()).isNull();
    assertThat(facts.get(1).end()).isEqualTo(d("2021-08-29"));
  }

  @Test
  void anExitOnTheStartDayOfALaterEnrolmentIsIgnoredWhenTheEarlierOneHadAlreadyEnded() {
    // first: 2021-01-01 planned 10 -> ends 2021-01-10, long before 2021-03-01
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-01-01", "UPSIDES", Arm.INTERVENTION, 10),
        events.enrolled("p", "2021-03-01"),
        events.exited("p", "2021-03-01", ExitReason.DROPPED_OUT))));

    assertThat(facts).allSatisfy(e -> assertThat(e.exitReason()).isNull());
    assertThat(facts.get(0).end()).isEqualTo(d("2021-01-10"));
    assertThat(facts.get(1).end()).isEqualTo(d("2021-08-29"));
  }

  @Test
  void anExitThatFindsNoActiveEnrolmentIsIgnored() {
    // before the first enrolment, and between the end of one (2021-01-10) and the next
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.exited("p", "2020-12-01", ExitReason.MOVED),
        events.enrolled("p", "2021-01-01", "UPSIDES", Arm.INTERVENTION, 10),
        events.exited("p", "2021-02-01", ExitReason.MOVED),
        events.enrolled("p", "2021-03-01"))));

    assertThat(facts).allSatisfy(e -> assertThat(e.exitReason()).isNull());
  }

  @Test
  void ofSeveralExitsOfOneEnrolmentTheEarliestCounts() {
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-01-01"),
        events.exited("p", "2021-03-01", ExitReason.DIED),
        events.exited("p", "2021-02-01", ExitReason.MOVED))));

    assertThat(facts).singleElement().satisfies(e -> {
      assertThat(e.end()).isEqualTo(d("2021-02-01"));
      assertThat(e.exitReason()).isEqualTo("MOVED");
    });
  }

  @Test
  void ofTwoExitsOnOneDateTheFirstArrivalCounts() {
    List<EnrolmentFact> facts = enrolments(PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-01-01"),
        events.exited("p", "2021-02-01", ExitReason.DIED),
        events.exited("p", "2021-02-01", ExitReason.MOVED))));

    assertThat(facts.get(0).exitReason()).isEqualTo("DIED");
  }

  @Test
  void factsDoNotDependOnTheOrderOfTheList() {
    List<SequencedEvent> history = new ArrayList<>(List.of(
        events.enrolled("p", "2021-01-01"),
        events.psw("2021-01-05", "p"),
        events.enrolled("p", "2021-01-01", "UPSIDES", Arm.CONTROL, 60),
        events.exited("p", "2021-02-10", ExitReason.COMPLETED),
        events.admitted("p", "2021-01-20", "s1"),
        events.discharged("p", "2021-01-25", "s1", io.peerpulse.event.DischargeType.ROUTINE),
        events.relapse("p", "2021-01-19"),
        events.enrolled("p", "2021-03-01")));
    List<MemberFact> expected = PersonTimeline.facts(history);

    for (long seed = 1; seed <= 20; seed++) {
      List<SequencedEvent> shuffled = new ArrayList<>(history);
      Collections.shuffle(shuffled, new java.util.Random(seed));
      assertThat(PersonTimeline.facts(shuffled)).isEqualTo(expected);
    }
  }

  @Test
  void aPersonWithoutEnrolmentHasNoFacts() {
    assertThat(PersonTimeline.facts(List.of(events.psw("2021-01-05", "p")))).isEmpty();
    assertThat(PersonTimeline.facts(List.of(
        events.admitted("p", "2021-01-20", "s1"),
        events.discharged("p", "2021-01-25", "s1", io.peerpulse.event.DischargeType.ROUTINE)))).isEmpty();
  }

  @Test
  void theExplicitPersonIgnoresEventsOfOtherPersons() {
    List<MemberFact> facts = PersonTimeline.facts("p", List.of(
        events.enrolled("p", "2021-01-01"),
        events.enrolled("q", "2021-01-05"),
        events.psw("2021-01-06", "q", "p"),
        events.psw("2021-01-07", "q")));

    assertThat(enrolments(facts)).singleElement().satisfies(e -> {
      assertThat(e.personId()).isEqualTo("p");
      assertThat(e.pswContacts()).containsExactly(d("2021-01-06"));
    });
  }
}
