package io.peerpulse.streams.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.compute.SharedExamples;
import io.peerpulse.streams.publish.IndicatorFields.Field;
import io.peerpulse.streams.publish.IndicatorFields.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IndicatorFieldsTest {

  /** An indicator id in the first column of a table row of the spec, e.g. "| `REACH_30` |". */
  private static final Pattern ID_IN_FIRST_COLUMN = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

  @Test
  void everyIndicatorOfTheSpecIsClassified() throws IOException {
    Set<String> specIds = new TreeSet<>();
    for (String line : Files.readAllLines(SharedExamples.sharedDir().resolve("spec/indicators.md"))) {
      if (line.startsWith("| `")) {
        Matcher ids = ID_IN_FIRST_COLUMN.matcher(line.substring(0, line.indexOf('|', 1)));
        while (ids.find()) {
          specIds.add(ids.group(1));
        }
      }
    }

    assertThat(specIds).hasSize(22);
    assertThat(IndicatorFields.known().keySet()).containsExactlyInAnyOrderElementsOf(specIds);
  }

  @Test
  void scalesAgreeWithTheEngine() {
    for (Indicator indicator : Indicator.values()) {
      IndicatorFields fields = IndicatorFields.of(indicator.name());
      if (indicator.family() == Indicator.Family.WORKLOAD) {
        // Workload values are published exact or not at all: never recomputed, so no scale here.
        assertThat(fields.kind()).as(indicator.name()).isEqualTo(Kind.WORKLOAD);
        continue;
      }
      assertThat(fields.kind()).as(indicator.name()).isEqualTo(Kind.PERSON_LEVEL);
      assertThat(fields.scale()).as(indicator.name()).isEqualTo(indicator.scale());
    }
  }

  @Test
  void personDaysAndBedDaysAreNeverCounts() {
    assertThat(IndicatorFields.of("BED_DAYS").numerator()).isEqualTo(Field.MEASURE);
    for (String rate : new String[] {"CONTACTS_PER_PERSON_MONTH", "RELAPSE_RATE", "BED_DAYS", "INVOLUNTARY_ADMISSIONS",
        "PHASE1_CONTACT_RATE", "PHASE2_CONTACT_RATE", "PHASE3_CONTACT_RATE"}) {
      assertThat(IndicatorFields.of(rate).denominator()).as(rate).isEqualTo(Field.MEASURE);
    }
  }

  @Test
  void withoutADenominatorSecondarySuppressionOrdersByTheNumerator() {
    assertThat(IndicatorFields.of("ACTIVE_ENROLMENTS").ordersByDenominator()).isFalse();
    assertThat(IndicatorFields.of("DAYS_TO_FIRST_CONTACT").ordersByDenominator()).isFalse();
    assertThat(IndicatorFields.of("REACH_30").ordersByDenominator()).isTrue();
  }

  @Test
  void unknownIndicatorsAreNotPublished() {
    assertThat(IndicatorFields.of("SOMETHING_NEW").kind()).isEqualTo(Kind.UNKNOWN);
  }
}
