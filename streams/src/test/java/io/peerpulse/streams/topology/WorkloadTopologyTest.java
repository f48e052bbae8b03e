package io.peerpulse.streams.topology;

import static io.peerpulse.streams.compute.Json.dateSeen;
import static io.peerpulse.streams.compute.Json.voids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.compute.Pipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The five workload indicators through the whole topology (routing, site stage, revision,
 * publication): FTE weighted by the days a status holds, inactive workers, group sessions, the
 * over-threshold line, voids, a late contact that corrects a FINAL value, worker-count suppression
 * on the published topic, and per-site rows only. 2021-03-01 is a Monday; site ulm; lateness 35.
 */
class WorkloadTopologyTest {

  private static final double EXACT = 1e-12;
  private static final String MARCH_1 = "2021-03-01";
  private static final String MARCH_8 = "2021-03-08";

  private final Pipeline pipeline = new Pipeline();

  @AfterEach
  void close() {
    pipeline.close();
  }

  @Test
  void anFteChangeMidWeekIsWeightedByTheDaysItHoldsAndArrivingLateRecomputesTheCells() {
    pipeline.pipe(status("st-1", MARCH_1, "w1", "PSW", "1.0", true), contact("c-1", "2021-03-02", "w1", "PSW",
        "IN_PERSON", 60, "pA"), dateSeen("seen-1", "2021-03-14")).flush();
    assertRow("PSW_DIRECT_HOURS", "WEEK", MARCH_1, 1.0, 1.0, 1.0);

    // From Thursday fte 0.5: 3 days at 1.0 and 4 at 0.5 make 5/7 FTE-weeks.
    pipeline.pipe(status("st-2", "2021-03-04", "w1", "PSW", "0.5", true)).flush();
    assertRow("PSW_DIRECT_HOURS", "WEEK", MARCH_1, 1.0, 5.0 / 7, 1.4);
    assertRow("PSW_DIRECT_HOURS", "WEEK", MARCH_8, 0.0, 0.5, 0.0);
    assertRow("PSW_DIRECT_HOURS", "ROLLING_28D", "2021-02-15", 1.0, 8.5 / 7, 7 / 8.5);
    assertRow("PSW_DIRECT_HOURS", "MONTH", MARCH_1, 1.0, 8.5 / 7, 7 / 8.5);
    // The caseload takes FTE on the week's last day.
    assertRow("PSW_CASELOAD", "WEEK", MARCH_1, 1.0, 0.5, 2.0);
    assertThat(internal("PSW_DIRECT_HOURS", "WEEK", MARCH_1).getWorkers()).isEqualTo(1);
  }

  @Test
  void anInactiveWorkerAddsNoFteButTheirContactsStillCount() {
    pipeline.pipe(status("st-1", MARCH_1, "w1", "PSW", "0.5", true), contact("c-1", "2021-03-02", "w1", "PSW",
        "IN_PERSON", 60, "pA"), status("st-2", MARCH_8, "w1", "PSW", "0.5", false), dateSeen("seen-1", "2021-03-14"))
        .flush();

    assertRow("PSW_DIRECT_HOURS", "WEEK", MARCH_1, 1.0, 0.5, 2.0);
    // Week of 8 March: no hours, no FTE: no row; the caseload's 28 days still hold pA, over no FTE.
    assertThat(internal("PSW_DIRECT_HOURS", "WEEK", MARCH_8)).isNull();
    assertThat(internal("PSW_OVER_THRESHOLD", "WEEK", MARCH_8)).isNull();
    IndicatorValue caseload = internal("PSW_CASELOAD", "WEEK", MARCH_8);
    assertThat(caseload.getNumerator()).isEqualTo(1.0);
    assertThat(caseload.getDenominator()).isEqualTo(0.0);
    assertThat(caseload.getValue()).isNull();
  }

