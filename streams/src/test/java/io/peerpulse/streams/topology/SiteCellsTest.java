package io.peerpulse.streams.topology;

import static io.peerpulse.streams.compute.Json.dateSeen;
import static io.peerpulse.streams.compute.Json.enrolled;
import static io.peerpulse.streams.compute.Json.pause;
import static io.peerpulse.streams.compute.Json.psw;
import static io.peerpulse.streams.compute.Json.voids;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.compute.Pipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stages 4 to 7 through the whole topology: status changes without new events for a cell (the
 * deadline index), revisions, tombstones, late pauses, a member that moves site.
 */
class SiteCellsTest {

  private final Pipeline pipeline = new Pipeline();

  @AfterEach
  void close() {
    pipeline.close();
  }

  @Test
  void aHorizonAdvanceMakesACellFinalAndALateChangeAfterThatIsARevision() {
    pipeline.pipe(enrolled("ulm-e-1", "pA", "2021-02-01"), psw("ulm-c-1", "2021-02-09", "pA")).flush();
    assertThat(row("ACTIVE_ENROLMENTS", "ulm", "DAY", "2021-02-01").getStatus()).isEqualTo(IndicatorStatus.PROVISIONAL);
    IndicatorValue rolling = row("CONTACTS_PER_PERSON_MONTH", "ulm", "ROLLING_28D", "2021-01-13");
    assertThat(rolling.getNumerator()).isEqualTo(1.0);
    assertThat(rolling.getStatus()).isEqualTo(IndicatorStatus.PROVISIONAL);

    // Watermark 2021-03-20 - 35 days = 2021-02-13: periods ending by then become FINAL, nothing else changed.
    pipeline.pipe(dateSeen("ulm-s-1", "2021-03-20")).flush();
    assertThat(row("ACTIVE_ENROLMENTS", "ulm", "DAY", "2021-02-01").getStatus()).isEqualTo(IndicatorStatus.FINAL);
    assertThat(row("ACTIVE_ENROLMENTS", "*", "DAY", "2021-02-01").getStatus()).isEqualTo(IndicatorStatus.FINAL);
    assertThat(row("ACTIVE_ENROLMENTS", "ulm", "DAY", "2021-02-14").getStatus()).isEqualTo(IndicatorStatus.PROVISIONAL);
    rolling = row("CONTACTS_PER_PERSON_MONTH", "ulm", "ROLLING_28D", "2021-01-13");
    assertThat(rolling.getStatus()).isEqualTo(IndicatorStatus.FINAL);
    assertThat(rolling.getRevision()).isZero();

    pipeline.pipe(psw("ulm-c-2", "2021-02-05", "pA")).flush();
    rolling = row("CONTACTS_PER_PERSON_MONTH", "ulm", "ROLLING_28D", "2021-01-13");
    assertThat(rolling.getNumerator()).isEqualTo(2.0);
    assertThat(rolling.getRevision()).isEqualTo(1);
    assertThat(row("CONTACTS_PER_PERSON_MONTH", "*", "ROLLING_28D", "2021-01-13").getRevision()).isEqualTo(1);
    // A PROVISIONAL row that changes is not revised.
    assertThat(row("CONTACTS_PER_PERSON_MONTH", "ulm", "MONTH", "2021-02-01").getRevision()).isZero();
  }

  @Test
  void rowsOfAVoidedEnrolmentAreTombstonedAtTheSiteAndInTheTotals() {
    pipeline.pipe(enrolled("ulm-e-1", "pA", "2021-02-01"), psw("ulm-c-1", "2021-02-09", "pA")).flush();
    assertThat(pipeline.table()).isNotEmpty();

    pipeline.pipe(voids("ulm-v-1", "2021-02-10", "ulm-e-1")).flush();

    // Only the contact's workload rows stay: workload counts contacts whether enrolled or not.
    assertThat(pipeline.table()).isNotEmpty();
    assertThat(pipeline.table().keySet()).allSatisfy(key -> {
      assertThat(key.getProgramme()).isEqualTo("*");
      assertThat(key.getArm()).isEqualTo("*");
      assertThat(key.getSiteId()).isEqualTo("ulm");
      assertThat(key.getIndicator()).startsWith("PSW_");
    });
  }

  @Test
  void aLatePauseChangesPersonDaysAndItsVoidRestoresThem() {
    pipeline.pipe(enrolled("ulm-e-1", "pA", "2021-02-01"), psw("ulm-c-1", "2021-02-09", "pA"),
        dateSeen("ulm-s-1", "2021-04-30")).flush();
    assertThat(row("CONTACTS_PER_PERSON_MONTH", "ulm", "MONTH", "2021-02-01").getDenominator()).isEqualTo(28.0);
    assertThat(row("CONTACTS_PER_PERSON_MONTH", "*", "MONTH", "2021-02-01").getDenominator()).isEqualTo(28.0);

    pipeline.pipe(pause("ulm-p-1", "2021-02-20", "2021-03-05")).flush();
    assertThat(row("CONTACTS_PER_PERSON_MONTH", "ulm", "MONTH", "2021-02-01").getDenominator()).isEqualTo(19.0);
    assertThat(row("CONTACTS_PER_PERSON_MONTH", "ulm", "MONTH", "2021-03-01").getDenominator()).isEqualTo(26.0);
    assertThat(row("ACTIVE_ENROLMENTS", "ulm", "DAY", "2021-02-25")).isNull();

    pipeline.pipe(voids("ulm-v-1", "2021-04-30", "ulm-p-1")).flush();
    assertThat(row("CONTACTS_PER_PERSON_MONTH", "ulm", "MONTH", "2021-02-01").getDenominator()).isEqualTo(28.0);
    assertThat(row("ACTIVE_ENROLMENTS", "ulm", "DAY", "2021-02-25").getNumerator()).isEqualTo(1.0);
  }

  @Test
  void aMemberThatMovesSiteIsRetractedWhereItCountedBefore() {
    pipeline.pipe(enrolled("ulm-e-1", "pA", "2021-02-01"), dateSeen("ulm-s-1", "2021-02-10")).flush();
    assertThat(row("ACTIVE_ENROLMENTS", "ulm", "DAY", "2021-02-05").getNumerator()).isEqualTo(1.0);

    // Two ENROLLED of one person on one date: the later arrival stands, here recorded by hamburg.
    String atHamburg = enrolled("ham-e-1", "pA", "2021-02-01").replace("\"site_id\":\"ulm\"", "\"site_id\":\"hamburg\"");
    String hamburgSeen = dateSeen("ham-s-1", "2021-02-10").replace("\"site_id\":\"ulm\"", "\"site_id\":\"hamburg\"");
    pipeline.pipe(atHamburg, hamburgSeen).flush();

    assertThat(row("ACTIVE_ENROLMENTS", "ulm", "DAY", "2021-02-05")).isNull();
    assertThat(row("ACTIVE_ENROLMENTS", "hamburg", "DAY", "2021-02-05").getNumerator()).isEqualTo(1.0);
    assertThat(row("ACTIVE_ENROLMENTS", "*", "DAY", "2021-02-05").getNumerator()).isEqualTo(1.0);
  }

  private IndicatorValue row(String indicator, String site, String periodType, String start) {
    return pipeline.value(indicator, site, periodType, start).orElse(null);
  }
}
