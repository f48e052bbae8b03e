package io.peerpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.compute.Pipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Exactness under any arrival order: the same events (with a same-body duplicate, voids before and
 * after their targets, a void of a void, a late pause and a group contact) in file order, reversed
 * and shuffled give the same final table. Revision, computed_at and watermark may differ (they
 * record when a value was decided); numbers and status must not.
 */
class OutOfOrderTest {

  private static final List<String> HISTORY = List.of(
      line("ulm-enr-1", "ENROLLED", "ulm", "2021-02-01",
          "\"person_id\":\"pA\",\"programme\":\"UPSIDES\",\"arm\":\"INTERVENTION\",\"setting\":\"OUTPATIENT\""),
      psw("ulm-con-2", "ulm", "2021-02-09T14:00:00+01:00", "pA"),
      line("ulm-enr-3", "ENROLLED", "ulm", "2021-02-15",
          "\"person_id\":\"pB\",\"programme\":\"UPSIDES\",\"arm\":\"INTERVENTION\",\"setting\":\"OUTPATIENT\""),
      psw("ulm-con-4", "ulm", "2021-02-20", "pA"),
      line("ulm-con-5", "CONTACT", "ulm", "2021-02-20", "\"person_ids\":[\"pB\"],\"worker_id\":\"w12\","
          + "\"worker_role\":\"PSW\",\"mode\":\"IN_PERSON\",\"duration_minutes\":60,\"outcome\":\"DID_NOT_ATTEND\""),
      psw("ulm-con-6", "ulm", "2021-03-30", "pB"),
      psw("ulm-con-7", "ulm", "2021-04-10", "pA"),
      psw("ulm-con-8", "ulm", "2021-03-05", "pA", "pB", "pA"),
      // the same body again, recorded later by another system: counts once
      line("ulm-con-4", "CONTACT", "ulm", "2021-02-20", "\"person_ids\":[\"pA\"],\"worker_id\":\"w12\","
          + "\"worker_role\":\"PSW\",\"mode\":\"IN_PERSON\",\"duration_minutes\":60,\"outcome\":\"ATTENDED\"",
          "2021-05-01T08:00:00Z", "register-upload"),
      line("ulm-void-9", "VOID", "ulm", "2021-04-01", "\"voids_event_id\":\"ulm-con-6\""),
      line("ulm-void-10", "VOID", "ulm", "2021-04-02", "\"voids_event_id\":\"ulm-void-9\""),
      line("ulm-pause-11", "SITE_PAUSE", "ulm", "2021-03-10", "\"paused_until\":\"2021-03-20\""),
      line("ham-enr-1", "ENROLLED", "hamburg", "2021-01-10",
          "\"person_id\":\"pC\",\"programme\":\"UPSIDES\",\"arm\":\"CONTROL\",\"setting\":\"INPATIENT\""),
      line("ham-adm-2", "ADMITTED", "hamburg", "2021-03-01",
          "\"person_id\":\"pC\",\"stay_id\":\"s1\",\"ward\":\"PSYCHIATRIC\",\"involuntary\":false"),
      line("ham-dis-3", "DISCHARGED", "hamburg", "2021-03-10",
          "\"person_id\":\"pC\",\"stay_id\":\"s1\",\"discharge_type\":\"ROUTINE\""),
      line("ham-con-4", "CONTACT", "hamburg", "2021-03-14", "\"person_ids\":[\"pC\"],\"worker_id\":\"m3\","
          + "\"worker_role\":\"MHW\",\"mode\":\"HOME_VISIT\",\"duration_minutes\":30,\"outcome\":\"ATTENDED\""),
      line("ham-rel-5", "RELAPSE", "hamburg", "2021-04-02", "\"person_id\":\"pC\",\"kind\":\"CRISIS_TEAM\""),
      line("ham-adm-6", "ADMITTED", "hamburg", "2021-04-05",
          "\"person_id\":\"pC\",\"stay_id\":\"s2\",\"ward\":\"PSYCHIATRIC\",\"involuntary\":true"),
      line("ham-dis-7", "DISCHARGED", "hamburg", "2021-04-20",
          "\"person_id\":\"pC\",\"stay_id\":\"s2\",\"discharge_type\":\"AGAINST_ADVICE\""),
      line("ulm-sup-12", "SUPERVISION", "ulm", "2021-06-01",
          "\"worker_id\":\"w12\",\"mode\":\"GROUP\",\"duration_minutes\":60"));

