package io.peerpulse.streams.person;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.cells.DomainHarness;
import io.peerpulse.streams.cells.RandomHistories;
import io.peerpulse.streams.model.SequencedEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the person stage on random histories. */
class PersonTimelinePropertiesTest {

  @Property(tries = 300)
  void factsDoNotDependOnTheOrderEventsArePassedIn(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    Random random = new Random(seed);
    for (Map.Entry<String, List<SequencedEvent>> person : DomainHarness.personEvents(RandomHistories.generate(seed)).entrySet()) {
      List<MemberFact> expected = PersonTimeline.facts(person.getKey(), person.getValue());
      List<SequencedEvent> shuffled = new ArrayList<>(person.getValue());
      Collections.shuffle(shuffled, random);

      assertThat(PersonTimeline.facts(person.getKey(), shuffled)).isEqualTo(expected);
    }
  }

  @Property(tries = 300)
  void enrolmentsAreDisjointAndHoldOnlyWhatHappenedInsideThem(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    for (Map.Entry<String, List<SequencedEvent>> person : DomainHarness.personEvents(RandomHistories.generate(seed)).entrySet()) {
      List<MemberFact> facts = PersonTimeline.facts(person.getKey(), person.getValue());
      List<EnrolmentFact> enrolments = TimelineAssertions.enrolments(facts);

      for (int i = 0; i + 1 < enrolments.size(); i++) {
        assertThat(enrolments.get(i).end()).isBefore(enrolments.get(i + 1).start());
      }
      for (EnrolmentFact e : enrolments) {
        assertThat(e.start()).isBeforeOrEqualTo(e.end());
        assertThat(e.pswContacts()).allMatch(e.span()::contains).isSorted();
        assertThat(e.relapseEpisodes()).allMatch(e.span()::contains);
        assertThat(e.involuntaryAdmissions()).allMatch(e.span()::contains);
        assertThat(e.bedDays()).allMatch(b -> e.span().contains(b.days().first()) && e.span().contains(b.days().last()));
        assertThat(e.exitDate() == null).isEqualTo(e.exitReason() == null);
      }
      Set<Object> bases = enrolments.stream().map(EnrolmentFact::base).collect(Collectors.toSet());
      for (IndexDischargeFact x : TimelineAssertions.discharges(facts)) {
        assertThat(bases).contains(x.base());
        if (x.firstFollowUp() != null) {
          assertThat(x.firstFollowUp()).isAfter(x.dischargeDate()).isBeforeOrEqualTo(x.dischargeDate().plusDays(30));
        }
        if (x.nextStayStart() != null) {
          // merged stays never touch: the next one starts at least two days after the discharge
          assertThat(x.nextStayStart()).isAfterOrEqualTo(x.dischargeDate().plusDays(2));
        }
      }
      assertThat(facts.stream().map(MemberFact::memberKey).distinct().count()).isEqualTo(facts.size());
    }
  }

  @Property(tries = 100)
  void episodesOfAPersonStartMoreThanSixDaysApart(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    for (Map.Entry<String, List<SequencedEvent>> person : DomainHarness.personEvents(RandomHistories.generate(seed)).entrySet()) {
      List<LocalDate> episodes = TimelineAssertions.enrolments(PersonTimeline.facts(person.getKey(), person.getValue())).stream()
          .flatMap(e -> e.relapseEpisodes().stream()).sorted().toList();
      for (int i = 0; i + 1 < episodes.size(); i++) {
        assertThat(episodes.get(i + 1)).isAfter(episodes.get(i).plusDays(6));
      }
    }
  }
}
