package io.peerpulse.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.streams.compute.IndicatorRow;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The one validation of the query API's parameters and the export's filter flags. */
class IndicatorFilterTest {

  @Test
  void everyParameterIsReadAndAnEmptyValueMeansAny() {
    IndicatorFilter filter = IndicatorFilter.of(Map.of("indicator", "REACH_30", "site", "ulm", "programme", "UPSIDES",
        "arm", "INTERVENTION", "period_type", "MONTH", "from", "2021-01-01", "to", "2021-06-30"));
    assertThat(filter).isEqualTo(new IndicatorFilter("REACH_30", "ulm", "UPSIDES", "INTERVENTION", "MONTH",
        LocalDate.parse("2021-01-01"), LocalDate.parse("2021-06-30")));
    assertThat(IndicatorFilter.of(Map.of("indicator", "", "site", "", "from", ""))).isEqualTo(IndicatorFilter.ALL);
    assertThat(IndicatorFilter.of(Map.of("site", "*", "programme", "*", "arm", "*")).arm()).isEqualTo("*");
  }

  @Test
  void parametersGoBackOutInSpecOrderWithoutTheUnsetOnes() {
    IndicatorFilter filter = IndicatorFilter.of(Map.of("to", "2021-06-30", "arm", "CONTROL", "indicator", "REACH_30"));
    assertThat(filter.parameters()).containsExactly(Map.entry("indicator", "REACH_30"), Map.entry("arm", "CONTROL"),
        Map.entry("to", "2021-06-30"));
    assertThat(IndicatorFilter.of(filter.parameters())).isEqualTo(filter);
  }

  @Test
  void invalidValuesNameTheParameterAndWhatWasExpected() {
    assertInvalid(() -> IndicatorFilter.of(Map.of("indicator", "REACH30")), "indicator",
        "expected an indicator id, one of ACTIVE_ENROLMENTS, REACH_30,");
    assertInvalid(() -> IndicatorFilter.of(Map.of("period_type", "YEAR")), "period_type",
        "expected a period type, one of DAY, WEEK, MONTH, ROLLING_28D; got \"YEAR\"");
    assertInvalid(() -> IndicatorFilter.of(Map.of("period_type", "month")), "period_type", "got \"month\"");
    assertInvalid(() -> IndicatorFilter.of(Map.of("arm", "BOTH")), "arm",
        "expected one of INTERVENTION, CONTROL, NONE or * (totals), got \"BOTH\"");
    assertInvalid(() -> IndicatorFilter.of(Map.of("from", "2021-13-01")), "from",
        "expected an ISO date YYYY-MM-DD, got \"2021-13-01\"");
    assertInvalid(() -> IndicatorFilter.of(Map.of("to", "1/2/2021")), "to", "expected an ISO date YYYY-MM-DD, got \"1/2/2021\"");
    assertInvalid(() -> IndicatorFilter.of(Map.of("from", "2021-02-01", "to", "2021-01-31")), "from",
        "expected a date on or before to (2021-01-31), got 2021-02-01");
    assertInvalid(() -> IndicatorFilter.of(Map.of("site", " ulm")), "site", "without surrounding spaces");
    assertInvalid(() -> IndicatorFilter.of(Map.of("programme", "x".repeat(201))), "programme", "at most 200 characters");
    assertInvalid(() -> IndicatorFilter.of(Map.of("sites", "ulm")), "sites",
        "unknown parameter; expected indicator, site, programme, arm, period_type, from, to");
  }

  @Test
  void theExportFlagIsDerivedFromTheParameter() {
    InvalidFilterException e = new InvalidFilterException("period_type", "expected a period type");
    assertThat(e.flag()).isEqualTo("--period-type");
    assertThat(e.getMessage()).isEqualTo("period_type: expected a period type");
  }

  @Test
  void rowsAreSelectedByEveryGivenFieldAndFromToBoundThePeriodStartInclusively() {
    IndicatorRow januaryUlm = row("REACH_30", "ulm", "MONTH", "2021-01-01", "2021-01-31");
    IndicatorRow februaryUlm = row("REACH_30", "ulm", "MONTH", "2021-02-01", "2021-02-28");
    IndicatorRow januaryTotal = row("REACH_30", "*", "MONTH", "2021-01-01", "2021-01-31");
    IndicatorRow otherIndicator = row("MIN_DOSE_3", "ulm", "MONTH", "2021-01-01", "2021-01-31");

    IndicatorFilter january = filter("from", "2021-01-01", "to", "2021-01-01");
    assertThat(january.matches(januaryUlm)).isTrue();
    assertThat(january.matches(februaryUlm)).as("period_start after to").isFalse();
    IndicatorFilter fromFebruary = filter("from", "2021-02-01");
    assertThat(fromFebruary.matches(februaryUlm)).isTrue();
    assertThat(fromFebruary.matches(januaryUlm)).as("period_start before from, period_end irrelevant").isFalse();

    IndicatorFilter ulmReach = filter("indicator", "REACH_30", "site", "ulm");
    assertThat(ulmReach.matches(januaryUlm)).isTrue();
    assertThat(ulmReach.matches(januaryTotal)).isFalse();
    assertThat(ulmReach.matches(otherIndicator)).isFalse();
    assertThat(filter("site", "*").matches(januaryTotal)).as("* selects the total rows literally").isTrue();
    assertThat(filter("arm", "CONTROL").matches(januaryUlm)).isFalse();
    assertThat(filter("period_type", "WEEK").matches(januaryUlm)).isFalse();
    assertThat(filter("programme", "CTI_TS").matches(januaryUlm)).isFalse();
    assertThat(IndicatorFilter.ALL.matches(otherIndicator)).isTrue();
  }

  private static IndicatorFilter filter(String... nameValues) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      values.put(nameValues[i], nameValues[i + 1]);
    }
    return IndicatorFilter.of(values);
  }

  static IndicatorRow row(String indicator, String site, String periodType, String start, String end) {
    return new IndicatorRow(indicator, site, "UPSIDES", "INTERVENTION", periodType, LocalDate.parse(start),
        LocalDate.parse(end), 10.0, 20.0, 50.0, "FINAL", false, 0);
  }

  private static void assertInvalid(ThrowingCallable call, String parameter, String problemPart) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidFilterException.class, e -> {
      assertThat(e.parameter()).isEqualTo(parameter);
      assertThat(e.problem()).contains(problemPart);
      assertThat(e.getMessage()).startsWith(parameter + ": ");
    });
  }
}
