package io.peerpulse.streams.publish;

import static io.peerpulse.streams.publish.PublishDriver.exactValue;
import static io.peerpulse.streams.publish.PublishDriver.key;
import static io.peerpulse.streams.publish.PublishDriver.monthKey;
import static io.peerpulse.streams.publish.PublishDriver.percent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishStageTest {

  private static final String PINNED = "publish-stage-topology.txt";

  private final PublishDriver driver = new PublishDriver(SuppressionRule.NHS);

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void describeMatchesThePinnedTopology() throws IOException {
    String actual = PublishDriver.topology(SuppressionRule.NHS).describe().toString();
    String expected = pinned();
    if (!actual.equals(expected)) {
      Path written = Path.of(System.getProperty("buildDirectory", "target"), "publish-stage-topology.actual.txt");
      Files.createDirectories(written.getParent());
      Files.writeString(written, actual);
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actual).doesNotContain("KSTREAM-", "KTABLE-", "STATE-STORE-");
  }

  @Test
  void publishesEveryExactKeyWithSmallCountsSuppressed() {
    driver.pipe(monthKey("REACH_30", "ulm"), percent(1, 2));
    driver.pipe(monthKey("REACH_30", "*"), percent(1, 2));

    Map<IndicatorKey, IndicatorValue> table = driver.table();
    assertThat(table.keySet()).containsExactlyInAnyOrder(monthKey("REACH_30", "ulm"), monthKey("REACH_30", "*"));
    for (IndicatorValue value : table.values()) {
      assertThat(value.getNumerator()).isNull();
      assertThat(value.getDenominator()).isNull();
      assertThat(value.getValue()).isNull();
      assertThat(value.getSuppressed()).isTrue();
      assertThat(value.getStatus()).isEqualTo(IndicatorStatus.PROVISIONAL);
      assertThat(value.getWatermark()).hasToString("2021-03-06");
      assertThat(value.getWorkers()).isNull();
    }
  }

  @Test
  void aChangeThatLeavesThePublishedRowAsItWasPublishesNothing() {
    driver.pipe(monthKey("REACH_30", "ulm"), percent(1, 2));
    driver.drain();

    driver.pipe(monthKey("REACH_30", "ulm"), percent(2, 3));
    driver.pipe(monthKey("REACH_30", "ulm"), IndicatorValue.newBuilder(percent(2, 3))
        .setComputedAt(Instant.parse("2021-06-15T00:00:00Z")).build());
    driver.pipe(monthKey("REACH_30", "ulm"), percent(2, 3));

    assertThat(driver.drain()).isEmpty();
  }

  @Test
  void roundedCountsAndRecomputedValues() {
    driver.pipe(monthKey("REACH_30", "ulm"), percent(12, 33));

    IndicatorValue published = driver.table().get(monthKey("REACH_30", "ulm"));
    assertThat(published.getNumerator()).isEqualTo(10.0);
    assertThat(published.getDenominator()).isEqualTo(35.0);
    assertThat(published.getValue()).isCloseTo(100.0 * 10 / 35, within(1e-12));
    assertThat(published.getSuppressed()).isFalse();
  }

  @Test
  void secondarySuppressionFollowsTheGroupAsItChanges() {
    driver.pipe(monthKey("REACH_30", "a"), percent(3, 20));
    driver.pipe(monthKey("REACH_30", "b"), percent(20, 40));
    driver.pipe(monthKey("REACH_30", "c"), percent(30, 90));
    assertThat(driver.table().get(monthKey("REACH_30", "b")).getSuppressed())
        .as("no total yet: nothing to difference").isFalse();

    driver.pipe(monthKey("REACH_30", "*"), percent(53, 150));
    List<KeyValue<IndicatorKey, IndicatorValue>> withTotal = driver.drain();
    assertThat(withTotal).extracting(kv -> kv.key.getSiteId()).containsExactly("*", "b");
    assertThat(withTotal.get(1).value.getNumerator()).isNull();
    assertThat(withTotal.get(1).value.getSuppressed()).isTrue();

    driver.pipe(monthKey("REACH_30", "a"), percent(12, 20));
    List<KeyValue<IndicatorKey, IndicatorValue>> aGrew = driver.drain();
    assertThat(aGrew).extracting(kv -> kv.key.getSiteId()).containsExactly("a", "b");
    assertThat(aGrew.get(0).value.getNumerator()).isEqualTo(10.0);
    assertThat(aGrew.get(1).value.getNumerator()).isEqualTo(20.0);
    assertThat(aGrew.get(1).value.getSuppressed()).isFalse();
  }

  @Test
  void aRowThatStopsExistingIsTombstoned() {
    driver.pipe(monthKey("REACH_30", "a"), percent(3, 20));
    driver.pipe(monthKey("REACH_30", "b"), percent(20, 40));
    driver.pipe(monthKey("REACH_30", "c"), percent(30, 90));
    driver.pipe(monthKey("REACH_30", "*"), percent(53, 150));
    driver.drain();

    driver.pipe(monthKey("REACH_30", "c"), null);
    List<KeyValue<IndicatorKey, IndicatorValue>> removed = driver.drain();
    assertThat(removed).hasSize(1);
    assertThat(removed.get(0).key).isEqualTo(monthKey("REACH_30", "c"));
    assertThat(removed.get(0).value).isNull();

    driver.pipe(monthKey("REACH_30", "c"), null);
    assertThat(driver.drain()).as("a second tombstone changes nothing").isEmpty();
    driver.pipe(monthKey("REACH_30", "*"), null);
    driver.pipe(monthKey("REACH_30", "a"), null);
    driver.pipe(monthKey("REACH_30", "b"), null);
    assertThat(driver.table()).isEmpty();
  }

  @Test
  void aStatusChangeIsPublished() {
    driver.pipe(monthKey("REACH_30", "ulm"), percent(1, 2));
    driver.drain();

    driver.pipe(monthKey("REACH_30", "ulm"), exactValue(1.0, 2.0, 50.0, IndicatorStatus.FINAL, 0, null));

    List<KeyValue<IndicatorKey, IndicatorValue>> out = driver.drain();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).value.getStatus()).isEqualTo(IndicatorStatus.FINAL);
    assertThat(out.get(0).value.getSuppressed()).isTrue();
  }

  @Test
  void workloadRowsFollowTheWorkerRuleAndNeverCarryTheWorkerCount() {
    IndicatorKey few = key("PSW_CASELOAD", "ulm", "*", "*", "WEEK", "2021-02-08", "2021-02-14");
    IndicatorKey enough = key("PSW_CASELOAD", "bonn", "*", "*", "WEEK", "2021-02-08", "2021-02-14");
    driver.pipe(few, exactValue(13.0, 2.5, 5.2, IndicatorStatus.FINAL, 0, 2));
    driver.pipe(enough, exactValue(13.0, 2.5, 5.2, IndicatorStatus.FINAL, 0, 3));

    Map<IndicatorKey, IndicatorValue> table = driver.table();
    assertThat(table.get(few).getNumerator()).isNull();
    assertThat(table.get(few).getValue()).isNull();
    assertThat(table.get(few).getSuppressed()).isTrue();
    assertThat(table.get(enough).getNumerator()).isEqualTo(13.0);
    assertThat(table.get(enough).getDenominator()).isEqualTo(2.5);
    assertThat(table.get(enough).getValue()).isEqualTo(5.2);
    assertThat(table.get(enough).getSuppressed()).isFalse();
    assertThat(table.values()).allSatisfy(value -> assertThat(value.getWorkers()).isNull());

    driver.pipe(few, exactValue(13.0, 2.5, 5.2, IndicatorStatus.FINAL, 0, 4));
    assertThat(driver.table().get(few).getNumerator()).as("a third and fourth worker joined").isEqualTo(13.0);
  }

  @Test
  void ruleNonePublishesExactValues() {
    try (PublishDriver exact = new PublishDriver(SuppressionRule.NONE)) {
      exact.pipe(monthKey("REACH_30", "ulm"), percent(1, 2));
      exact.pipe(key("PSW_CASELOAD", "ulm", "*", "*", "WEEK", "2021-02-08", "2021-02-14"),
          exactValue(1.0, 0.0, null, IndicatorStatus.FINAL, 0, 1));

      Map<IndicatorKey, IndicatorValue> table = exact.table();
      IndicatorValue reach = table.get(monthKey("REACH_30", "ulm"));
      assertThat(reach.getNumerator()).isEqualTo(1.0);
      assertThat(reach.getValue()).isEqualTo(50.0);
      assertThat(reach.getSuppressed()).isFalse();
      assertThat(table.values()).allSatisfy(value -> assertThat(value.getWorkers()).isNull());
    }
  }

  @Test
  void passesRevisionAndComputedAtThrough() {
    driver.pipe(monthKey("REACH_30", "ulm"), exactValue(40.0, 80.0, 50.0, IndicatorStatus.FINAL, 2, null));

    IndicatorValue published = driver.table().get(monthKey("REACH_30", "ulm"));
    assertThat(published.getRevision()).isEqualTo(2);
    assertThat(published.getDefinitionVersion()).isEqualTo(1);
    assertThat(published.getComputedAt()).isEqualTo(Instant.parse("2021-04-10T00:00:00Z"));
  }

  private static String pinned() throws IOException {
    try (InputStream in = PublishStageTest.class.getResourceAsStream(PINNED)) {
      return in == null ? "(no pinned topology: " + PINNED + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
