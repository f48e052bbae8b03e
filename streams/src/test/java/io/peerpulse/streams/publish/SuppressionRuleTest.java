package io.peerpulse.streams.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuppressionRuleTest {

  @Test
  void defaultsAreTheNhsRule() {
    SuppressionRule rule = SuppressionRule.fromConfig(Map.of());

    assertThat(rule).isEqualTo(SuppressionRule.NHS);
    assertThat(rule.mode()).isEqualTo(SuppressionRule.Mode.NHS);
    assertThat(rule.minCount()).isEqualTo(7);
    assertThat(rule.roundingBase()).isEqualTo(5);
    assertThat(rule.minWorkers()).isEqualTo(3);
    assertThat(rule.toConfig()).containsOnly(Map.entry("suppression.rule", "nhs"),
        Map.entry("suppression.min.count", "7"), Map.entry("suppression.rounding.base", "5"),
        Map.entry("suppression.min.workers", "3"));
  }

  @Test
  void readsEveryKey() {
    SuppressionRule rule = SuppressionRule.fromConfig(Map.of("suppression.rule", " NONE ",
        "suppression.min.count", "10", "suppression.rounding.base", 10, "suppression.min.workers", "5"));

    assertThat(rule).isEqualTo(new SuppressionRule(SuppressionRule.Mode.NONE, 10, 10, 5));
    assertThat(rule.suppresses()).isFalse();
  }

  @Test
  void rejectsBadValuesNamingTheKey() {
    assertThatThrownBy(() -> SuppressionRule.fromConfig(Map.of("suppression.rule", "gdpr")))
        .hasMessage("suppression.rule: expected nhs or none, got \"gdpr\"");
    assertThatThrownBy(() -> SuppressionRule.fromConfig(Map.of("suppression.min.count", "seven")))
        .hasMessage("suppression.min.count: expected an integer, got \"seven\"");
    assertThatThrownBy(() -> SuppressionRule.fromConfig(Map.of("suppression.min.count", "0")))
        .hasMessage("suppression.min.count: expected an integer >= 1, got 0");
    assertThatThrownBy(() -> SuppressionRule.fromConfig(Map.of("suppression.rounding.base", "0")))
        .hasMessage("suppression.rounding.base: expected an integer >= 1, got 0");
    assertThatThrownBy(() -> SuppressionRule.fromConfig(Map.of("suppression.min.workers", "-1")))
        .hasMessage("suppression.min.workers: expected an integer >= 1, got -1");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "null", value = {
      "0, 0", "1, null", "2, null", "3, null", "4, null", "5, null", "6, null", "7, null",
      "8, 10", "9, 10", "10, 10", "11, 10", "12, 10", "13, 15", "14, 15", "15, 15", "17, 15", "18, 20",
      "22, 20", "23, 25", "1234, 1235", "1232, 1230"})
  void suppressesOneToSevenAndRoundsTheRestToTheNearestFive(double exact, Double published) {
    assertThat(SuppressionRule.NHS.publishCount(exact)).isEqualTo(published);
  }

  @Test
  void roundsHalfUpWhenACountIsHalfWay() {
    SuppressionRule base10 = new SuppressionRule(SuppressionRule.Mode.NHS, 7, 10, 3);

    assertThat(base10.publishCount(15)).isEqualTo(20.0);
    assertThat(base10.publishCount(25)).isEqualTo(30.0);
    assertThat(base10.publishCount(14)).isEqualTo(10.0);
    assertThat(base10.publishCount(8)).isEqualTo(10.0);
  }

  @Test
  void neverRoundsAPositiveCountToZero() {
    SuppressionRule lowThreshold = new SuppressionRule(SuppressionRule.Mode.NHS, 1, 5, 3);

    assertThat(lowThreshold.publishCount(1)).isNull();
    assertThat(lowThreshold.publishCount(2)).isEqualTo(5.0);
    assertThat(lowThreshold.publishCount(3)).isEqualTo(5.0);
  }

  @Test
  void baseOneDoesNotRound() {
    SuppressionRule noRounding = new SuppressionRule(SuppressionRule.Mode.NHS, 7, 1, 3);

    assertThat(noRounding.publishCount(8)).isEqualTo(8.0);
    assertThat(noRounding.publishCount(123)).isEqualTo(123.0);
  }

  @Test
  void failsClosedOnCountsThatAreNotNumbersOfPersons() {
    assertThat(SuppressionRule.NHS.publishCount(-3)).isNull();
    assertThat(SuppressionRule.NHS.publishCount(Double.NaN)).isNull();
    assertThat(SuppressionRule.NHS.publishCount(Double.POSITIVE_INFINITY)).isNull();
  }

  @Test
  void tooFewWorkersBelowTheMinimumOrUnknown() {
    assertThat(SuppressionRule.NHS.tooFewWorkers(null)).isTrue();
    assertThat(SuppressionRule.NHS.tooFewWorkers(0)).isTrue();
    assertThat(SuppressionRule.NHS.tooFewWorkers(2)).isTrue();
    assertThat(SuppressionRule.NHS.tooFewWorkers(3)).isFalse();
  }
}
