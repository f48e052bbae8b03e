package io.peerpulse.streams.cells;

import static io.peerpulse.streams.cells.Members.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotalsTest {

  private static final Period FEBRUARY = Period.month(d("2021-02-01"));

  private static SiteRow siteRow(String site, Indicator indicator, double numerator, Double denominator, List<Integer> inputs,
      String deadline, String watermark, boolean finalStatus) {
    CellKey cell = new CellKey(new CellBase(site, "UPSIDES", "INTERVENTION"), FEBRUARY);
    Double value = indicator.scale() == Indicator.Scale.MEDIAN ? Median.of(inputs) : indicator.scale().value(numerator, denominator);
    return new SiteRow(indicator, cell, numerator, denominator, value, inputs, LocalDate.parse(deadline), LocalDate.parse(watermark), finalStatus);
  }

  @Test
  void countsAreSummedAndTheValueRecomputed() {
    // (1 + 3) / (2 + 4) = 66.67 %, not the mean of 50 % and 75 %
    SiteRow total = Totals.pool(List.of(
        siteRow("ulm", Indicator.REACH_30, 1, 2.0, List.of(), "2021-03-30", "2021-04-01", true),
        siteRow("pune", Indicator.REACH_30, 3, 4.0, List.of(), "2021-03-30", "2021-03-20", false)));

    assertThat(total.cell()).isEqualTo(new CellKey(new CellBase("*", "UPSIDES", "INTERVENTION"), FEBRUARY));
    assertThat(total.numerator()).isEqualTo(4.0);
    assertThat(total.denominator()).isEqualTo(6.0);
    assertThat(total.value()).isEqualTo(400.0 / 6);
    assertThat(total.finalStatus()).isFalse();
    assertThat(total.watermark()).isEqualTo(d("2021-03-20"));
  }

  @Test
  void theMedianIsTakenOverThePooledInputs() {
    // ulm [8, 43] (median 25.5), pune [2] -> pooled [2, 8, 43] -> 8, count 3
    SiteRow total = Totals.pool(List.of(
        siteRow("ulm", Indicator.DAYS_TO_FIRST_CONTACT, 2, null, List.of(8, 43), "2021-08-15", "2021-09-01", true),
        siteRow("pune", Indicator.DAYS_TO_FIRST_CONTACT, 1, null, List.of(2), "2021-08-01", "2021-09-01", true)));

    assertThat(total.numerator()).isEqualTo(3.0);
    assertThat(total.denominator()).isNull();
    assertThat(total.value()).isEqualTo(8.0);
    assertThat(total.medianInputs()).containsExactly(2, 8, 43);
    assertThat(total.finalStatus()).isTrue();
    assertThat(total.deadline()).isEqualTo(d("2021-08-15"));
  }

  @Test
  void anEvenPooledCountAveragesTheTwoMiddleValues() {
    // [1, 4] + [10, 20] -> middle 4 and 10 -> 7
    SiteRow total = Totals.pool(List.of(
        siteRow("ulm", Indicator.DAYS_TO_FIRST_CONTACT, 2, null, List.of(1, 4), "2021-08-15", "2021-09-01", true),
        siteRow("pune", Indicator.DAYS_TO_FIRST_CONTACT, 2, null, List.of(20, 10), "2021-08-01", "2021-09-01", true)));

    assertThat(total.value()).isEqualTo(7.0);
  }

  @Test
  void countRowsHaveNoDenominator() {
    SiteRow total = Totals.pool(List.of(
        siteRow("ulm", Indicator.ACTIVE_ENROLMENTS, 2, null, List.of(), "2021-02-28", "2021-03-01", true),
        siteRow("pune", Indicator.ACTIVE_ENROLMENTS, 5, null, List.of(), "2021-02-28", "2021-03-01", true)));

    assertThat(total.denominator()).isNull();
    assertThat(total.value()).isEqualTo(7.0);
  }

  @Test
  void poolAllMakesOneTotalPerIndicatorProgrammeArmAndPeriod() {
    List<SiteRow> totals = Totals.poolAll(List.of(
        siteRow("ulm", Indicator.REACH_30, 1, 2.0, List.of(), "2021-03-30", "2021-04-01", true),
        siteRow("pune", Indicator.REACH_30, 3, 4.0, List.of(), "2021-03-30", "2021-04-01", true),
        siteRow("ulm", Indicator.MIN_DOSE_3, 1, 2.0, List.of(), "2021-08-01", "2021-04-01", false)));

    assertThat(totals).extracting(SiteRow::indicator, SiteRow::numerator).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Indicator.REACH_30, 4.0),
        org.assertj.core.groups.Tuple.tuple(Indicator.MIN_DOSE_3, 1.0));
  }

  @Test
  void rowsOfDifferentCellsCannotBePooled() {
    assertThatThrownBy(() -> Totals.pool(List.of(
        siteRow("ulm", Indicator.REACH_30, 1, 2.0, List.of(), "2021-03-30", "2021-04-01", true),
        siteRow("ulm", Indicator.MIN_DOSE_3, 1, 2.0, List.of(), "2021-03-30", "2021-04-01", true))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MIN_DOSE_3");
  }
}
