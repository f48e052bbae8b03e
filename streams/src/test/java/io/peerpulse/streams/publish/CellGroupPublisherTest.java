package io.peerpulse.streams.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellGroupPublisherTest {

  private static final double DAYS_PER_MONTH = 30.4375;
  private static final CellGroupPublisher NHS = new CellGroupPublisher(SuppressionRule.NHS);

  @Nested
  class PrimarySuppression {

    @ParameterizedTest(name = "numerator {0} of 40")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void nullsCountsOneToSevenAndTheValue(int numerator) {
      PublishedRow row = single("REACH_30", numerator, 40.0, 100.0 * numerator / 40);

      assertThat(row).isEqualTo(new PublishedRow("ulm", null, 40.0, null, true));
    }

    @Test
    void publishesZeroAsZero() {
      assertThat(single("REACH_30", 0, 40.0, 0.0)).isEqualTo(new PublishedRow("ulm", 0.0, 40.0, 0.0, false));
    }

    @Test
    void roundsEightToTen() {
      assertThat(single("REACH_30", 8, 40.0, 20.0)).isEqualTo(new PublishedRow("ulm", 10.0, 40.0, 25.0, false));
    }

    @Test
    void aSuppressedDenominatorNullsTheValueAndKeepsAZeroNumerator() {
      // DISENGAGED_60 of the worked example: 0 of 1
      assertThat(single("DISENGAGED_60", 0, 1.0, 0.0)).isEqualTo(new PublishedRow("ulm", 0.0, null, null, true));
    }

    @Test
    void aRowWithoutCountsToHideIsNotSuppressed() {
      // BED_DAYS: bed days and person-days are not person counts; 3 bed days stay 3
      assertThat(single("BED_DAYS", 3, 42.0, 3 / (42 / DAYS_PER_MONTH)))
          .isEqualTo(new PublishedRow("ulm", 3.0, 42.0, 3 / (42 / DAYS_PER_MONTH), false));
    }

    @Test
    void aZeroDenominatorLeavesTheValueUndefinedWithoutSuppression() {
      // contacts on paused days: contact-persons but no person-days
      assertThat(single("CONTACTS_PER_PERSON_MONTH", 9, 0.0, null))
          .isEqualTo(new PublishedRow("ulm", 10.0, 0.0, null, false));
    }
  }

  @Nested
  class Values {

    @Test
    void percentagesComeFromTheRoundedCounts() {
      PublishedRow row = single("REACH_30", 12, 33.0, 100.0 * 12 / 33);

      assertThat(row.numerator()).isEqualTo(10.0);
      assertThat(row.denominator()).isEqualTo(35.0);
      assertThat(row.value()).isCloseTo(100.0 * 10 / 35, within(1e-12));
      assertThat(row.suppressed()).isFalse();
    }

    @Test
    void ratesPerPersonMonthComeFromTheRoundedNumeratorAndExactPersonDays() {
      PublishedRow row = single("CONTACTS_PER_PERSON_MONTH", 13, 200.0, 13 / (200 / DAYS_PER_MONTH));

      assertThat(row.numerator()).isEqualTo(15.0);
      assertThat(row.denominator()).isEqualTo(200.0);
      assertThat(row.value()).isCloseTo(15 / (200 / DAYS_PER_MONTH), within(1e-12));
    }

    @Test
    void ratesPerHundredPersonMonthsComeFromTheRoundedNumerator() {
      PublishedRow relapses = single("RELAPSE_RATE", 9, 3000.0, 100 * 9 / (3000 / DAYS_PER_MONTH));
      PublishedRow admissions = single("INVOLUNTARY_ADMISSIONS", 27, 6000.0, 100 * 27 / (6000 / DAYS_PER_MONTH));

      assertThat(relapses.value()).isCloseTo(100 * 10 / (3000 / DAYS_PER_MONTH), within(1e-12));
      assertThat(admissions.numerator()).isEqualTo(25.0);
      assertThat(admissions.value()).isCloseTo(100 * 25 / (6000 / DAYS_PER_MONTH), within(1e-12));
    }

    @Test
    void phaseContactRatesRoundContactsButNotPersonDays() {
      // the worked example's PHASE1_CONTACT_RATE: 4 contacts suppressed, 124 person-days published
      assertThat(single("PHASE1_CONTACT_RATE", 4, 124.0, 0.9819))
          .isEqualTo(new PublishedRow("ulm", null, 124.0, null, true));
      assertThat(single("PHASE2_CONTACT_RATE", 31, 124.0, 31 / (124 / DAYS_PER_MONTH)).value())
          .isCloseTo(30 / (124 / DAYS_PER_MONTH), within(1e-12));
    }

    @Test
    void activeEnrolmentsValueIsThePublishedNumerator() {
      assertThat(single("ACTIVE_ENROLMENTS", 23, null, 23.0))
          .isEqualTo(new PublishedRow("ulm", 25.0, null, 25.0, false));
      assertThat(single("ACTIVE_ENROLMENTS", 2, null, 2.0))
          .isEqualTo(new PublishedRow("ulm", null, null, null, true));
    }

    @Test
    void daysToFirstContactKeepsTheExactMedianUnlessItsCountIsSuppressed() {
      assertThat(single("DAYS_TO_FIRST_CONTACT", 12, null, 25.5))
          .isEqualTo(new PublishedRow("ulm", 10.0, null, 25.5, false));
      assertThat(single("DAYS_TO_FIRST_CONTACT", 2, null, 25.5))
          .isEqualTo(new PublishedRow("ulm", null, null, null, true));
    }

    @Test
    void unchangedNumbersKeepTheExactValueBitForBit() {
      double exact = 100.0 / 3;
      assertThat(single("READMISSION_30", 10, 30.0, exact).value()).isEqualTo(exact);
    }
  }

  @Nested
  class SecondarySuppression {

    @Test
    void hidesTheUnsuppressedSiteWithTheSmallestDenominatorWhenExactlyOneSiteIsSuppressed() {
      Map<String, PublishedRow> out = publish("REACH_30",
          row("*", 53, 150), row("a", 3, 20), row("b", 20, 40), row("c", 30, 90));

      assertThat(out.get("a")).isEqualTo(new PublishedRow("a", null, 20.0, null, true));
      assertThat(out.get("b")).isEqualTo(new PublishedRow("b", null, null, null, true));
      assertThat(out.get("c")).isEqualTo(new PublishedRow("c", 30.0, 90.0, 100.0 * 30 / 90, false));
      assertThat(out.get("*")).isEqualTo(new PublishedRow("*", 55.0, 150.0, 100.0 * 55 / 150, false));
    }

    @Test
    void needsTheTotalRow() {
      Map<String, PublishedRow> out = publish("REACH_30", row("a", 3, 20), row("b", 20, 40), row("c", 30, 90));

      assertThat(out.get("b").suppressed()).isFalse();
      assertThat(out.get("c").suppressed()).isFalse();
    }

    @Test
    void needsAPublishedTotal() {
      // every count of the total is suppressed: nothing to difference against
      Map<String, PublishedRow> out = publish("ACTIVE_ENROLMENTS",
          row("*", 7, null), row("a", 7, null), row("b", 0, null));

      assertThat(out.get("*").suppressed()).isTrue();
      assertThat(out.get("b")).isEqualTo(new PublishedRow("b", 0.0, null, 0.0, false));
    }

    @Test
    void aPartlySuppressedTotalIsNotPublished() {
      // the total's numerator 3 is suppressed: the total is not published, b keeps its 0 / 30
      Map<String, PublishedRow> out = publish("REACH_30", row("*", 3, 70), row("a", 3, 40), row("b", 0, 30));

      assertThat(out.get("*")).isEqualTo(new PublishedRow("*", null, 70.0, null, true));
      assertThat(out.get("b")).isEqualTo(new PublishedRow("b", 0.0, 30.0, 0.0, false));
    }

    @Test
    void notWhenTwoSitesAreSuppressed() {
      Map<String, PublishedRow> out = publish("REACH_30",
          row("*", 55, 155), row("a", 3, 20), row("b", 2, 5), row("c", 20, 40), row("d", 30, 90));

      assertThat(out.get("c").suppressed()).isFalse();
      assertThat(out.get("d").suppressed()).isFalse();
    }

    @Test
    void tiesGoToTheFirstSiteId() {
      Map<String, PublishedRow> out = publish("FOLLOW_UP_7",
          row("*", 53, 200), row("m", 3, 20), row("z", 20, 90), row("k", 30, 90));

      assertThat(out.get("k").suppressed()).isTrue();
      assertThat(out.get("z").suppressed()).isFalse();
    }

    @Test
    void ordersByTheNumeratorWhenThereIsNoDenominator() {
      Map<String, PublishedRow> out = publish("ACTIVE_ENROLMENTS",
          row("*", 73, null), row("a", 40, null), row("b", 5, null), row("c", 28, null));

      assertThat(out.get("b")).isEqualTo(new PublishedRow("b", null, null, null, true));
      assertThat(out.get("c")).isEqualTo(new PublishedRow("c", null, null, null, true));
      assertThat(out.get("a")).isEqualTo(new PublishedRow("a", 40.0, null, 40.0, false));
    }

    @Test
    void ordersByExactPersonDaysAndKeepsThemPublished() {
      Map<String, PublishedRow> out = publish("CONTACTS_PER_PERSON_MONTH",
          row("*", 53, 1330), row("a", 3, 100), row("b", 20, 1000), row("c", 30, 230));

      assertThat(out.get("a")).isEqualTo(new PublishedRow("a", null, 100.0, null, true));
      assertThat(out.get("c")).isEqualTo(new PublishedRow("c", null, 230.0, null, true));
      assertThat(out.get("b").suppressed()).isFalse();
    }

    @Test
    void usesTheExactDenominatorNotTheRoundedOne() {
      // b's 41 and c's 39 both publish as 40; the exact 39 is the smaller
      Map<String, PublishedRow> out = publish("REACH_30",
          row("*", 53, 100), row("a", 3, 20), row("b", 20, 41), row("c", 30, 39));

      assertThat(out.get("c").suppressed()).isTrue();
      assertThat(out.get("b").suppressed()).isFalse();
    }

    @Test
    void isOnePass() {
      // hiding b leaves two suppressed site rows; no further row is hidden
      Map<String, PublishedRow> out = publish("MIN_DOSE_3",
          row("*", 93, 190), row("a", 3, 20), row("b", 20, 40), row("c", 30, 60), row("d", 40, 70));

      assertThat(out.values().stream().filter(PublishedRow::suppressed).map(PublishedRow::siteId))
          .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aDaysToFirstContactMedianIsHiddenWithItsCount() {
      Map<String, PublishedRow> out = publish("DAYS_TO_FIRST_CONTACT",
          new ExactRow("*", 33.0, null, 12.0, null), new ExactRow("a", 3.0, null, 20.0, null),
          new ExactRow("b", 10.0, null, 9.5, null), new ExactRow("c", 20.0, null, 11.0, null));

      assertThat(out.get("b")).isEqualTo(new PublishedRow("b", null, null, null, true));
      assertThat(out.get("c")).isEqualTo(new PublishedRow("c", 20.0, null, 11.0, false));
      assertThat(out.get("*")).isEqualTo(new PublishedRow("*", 35.0, null, 12.0, false));
    }
  }

  @Nested
  class Workload {

    @Test
    void nullsTheWholeRowWhenFewerThanThreeWorkersContributed() {
      PublishedRow row = workload(2, 13.0, 2.5, 5.2);

      assertThat(row).isEqualTo(new PublishedRow("ulm", null, null, null, true));
    }

    @Test
    void publishesExactUnroundedNumbersFromThreeWorkers() {
      assertThat(workload(3, 13.0, 2.5, 5.2)).isEqualTo(new PublishedRow("ulm", 13.0, 2.5, 5.2, false));
    }

    @Test
    void aRowWithoutAWorkerCountIsNulled() {
      assertThat(workload(null, 40.0, 8.0, 5.0)).isEqualTo(new PublishedRow("ulm", null, null, null, true));
    }

    @Test
    void followsTheConfiguredMinimum() {
      CellGroupPublisher five = new CellGroupPublisher(new SuppressionRule(SuppressionRule.Mode.NHS, 7, 5, 5));
      ExactRow row = new ExactRow("ulm", 13.0, 2.5, 5.2, 4);

      assertThat(five.publish("PSW_CASELOAD", List.of(row)).get(0).suppressed()).isTrue();
    }

    @Test
    void everyWorkloadIndicatorFollowsTheWorkerRule() {
      for (String id : List.of("PSW_CASELOAD", "PSW_DIRECT_HOURS", "PSW_OVER_THRESHOLD", "MHW_CONTACTS_PER_FTE",
          "HOME_VISIT_PSW_SHARE", "PSW_SUPERVISED_14D")) {
        assertThat(NHS.publish(id, List.of(new ExactRow("ulm", 1.0, 1.0, 100.0, 1))).get(0))
            .as(id).isEqualTo(new PublishedRow("ulm", null, null, null, true));
        assertThat(NHS.publish(id, List.of(new ExactRow("ulm", 1.0, 1.0, 100.0, 3))).get(0))
            .as(id).isEqualTo(new PublishedRow("ulm", 1.0, 1.0, 100.0, false));
      }
    }

    private PublishedRow workload(Integer workers, double numerator, double denominator, double value) {
      return NHS.publish("PSW_CASELOAD", List.of(new ExactRow("ulm", numerator, denominator, value, workers))).get(0);
    }
  }

  @Nested
  class Other {

    @Test
    void ruleNonePublishesExactValuesUnsuppressed() {
      CellGroupPublisher none = new CellGroupPublisher(SuppressionRule.NONE);

      assertThat(none.publish("REACH_30", List.of(row("*", 1, 2), row("ulm", 1, 2))))
          .containsExactly(new PublishedRow("*", 1.0, 2.0, 50.0, false), new PublishedRow("ulm", 1.0, 2.0, 50.0, false));
      assertThat(none.publish("PSW_CASELOAD", List.of(new ExactRow("ulm", 1.0, 0.0, null, 1))))
          .containsExactly(new PublishedRow("ulm", 1.0, 0.0, null, false));
    }

    @Test
    void anUnclassifiedIndicatorIsNulledEntirely() {
      assertThat(NHS.publish("NEW_INDICATOR", List.of(row("*", 400, 800), row("ulm", 400, 800))))
          .containsExactly(new PublishedRow("*", null, null, null, true), new PublishedRow("ulm", null, null, null, true));
    }

    @Test
    void keepsTheOrderAndTheKeysOfTheExactRows() {
      List<ExactRow> rows = List.of(row("c", 30, 90), row("*", 53, 150), row("a", 3, 20), row("b", 20, 40));

      assertThat(NHS.publish("REACH_30", rows)).extracting(PublishedRow::siteId).containsExactly("c", "*", "a", "b");
    }

    @Test
    void rejectsASiteTwice() {
      assertThatThrownBy(() -> NHS.publish("REACH_30", List.of(row("a", 1, 2), row("a", 1, 2))))
          .hasMessage("rows of REACH_30: expected distinct site_id values, got \"a\" twice");
    }
  }

  /** A row with the value its indicator's scale gives; percent when a denominator is given. */
  private static ExactRow row(String site, double numerator, Integer denominator) {
    Double value = denominator == null ? numerator : denominator == 0 ? null : 100.0 * numerator / denominator;
    return ExactRow.of(site, numerator, denominator == null ? null : denominator.doubleValue(), value);
  }

  private static PublishedRow single(String indicator, double numerator, Double denominator, Double value) {
    return NHS.publish(indicator, List.of(ExactRow.of("ulm", numerator, denominator, value))).get(0);
  }

  private static Map<String, PublishedRow> publish(String indicator, ExactRow... rows) {
    List<PublishedRow> out = NHS.publish(indicator, new ArrayList<>(List.of(rows)));
    return out.stream().collect(Collectors.toMap(PublishedRow::siteId, Function.identity()));
  }
}
