package io.peerpulse.streams.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The stage emits only changes, yet its published topic, read as a compacted table, always equals
 * publishing the final exact rows in one go: whatever the order of upserts and tombstones, no
 * change of a published row is lost and no row is left behind.
 */
class PublishStagePropertiesTest {

  private static final List<String> SITES = List.of("*", "a", "b", "c");

  /** One change of the internal topic; {@code numerator < 0} deletes the row. */
  record Change(int keyIndex, int numerator, int denominator, int workers) {}

  @Property(tries = 40)
  void thePublishedTableEqualsPublishingTheFinalExactRows(@ForAll("changes") List<Change> changes) {
    List<IndicatorKey> keys = keys();
    Map<IndicatorKey, IndicatorValue> exact = new LinkedHashMap<>();
    try (PublishDriver driver = new PublishDriver(SuppressionRule.NHS)) {
      for (Change change : changes) {
        IndicatorKey key = keys.get(change.keyIndex());
        IndicatorValue value = change.numerator() < 0 ? null : value(key, change);
        driver.pipe(key, value);
        if (value == null) {
          exact.remove(key);
        } else {
          exact.put(key, value);
        }
      }
      Map<IndicatorKey, IndicatorValue> published = driver.table();

      Map<IndicatorKey, PublishedRow> expected = publishAtOnce(exact);
      assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
      expected.forEach((key, want) -> {
        IndicatorValue got = published.get(key);
        assertThat(new PublishedRow(key.getSiteId(), got.getNumerator(), got.getDenominator(), got.getValue(),
            got.getSuppressed())).as("%s", key).isEqualTo(want);
        assertThat(got.getStatus()).isEqualTo(exact.get(key).getStatus());
      });
    }
  }

  @Provide
  Arbitrary<List<Change>> changes() {
    Arbitrary<Integer> count = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(-1)),
        Tuple.of(4, Arbitraries.integers().between(1, 7)),
        Tuple.of(1, Arbitraries.just(0)),
        Tuple.of(4, Arbitraries.integers().between(8, 200)));
    return Combinators.combine(Arbitraries.integers().between(0, keys().size() - 1), count,
            Arbitraries.integers().between(1, 300), Arbitraries.integers().between(0, 5))
        .as(Change::new)
        .list().ofMinSize(1).ofMaxSize(40);
  }

  private static List<IndicatorKey> keys() {
    List<IndicatorKey> keys = new ArrayList<>();
    for (String indicator : List.of("REACH_30", "ACTIVE_ENROLMENTS")) {
      for (String site : SITES) {
        keys.add(PublishDriver.monthKey(indicator, site));
      }
    }
    keys.add(PublishDriver.key("PSW_CASELOAD", "a", "*", "*", "WEEK", "2021-02-08", "2021-02-14"));
    keys.add(PublishDriver.key("PSW_CASELOAD", "b", "*", "*", "WEEK", "2021-02-08", "2021-02-14"));
    return keys;
  }

  private static IndicatorValue value(IndicatorKey key, Change change) {
    double numerator = change.numerator();
    return switch (key.getIndicator()) {
      case "REACH_30" -> {
        double denominator = numerator + change.denominator();
        yield PublishDriver.exactValue(numerator, denominator, 100 * numerator / denominator,
            IndicatorStatus.PROVISIONAL, 0, null);
      }
      case "ACTIVE_ENROLMENTS" -> PublishDriver.exactValue(numerator, null, numerator,
          change.workers() % 2 == 0 ? IndicatorStatus.FINAL : IndicatorStatus.PROVISIONAL, 0, null);
      default -> PublishDriver.exactValue(numerator, 2.5, numerator / 2.5, IndicatorStatus.FINAL, 0,
          change.workers());
    };
  }

  private static Map<IndicatorKey, PublishedRow> publishAtOnce(Map<IndicatorKey, IndicatorValue> exact) {
    Map<PublicationGroupKey, List<IndicatorKey>> groups = new LinkedHashMap<>();
    exact.keySet().forEach(key -> groups.computeIfAbsent(PublicationGroupKey.of(key), g -> new ArrayList<>()).add(key));
    CellGroupPublisher publisher = new CellGroupPublisher(SuppressionRule.NHS);
    Map<IndicatorKey, PublishedRow> out = new HashMap<>();
    groups.forEach((group, keys) -> {
      List<ExactRow> rows = keys.stream().map(key -> ExactState.of(exact.get(key)).row(key.getSiteId())).toList();
      List<PublishedRow> published = publisher.publish(group.indicator(), rows);
      for (int i = 0; i < keys.size(); i++) {
        out.put(keys.get(i), published.get(i));
      }
    });
    return out;
  }
}