  @Test
  void aGroupSessionCountsOnceForHoursAndContactsAndOncePerPersonForTheCaseload() {
    pipeline.pipe(status("st-1", MARCH_1, "w1", "PSW", "1.0", true), status("st-2", MARCH_1, "m1", "MHW", "0.5", true),
        contact("g-1", "2021-03-02", "w1", "PSW", "GROUP", 90, "pA", "pB", "pA"),
        contact("g-2", "2021-03-03", "m1", "MHW", "GROUP", 60, "pA", "pB"),
        contact("h-1", "2021-03-03", "m1", "MHW", "HOME_VISIT", 30, "pC"),
        contact("h-2", "2021-03-04", "w1", "PSW", "HOME_VISIT", 30, "pC"),
        contact("n-1", "2021-03-05", "w1", "PSW", "HOME_VISIT", 30, "pD").replace("ATTENDED", "DID_NOT_ATTEND"),
        dateSeen("seen-1", "2021-03-07")).flush();

    assertRow("PSW_DIRECT_HOURS", "WEEK", MARCH_1, 2.0, 1.0, 2.0);
    assertRow("PSW_CASELOAD", "WEEK", MARCH_1, 3.0, 1.0, 3.0);
    // Two MHW contacts (the group once) over 0.5 MHW FTE-weeks.
    assertRow("MHW_CONTACTS_PER_FTE", "WEEK", MARCH_1, 2.0, 0.5, 4.0);
    // One of the two attended home visits by a PSW; the not-attended one counts nowhere.
    assertRow("HOME_VISIT_PSW_SHARE", "MONTH", MARCH_1, 1.0, 2.0, 50.0);
    assertThat(internal("HOME_VISIT_PSW_SHARE", "MONTH", MARCH_1).getWorkers()).isEqualTo(2);
  }

  @Test
  void thresholdCrossingIsStrictAndAVoidedContactStopsCounting() {
    pipeline.pipe(status("st-1", MARCH_1, "w1", "PSW", "0.5", true), status("st-2", MARCH_1, "w2", "PSW", "1.0", true),
        contact("c-1", "2021-03-02", "w1", "PSW", "IN_PERSON", 600, "pA"), dateSeen("seen-1", "2021-03-07")).flush();
    // Exactly 20 h x 0.5 = 600 minutes is not over.
    assertRow("PSW_OVER_THRESHOLD", "WEEK", MARCH_1, 0.0, 2.0, 0.0);

    pipeline.pipe(contact("c-2", "2021-03-03", "w1", "PSW", "PHONE", 15, "pA")).flush();
    assertRow("PSW_OVER_THRESHOLD", "WEEK", MARCH_1, 1.0, 2.0, 50.0);
    assertRow("PSW_DIRECT_HOURS", "WEEK", MARCH_1, 10.25, 1.5, 10.25 / 1.5);

    pipeline.pipe(voids("v-1", "2021-03-07", "c-2")).flush();
    assertRow("PSW_OVER_THRESHOLD", "WEEK", MARCH_1, 0.0, 2.0, 0.0);
    assertRow("PSW_DIRECT_HOURS", "WEEK", MARCH_1, 10.0, 1.5, 10.0 / 1.5);

    // A voided status: w2 never had FTE, so only w1 is a member.
    pipeline.pipe(voids("v-2", "2021-03-07", "st-2")).flush();
    assertRow("PSW_OVER_THRESHOLD", "WEEK", MARCH_1, 0.0, 1.0, 0.0);
    assertRow("PSW_DIRECT_HOURS", "WEEK", MARCH_1, 10.0, 0.5, 20.0);
  }

