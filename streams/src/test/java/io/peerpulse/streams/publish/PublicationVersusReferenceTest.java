package io.peerpulse.streams.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.reference.PublicationConfig;
import io.peerpulse.reference.ReferencePublication;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.streams.publish.IndicatorFields.Kind;
import io.peerpulse.streams.publish.RandomGroups.Group;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The streaming publication agrees with the independent SQL publication of the reference
 * ({@code reference/src/main/resources/sql/95_publication.sql}, no shared logic) on random exact
 * tables: every published numerator, denominator and value (within 1e-9) and every
 * {@code suppressed} flag, under the NHS defaults and under {@code none}.
 */
class PublicationVersusReferenceTest {

  private static final double TOLERANCE = 1e-9;

  @Property(tries = 60)
  void theDomainPublishesAsTheReference(@ForAll("tables") List<Group> groups, @ForAll boolean suppress) {
    SuppressionRule rule = suppress ? SuppressionRule.NHS : SuppressionRule.NONE;
    PublicationConfig config = suppress ? PublicationConfig.defaults() : PublicationConfig.none();
    List<ReferenceRow> exact = new ArrayList<>();
    Map<String, PublishedRow> ours = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      Group group = groups.get(g);
      LocalDate month = LocalDate.of(2021, 1, 1).plusMonths(g);
      List<PublishedRow> published = new CellGroupPublisher(rule).publish(group.indicator(), group.rows());
      for (int i = 0; i < group.rows().size(); i++) {
        ReferenceRow row = referenceRow(group.indicator(), month, group.rows().get(i));
        exact.add(row);
        ours.put(row.key(), published.get(i));
      }
    }

    List<ReferenceRow> theirs = ReferencePublication.publish(exact, config);

    assertThat(theirs).hasSize(exact.size());
    for (ReferenceRow reference : theirs) {
      PublishedRow mine = ours.get(reference.key());
      assertThat(close(mine.numerator(), reference.numerator())
              && close(mine.denominator(), reference.denominator())
              && close(mine.value(), reference.value())
              && mine.suppressed() == reference.suppressed())
          .as("%s: reference %s, ours %s; exact table %s", reference.key(), reference, mine, groups)
          .isTrue();
    }
  }

  @Provide
  Arbitrary<List<Group>> tables() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, RandomGroups.personLevel()),
            net.jqwik.api.Tuple.of(1, RandomGroups.workload()))
        .filter(group -> !group.rows().isEmpty())
        .list().ofMinSize(1).ofMaxSize(30);
  }

  private static ReferenceRow referenceRow(String indicator, LocalDate month, ExactRow row) {
    boolean workload = IndicatorFields.of(indicator).kind() == Kind.WORKLOAD;
    return new ReferenceRow(indicator, row.siteId(), workload ? "*" : "UPSIDES", workload ? "*" : "INTERVENTION",
        "MONTH", month, month.plusMonths(1).minusDays(1), row.numerator(), row.denominator(), row.value(),
        ReferenceRow.PROVISIONAL, false, 0, row.workers());
  }

  private static boolean close(Double a, Double b) {
    return a == null || b == null ? Objects.equals(a, b) : Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b));
  }
}
