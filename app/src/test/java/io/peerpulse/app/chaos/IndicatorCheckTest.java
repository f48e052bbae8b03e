package io.peerpulse.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.app.verify.ComparableRow;
import io.peerpulse.reference.ReferenceRow;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorCheckTest {

  private static final String CONTACTS = "CONTACTS_PER_PERSON_MONTH,ulm,UPSIDES,INTERVENTION,MONTH,2021-03-01,2021-03-31";
  private static final String REACH = "REACH_30,ulm,UPSIDES,INTERVENTION,MONTH,2021-03-01,2021-03-31";
  private static final String ACTIVE = "ACTIVE_ENROLMENTS,ulm,UPSIDES,INTERVENTION,DAY,2021-03-01,2021-03-01";

  private static ComparableRow row(String key, Double numerator, Double denominator, String status) {
    Double value = numerator == null || denominator == null || denominator == 0 ? null : numerator / denominator;
    return new ComparableRow(key, numerator, denominator, value, status, false);
  }

  private static final List<ComparableRow> REFERENCE = List.of(
      row(CONTACTS, 12.0, 4.0, "FINAL"),
      row(REACH, 3.0, 4.0, "FINAL"),
      row(ACTIVE, 4.0, null, "PROVISIONAL"));

  @Test
  void theSameTableIsExact() {
    IndicatorCheck.Result result = IndicatorCheck.compare("internal", REFERENCE, REFERENCE);

    assertThat(result.exact()).isTrue();
    assertThat(result.cellsCompared()).isEqualTo(3);
    assertThat(result.lostCells()).isZero();
    assertThat(result.duplicatedCells()).isZero();
  }

  @Test
  void aContactCountedTwiceIsADuplicatedContribution() {
    List<ComparableRow> pipeline = List.of(row(CONTACTS, 13.0, 4.0, "FINAL"), REFERENCE.get(1), REFERENCE.get(2));

    IndicatorCheck.Result result = IndicatorCheck.compare("internal", REFERENCE, pipeline);

    assertThat(result.duplicatedCells()).isEqualTo(1);
    assertThat(result.lostCells()).isZero();
    assertThat(result.differences()).singleElement().satisfies(d -> assertThat(d.key()).isEqualTo(CONTACTS));
  }

  @Test
  void aContactNeverCountedIsALostContribution() {
    List<ComparableRow> pipeline = List.of(REFERENCE.get(0), row(REACH, 2.0, 4.0, "FINAL"), REFERENCE.get(2));

    IndicatorCheck.Result result = IndicatorCheck.compare("internal", REFERENCE, pipeline);

    assertThat(result.lostCells()).isEqualTo(1);
    assertThat(result.duplicatedCells()).isZero();
  }

  @Test
  void aMissingRowIsLostAndARowTheReferenceLacksIsDuplicated() {
    String extra = "REACH_30,ulm,UPSIDES,CONTROL,MONTH,2021-03-01,2021-03-31";
    List<ComparableRow> pipeline = List.of(REFERENCE.get(0), REFERENCE.get(1), row(extra, 1.0, 1.0, "FINAL"));

    IndicatorCheck.Result result = IndicatorCheck.compare("internal", REFERENCE, pipeline);

    assertThat(result.cellsCompared()).isEqualTo(4);
    assertThat(result.lostCells()).isEqualTo(1);
    assertThat(result.duplicatedCells()).isEqualTo(1);
    assertThat(result.differences()).extracting(d -> d.key()).containsExactly(ACTIVE, extra);
  }

  @Test
  void anEmptyCountAboveOrBelowANumberHasADirection() {
    List<ComparableRow> reference = List.of(row(ACTIVE, null, null, "PROVISIONAL"), row(REACH, 2.0, 4.0, "FINAL"));
    List<ComparableRow> pipeline = List.of(row(ACTIVE, 1.0, null, "PROVISIONAL"), row(REACH, null, 4.0, "FINAL"));

    IndicatorCheck.Result result = IndicatorCheck.compare("internal", reference, pipeline);

    assertThat(result.duplicatedCells()).isEqualTo(1);
    assertThat(result.lostCells()).isEqualTo(1);
  }

  @Test
  void aStatusDifferenceAloneIsNeitherLostNorDuplicated() {
    List<ComparableRow> pipeline = List.of(REFERENCE.get(0), REFERENCE.get(1), row(ACTIVE, 4.0, null, "FINAL"));

    IndicatorCheck.Result result = IndicatorCheck.compare("internal", REFERENCE, pipeline);

    assertThat(result.exact()).isFalse();
    assertThat(result.otherCells()).isEqualTo(1);
    assertThat(result.lostCells() + result.duplicatedCells()).isZero();
  }

  @Test
  void numbersWithinTheToleranceAgree() {
    List<ComparableRow> pipeline = List.of(row(CONTACTS, 12.00001, 4.0, "FINAL"), REFERENCE.get(1), REFERENCE.get(2));

    assertThat(IndicatorCheck.compare("internal", REFERENCE, pipeline).exact()).isTrue();
  }

  @Test
  void onlyTheIndicatorsTheEngineComputesAreTakenFromTheReference() {
    LocalDate march = LocalDate.of(2021, 3, 1);
    ReferenceRow computed = new ReferenceRow("REACH_30", "ulm", "UPSIDES", "INTERVENTION", "MONTH", march,
        LocalDate.of(2021, 3, 31), 3.0, 4.0, 0.75, "FINAL", false, 0);
    ReferenceRow notComputed = new ReferenceRow("NOT_AN_ENGINE_INDICATOR", "ulm", "UPSIDES", "INTERVENTION", "MONTH", march,
        LocalDate.of(2021, 3, 31), 1.0, 1.0, 1.0, "FINAL", false, 0);

    IndicatorCheck.Result result = IndicatorCheck.compareWithReference("internal", List.of(computed, notComputed),
        List.of(ComparableRow.of(computed)));

    assertThat(result.exact()).isTrue();
    assertThat(result.cellsCompared()).isEqualTo(1);
  }
}