  @Test
  void aLateContactCorrectsAFinalValueAsARevision() {
    pipeline.pipe(status("st-1", MARCH_1, "w1", "PSW", "1.0", true), contact("c-1", "2021-03-02", "w1", "PSW",
        "IN_PERSON", 60, "pA"), dateSeen("seen-1", "2021-05-31")).flush();
    IndicatorValue before = internal("PSW_DIRECT_HOURS", "WEEK", MARCH_1);
    assertThat(before.getStatus()).isEqualTo(IndicatorStatus.FINAL);
    assertThat(before.getRevision()).isZero();
    assertThat(before.getValue()).isEqualTo(1.0);

    pipeline.pipe(contact("c-late", "2021-03-03", "w1", "PSW", "IN_PERSON", 120, "pB")
        .replace("2021-03-03T20:00:00Z", "2021-06-01T08:00:00Z")).flush();
    IndicatorValue after = internal("PSW_DIRECT_HOURS", "WEEK", MARCH_1);
    assertThat(after.getStatus()).isEqualTo(IndicatorStatus.FINAL);
    assertThat(after.getValue()).isEqualTo(3.0);
    assertThat(after.getRevision()).isEqualTo(1);
    IndicatorValue caseload = internal("PSW_CASELOAD", "WEEK", MARCH_1);
    assertThat(caseload.getNumerator()).isEqualTo(2.0);
    assertThat(caseload.getRevision()).isEqualTo(1);
  }

  @Test
  void publishedRowsNeedThreeContributingWorkersAndWorkloadHasNoTotals() {
    pipeline.pipe(status("st-1", MARCH_1, "w1", "PSW", "1.0", true), status("st-2", MARCH_1, "w2", "PSW", "0.5", true),
        contact("c-1", "2021-03-02", "w1", "PSW", "IN_PERSON", 60, "pA"), dateSeen("seen-1", "2021-03-07")).flush();
    assertThat(internal("PSW_DIRECT_HOURS", "WEEK", MARCH_1).getWorkers()).isEqualTo(2);
    IndicatorValue hidden = published("PSW_DIRECT_HOURS", "WEEK", MARCH_1);
    assertThat(hidden.getSuppressed()).isTrue();
    assertThat(hidden.getNumerator()).isNull();
    assertThat(hidden.getDenominator()).isNull();
    assertThat(hidden.getValue()).isNull();

    // A 0-minute contact by a third worker (without a status) changes no number, only the worker count.
    pipeline.pipe(contact("c-2", "2021-03-03", "w3", "PSW", "PHONE", 0, "pB")).flush();
    IndicatorValue exact = internal("PSW_DIRECT_HOURS", "WEEK", MARCH_1);
    assertThat(exact.getWorkers()).isEqualTo(3);
    assertThat(exact.getRevision()).isZero();
    IndicatorValue shown = published("PSW_DIRECT_HOURS", "WEEK", MARCH_1);
    assertThat(shown.getSuppressed()).isFalse();
    assertThat(shown.getNumerator()).isEqualTo(1.0);
    assertThat(shown.getDenominator()).isEqualTo(1.5);
    assertThat(shown.getValue()).isEqualTo(exact.getValue());
    assertThat(shown.getWorkers()).as("no worker counts leave the restricted topic").isNull();

    assertThat(pipeline.table().keySet()).filteredOn(k -> k.getIndicator().startsWith("PSW_") || k.getIndicator().startsWith("MHW_")
            || k.getIndicator().startsWith("HOME_"))
        .isNotEmpty()
        .allSatisfy(k -> {
          assertThat(k.getSiteId()).isEqualTo("ulm");
          assertThat(k.getProgramme()).isEqualTo("*");
          assertThat(k.getArm()).isEqualTo("*");
        });
  }

