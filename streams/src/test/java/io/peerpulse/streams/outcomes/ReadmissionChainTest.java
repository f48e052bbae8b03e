package io.peerpulse.streams.outcomes;

import static io.peerpulse.event.DischargeType.ROUTINE;
import static io.peerpulse.streams.cells.Members.d;
import static io.peerpulse.streams.cells.Members.row;
import static io.peerpulse.streams.cells.Members.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.model.TestEvents;
import io.peerpulse.streams.person.MemberFact;
import io.peerpulse.streams.person.PersonTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From events to rows: a readmission's own discharge is a new index discharge. */
class ReadmissionChainTest {

  @Test
  void eachDischargeOfAChainIsJudgedOnItsOwnNextStay() {
    TestEvents events = new TestEvents();
    // s1 03-01..03-10; s2 03-20..03-30 (day 10 after s1: readmission); s3 05-15..05-20
    // (46 days after 03-30: not). March holds the discharges 03-10 and 03-30: 1 / 2; May's 05-20: 0 / 1.
    List<MemberFact> facts = PersonTimeline.facts(List.of(
        events.enrolled("p", "2021-02-01"),
        events.admitted("p", "2021-03-01", "s1"),
        events.discharged("p", "2021-03-10", "s1", ROUTINE),
        events.admitted("p", "2021-03-20", "s2"),
        events.discharged("p", "2021-03-30", "s2", ROUTINE),
        events.admitted("p", "2021-05-15", "s3"),
        events.discharged("p", "2021-05-20", "s3", ROUTINE)));
    MemberFact[] members = facts.toArray(MemberFact[]::new);

    SiteRow march = row(Indicator.READMISSION_30, Period.month(d("2021-03-01")), site("2021-12-31"), members);
    SiteRow may = row(Indicator.READMISSION_30, Period.month(d("2021-05-01")), site("2021-12-31"), members);

    assertThat(march.numerator()).isEqualTo(1.0);
    assertThat(march.denominator()).isEqualTo(2.0);
    assertThat(may.numerator()).isZero();
    assertThat(may.denominator()).isEqualTo(1.0);
    // bed days in March: 03-01..03-09 (9) + 03-20..03-29 (10) = 19
    assertThat(row(Indicator.BED_DAYS, Period.month(d("2021-03-01")), site("2021-12-31"), members).numerator()).isEqualTo(19.0);
  }
}
