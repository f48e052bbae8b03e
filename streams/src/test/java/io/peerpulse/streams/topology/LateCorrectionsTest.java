package io.peerpulse.streams.topology;

import static io.peerpulse.streams.compute.Json.dateSeen;
import static io.peerpulse.streams.compute.Json.enrolled;
import static io.peerpulse.streams.compute.Json.voids;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.LateCorrection;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.compute.Pipeline;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code peerpulse.late-corrections.v1}: one record per change to a FINAL value, with old and new
 * values, the event that caused it and how late it was. Lateness 0, so a day is FINAL as soon as
 * the site's horizon reaches it.
 */
class LateCorrectionsTest {

  private static final String DAY = "2021-02-05";
  /** Enrolled on 3 February, recorded on 25 February: 22 days late. */
  private static final String LATE_ENROLMENT =
      enrolled("ulm-e-2", "pB", "2021-02-03").replace("2021-02-03T20:00:00Z", "2021-02-25T08:00:00Z");

  private final Pipeline pipeline = new Pipeline(new EngineConfig(0, 3, 20.0, 1));

  @AfterEach
  void close() {
    pipeline.close();
  }

  @Test
  void aLateEventThatChangesAFinalValueIsWrittenWithItsCauseAndLateness() {
    pipeline.pipe(enrolled("ulm-e-1", "pA", "2021-02-01"), dateSeen("ulm-d-1", "2021-02-10")).flush();
    pipeline.pipe(dateSeen("ulm-d-2", "2021-02-20")).flush();
    assertThat(pipeline.value("ACTIVE_ENROLMENTS", "ulm", "DAY", DAY))
        .hasValueSatisfying(v -> assertThat(v.getNumerator()).isEqualTo(1.0));
    assertThat(pipeline.lateCorrections()).as("FINAL rows that did not change").isEmpty();

    pipeline.pipe(LATE_ENROLMENT).flush();

    LateCorrection site = only(corrections("ulm"));
    assertThat(site.getOldNumerator()).isEqualTo(1.0);
    assertThat(site.getNewNumerator()).isEqualTo(2.0);
    assertThat(site.getRevision()).isEqualTo(1);
    assertThat(site.getCauseEventId()).isEqualTo("ulm-e-2");
    assertThat(site.getCauseEventDate()).isEqualTo(LocalDate.parse("2021-02-03"));
    assertThat(site.getCauseRecordedAt()).isEqualTo(Instant.parse("2021-02-25T08:00:00Z"));
    assertThat(site.getDaysLate()).isEqualTo(22);
    assertThat(site.getFinalSince()).isEqualTo(LocalDate.parse("2021-02-10"));
    assertThat(site.getDaysAfterFinal()).isEqualTo(10);
    assertThat(pipeline.value("ACTIVE_ENROLMENTS", "ulm", "DAY", DAY))
        .hasValueSatisfying(v -> assertThat(v.getRevision()).isEqualTo(1));

    LateCorrection total = only(corrections("*"));
    assertThat(total.getOldNumerator()).isEqualTo(1.0);
    assertThat(total.getNewNumerator()).isEqualTo(2.0);
    assertThat(total.getCauseEventId()).as("the * row names the event that moved its site row").isEqualTo("ulm-e-2");
  }

  @Test
  void aVoidOfACountedEventIsNamedAsTheCauseOfItsRetraction() {
    pipeline.pipe(enrolled("ulm-e-1", "pA", "2021-02-01"), enrolled("ulm-e-2", "pB", "2021-02-03"),
        dateSeen("ulm-d-1", "2021-02-10")).flush();

    pipeline.pipe(voids("ulm-v-1", "2021-02-11", "ulm-e-2")).flush();

    LateCorrection site = only(corrections("ulm"));
    assertThat(site.getOldNumerator()).isEqualTo(2.0);
    assertThat(site.getNewNumerator()).isEqualTo(1.0);
    assertThat(site.getCauseEventId()).isEqualTo("ulm-v-1");
    assertThat(site.getDaysLate()).isZero();
  }

  @Test
  void provisionalChangesAreNoLateCorrectionsButChangesToFinalDaysAre() {
    // Horizon 4 February: the days up to it are FINAL, the week of 1 February is not.
    pipeline.pipe(enrolled("ulm-e-1", "pA", "2021-02-01"), dateSeen("ulm-d-1", "2021-02-04")).flush();
    pipeline.pipe(enrolled("ulm-e-2", "pB", "2021-02-03"), dateSeen("ulm-d-2", "2021-02-10")).flush();

    assertThat(pipeline.value("ACTIVE_ENROLMENTS", "ulm", "WEEK", "2021-02-01"))
        .hasValueSatisfying(v -> assertThat(v.getRevision()).isZero());
    assertThat(corrections("ulm", "WEEK", "2021-02-01")).isEmpty();
    assertThat(corrections("ulm", "DAY", "2021-02-03")).singleElement()
        .satisfies(c -> assertThat(c.getFinalSince()).isEqualTo(LocalDate.parse("2021-02-04")));
    assertThat(corrections("ulm", "DAY", "2021-02-05")).as("a day after the first horizon was never FINAL before").isEmpty();
  }

  /** The corrections of the ACTIVE_ENROLMENTS DAY row of {@value #DAY} at {@code site}. */
  private List<LateCorrection> corrections(String site) {
    return corrections(site, "DAY", DAY);
  }

  private List<LateCorrection> corrections(String site, String periodType, String start) {
    return pipeline.lateCorrections().stream()
        .filter(entry -> isRow(entry.key, site, periodType, start))
        .map(entry -> entry.value)
        .toList();
  }

  private static boolean isRow(IndicatorKey key, String site, String periodType, String start) {
    return key.getIndicator().equals("ACTIVE_ENROLMENTS") && key.getSiteId().equals(site)
        && key.getPeriodType().equals(periodType) && key.getPeriodStart().equals(LocalDate.parse(start));
  }

  private static LateCorrection only(List<LateCorrection> corrections) {
    assertThat(corrections).hasSize(1);
    return corrections.get(0);
  }
}