  @Test
  void everyArrivalOrderGivesTheSameWorkloadTable() {
    List<String> history = List.of(
        status("st-1", MARCH_1, "w1", "PSW", "1.0", true),
        status("st-2", "2021-03-04", "w1", "PSW", "0.5", true),
        status("st-3", "2021-03-04", "w1", "MHW", "0.8", true), // same date: the later arrival stands
        status("st-4", "2021-03-10", "w2", "PSW", "0.2", false),
        contact("c-1", "2021-03-02", "w1", "PSW", "GROUP", 90, "pA", "pB"),
        contact("c-2", "2021-03-05", "w2", "MHW", "HOME_VISIT", 30, "pC"),
        contact("c-3", "2021-03-12", "w3", "PSW", "HOME_VISIT", 45, "pA"),
        voids("v-1", "2021-03-13", "c-3"),
        contact("c-1", "2021-03-02", "w1", "PSW", "GROUP", 90, "pA", "pB"), // an identical re-send
        dateSeen("seen-1", "2021-03-20"));
    Map<String, String> inOrder = workloadTable(history);
    assertThat(inOrder).containsKey("PSW_DIRECT_HOURS|WEEK|2021-03-01");
    // st-3 stands on 03-04 (w1 is an MHW from then): 3/7 PSW FTE-weeks.
    assertThat(inOrder.get("PSW_DIRECT_HOURS|WEEK|2021-03-01")).isEqualTo(1.5 + "/" + 3.0 / 7 + " PROVISIONAL");

    for (long seed = 1; seed <= 3; seed++) {
      List<String> shuffled = new ArrayList<>(history);
      Collections.shuffle(shuffled, new Random(seed));
      // Same-date statuses are broken by arrival order, so keep st-2 before st-3.
      if (shuffled.indexOf(history.get(1)) > shuffled.indexOf(history.get(2))) {
        Collections.swap(shuffled, shuffled.indexOf(history.get(1)), shuffled.indexOf(history.get(2)));
      }
      assertThat(workloadTable(shuffled)).as("shuffled with seed %d", seed).isEqualTo(inOrder);
    }
  }

  private static Map<String, String> workloadTable(List<String> lines) {
    try (Pipeline run = new Pipeline()) {
      lines.forEach(run::pipe);
      run.flush();
      assertThat(run.deadLetters()).isEmpty();
      Map<String, String> table = new TreeMap<>();
      for (Map.Entry<IndicatorKey, IndicatorValue> e : run.table().entrySet()) {
        IndicatorKey k = e.getKey();
        if (k.getProgramme().equals("*") && k.getArm().equals("*")) {
          IndicatorValue v = e.getValue();
          table.put(String.join("|", k.getIndicator(), k.getPeriodType(), k.getPeriodStart().toString()),
              v.getNumerator() + "/" + v.getDenominator() + " " + v.getStatus());
        }
      }
      return table;
    }
  }

  private void assertRow(String indicator, String periodType, String start, double numerator, double denominator,
      double value) {
    IndicatorValue row = internal(indicator, periodType, start);
    assertThat(row).as("%s %s %s", indicator, periodType, start).isNotNull();
    assertThat(row.getNumerator()).as("%s numerator", indicator).isCloseTo(numerator, within(EXACT));
    assertThat(row.getDenominator()).as("%s denominator", indicator).isCloseTo(denominator, within(EXACT));
    assertThat(row.getValue()).as("%s value", indicator).isCloseTo(value, within(EXACT));
  }

  private IndicatorValue internal(String indicator, String periodType, String start) {
    return pipeline.value(indicator, "ulm", periodType, start).orElse(null);
  }

  private IndicatorValue published(String indicator, String periodType, String start) {
    return pipeline.publishedTable().entrySet().stream()
        .filter(e -> e.getKey().getIndicator().equals(indicator) && e.getKey().getSiteId().equals("ulm")
            && e.getKey().getPeriodType().equals(periodType) && e.getKey().getPeriodStart().toString().equals(start))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static String status(String id, String date, String worker, String role, String fte, boolean active) {
    return envelope(id, "WORKER_STATUS", date) + ",\"worker_id\":\"" + worker + "\",\"worker_role\":\"" + role
        + "\",\"fte\":" + fte + ",\"active\":" + active + "}";
  }

  private static String contact(String id, String date, String worker, String role, String mode, int minutes,
      String... persons) {
    return envelope(id, "CONTACT", date) + ",\"person_ids\":[\"" + String.join("\",\"", persons) + "\"],\"worker_id\":\""
        + worker + "\",\"worker_role\":\"" + role + "\",\"mode\":\"" + mode + "\",\"duration_minutes\":" + minutes
        + ",\"outcome\":\"ATTENDED\"}";
  }

  private static String envelope(String id, String type, String date) {
    return "{\"event_id\":\"" + id + "\",\"type\":\"" + type + "\",\"site_id\":\"ulm\",\"occurred_at\":\"" + date
        + "\",\"recorded_at\":\"" + date + "T20:00:00Z\"";
  }
}
