package io.peerpulse.streams.cells;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.person.EnrolmentFact;
import io.peerpulse.streams.person.IndexDischargeFact;
import io.peerpulse.streams.person.MemberFact;
import io.peerpulse.streams.person.PersonTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link CellCalculator#cellsOf} is complete: a member changes no row of a cell outside its
 * fan-out, whatever the site's horizon and pauses (checked on every cell within 40 days of it).
 */
class FanOutPropertiesTest {

  private static final int MARGIN_DAYS = 40;

  @Property(tries = 40)
  void aMemberChangesNoRowOutsideItsCells(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    Random random = new Random(seed);
    List<MemberFact> members = new ArrayList<>();
    for (Map.Entry<String, List<SequencedEvent>> person : DomainHarness.personEvents(RandomHistories.generate(seed)).entrySet()) {
      members.addAll(PersonTimeline.facts(person.getKey(), person.getValue()));
    }
    for (MemberFact member : members) {
      SiteFacts site = randomSite(member.base().siteId(), random);
      List<MemberFact> others = members.stream().filter(m -> m != member && m.base().equals(member.base())).toList();
      List<MemberFact> withMember = new ArrayList<>(others);
      withMember.add(member);
      Set<CellKey> fanOut = CellCalculator.cellsOf(member);
      for (Period period : Period.overlapping(near(member))) {
        CellKey cell = new CellKey(member.base(), period);
        if (!fanOut.contains(cell)) {
          assertThat(CellCalculator.rows(cell, withMember, site, EngineConfig.DEFAULTS))
              .as("%s in %s", member.memberKey(), cell)
              .isEqualTo(CellCalculator.rows(cell, others, site, EngineConfig.DEFAULTS));
        }
      }
    }
  }

  private static DateRange near(MemberFact member) {
    DateRange own = member instanceof EnrolmentFact e ? e.span() : DateRange.of(((IndexDischargeFact) member).dischargeDate());
    return new DateRange(own.first().minusDays(MARGIN_DAYS), own.last().plusDays(MARGIN_DAYS));
  }

  private static SiteFacts randomSite(String siteId, Random random) {
    LocalDate start = LocalDate.of(2021, 1, 1);
    List<DateRange> pauses = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      LocalDate from = start.plusDays(random.nextInt(200));
      pauses.add(new DateRange(from, from.plusDays(random.nextInt(30))));
    }
    return new SiteFacts(siteId, start.plusDays(30 + random.nextInt(300)), pauses);
  }
}