  @Test
  void everyArrivalOrderGivesTheSameTable() {
    Map<String, String> inFileOrder = table(HISTORY);
    assertThat(inFileOrder).isNotEmpty();
    assertThat(inFileOrder.keySet()).anyMatch(k -> k.startsWith("FOLLOW_UP_7|hamburg"));
    assertThat(inFileOrder.keySet()).anyMatch(k -> k.startsWith("REACH_30|*"));

    List<String> reversed = new ArrayList<>(HISTORY);
    Collections.reverse(reversed);
    assertSameTable(table(reversed), inFileOrder, "reversed");

    for (long seed : new long[] {1, 2}) {
      List<String> shuffled = new ArrayList<>(HISTORY);
      Collections.shuffle(shuffled, new Random(seed));
      assertSameTable(table(shuffled), inFileOrder, "shuffled with seed " + seed);
    }
  }

  @Test
  void theVoidedContactAndThePauseShowInTheTable() {
    Map<String, String> table = table(HISTORY);
    // March: the group session counts once for pA (listed twice) and once for pB; pB's contact of
    // 30 March is voided (the void of that void is ignored); the 11 paused days leave 2 x 20 person-days.
    assertThat(table.get("CONTACTS_PER_PERSON_MONTH|ulm|UPSIDES|INTERVENTION|MONTH|2021-03-01"))
        .isEqualTo("2.0/40.0 FINAL");
  }

  private static void assertSameTable(Map<String, String> actual, Map<String, String> expected, String order) {
    List<String> differences = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(union(actual.keySet(), expected.keySet()))) {
      if (!java.util.Objects.equals(actual.get(key), expected.get(key))) {
        differences.add(key + ": " + actual.get(key) + " instead of " + expected.get(key));
      }
    }
    assertThat(differences).as("rows that differ when %s", order).isEmpty();
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, String> table(List<String> lines) {
    try (Pipeline pipeline = new Pipeline()) {
      lines.forEach(pipeline::pipe);
      pipeline.flush();
      Map<String, String> table = new TreeMap<>();
      for (Map.Entry<IndicatorKey, IndicatorValue> e : pipeline.table().entrySet()) {
        IndicatorKey k = e.getKey();
        IndicatorValue v = e.getValue();
        table.put(String.join("|", k.getIndicator(), k.getSiteId(), k.getProgramme(), k.getArm(), k.getPeriodType(),
                k.getPeriodStart().toString()),
            v.getNumerator() + "/" + v.getDenominator() + " " + v.getStatus());
      }
      assertThat(pipeline.deadLetters()).isEmpty();
      return table;
    }
  }

  private static String psw(String id, String site, String occurredAt, String... persons) {
    return line(id, "CONTACT", site, occurredAt, "\"person_ids\":[\"" + String.join("\",\"", persons)
        + "\"],\"worker_id\":\"w12\",\"worker_role\":\"PSW\",\"mode\":\"IN_PERSON\",\"duration_minutes\":60,"
        + "\"outcome\":\"ATTENDED\"");
  }

  private static String line(String id, String type, String site, String occurredAt, String fields) {
    return line(id, type, site, occurredAt, fields, occurredAt.substring(0, 10) + "T20:00:00Z", null);
  }

  private static String line(String id, String type, String site, String occurredAt, String fields, String recordedAt,
      String source) {
    return "{\"event_id\":\"" + id + "\",\"type\":\"" + type + "\",\"site_id\":\"" + site + "\",\"occurred_at\":\""
        + occurredAt + "\",\"recorded_at\":\"" + recordedAt + "\"" + (source == null ? "" : ",\"source\":\"" + source + "\"")
        + "," + fields + "}";
  }
}
