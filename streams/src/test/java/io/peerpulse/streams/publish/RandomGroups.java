package io.peerpulse.streams.publish;

import io.peerpulse.streams.cells.Indicator.Scale;
import io.peerpulse.streams.publish.IndicatorFields.Field;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random publication groups: site rows of one indicator with counts that are often small (1–7),
 * sometimes 0, sometimes large, plus their {@code *} total (the sums, as the engine pools them); and
 * single workload rows with a random worker count.
 */
final class RandomGroups {

  /** Person-level indicators of every shape: count/count, count/person-days, count only, median. */
  static final List<String> PERSON_INDICATORS = List.of("REACH_30", "FOLLOW_UP_30", "CRISIS_SAME_DAY",
      "CONTACTS_PER_PERSON_MONTH", "INVOLUNTARY_ADMISSIONS", "BED_DAYS", "ACTIVE_ENROLMENTS", "DAYS_TO_FIRST_CONTACT");
  static final List<String> WORKLOAD_INDICATORS = List.of("PSW_CASELOAD", "PSW_DIRECT_HOURS", "HOME_VISIT_PSW_SHARE");

  /** The exact rows of one group: site rows and (person-level) their {@code *} total first. */
  record Group(String indicator, List<ExactRow> rows) {}

  /** Raw random numbers of one site, shaped into a row by {@link #group}. */
  record SiteSpec(int a, int b, int personDays, int medianDays) {}

  private RandomGroups() {}

  static Arbitrary<Group> personLevel() {
    Arbitrary<Integer> count = Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.integers().between(1, 7)),
        Tuple.of(2, Arbitraries.just(0)),
        Tuple.of(3, Arbitraries.integers().between(8, 30)),
        Tuple.of(2, Arbitraries.integers().between(31, 2000)));
    Arbitrary<Integer> personDays = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0)),
        Tuple.of(4, Arbitraries.integers().between(1, 60)),
        Tuple.of(4, Arbitraries.integers().between(61, 20_000)));
    Arbitrary<SiteSpec> site = Combinators.combine(count, count, personDays, Arbitraries.integers().between(0, 90))
        .as(SiteSpec::new);
    return Arbitraries.of(PERSON_INDICATORS)
        .flatMap(indicator -> site.list().ofMinSize(1).ofMaxSize(7).map(sites -> group(indicator, sites)));
  }

  static Arbitrary<Group> workload() {
    return Combinators.combine(Arbitraries.of(WORKLOAD_INDICATORS), Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 6).injectNull(0.2))
        .as((indicator, numerator, denominator, workers) -> new Group(indicator, List.of(new ExactRow("s1",
            (double) numerator, denominator / 2.0, workloadValue(indicator, numerator, denominator / 2.0), workers))));
  }

  /** Numerator per denominator; HOME_VISIT_PSW_SHARE is a percentage. */
  private static Double workloadValue(String indicator, double numerator, double denominator) {
    if (denominator == 0) {
      return null;
    }
    return (indicator.equals("HOME_VISIT_PSW_SHARE") ? 100 : 1) * numerator / denominator;
  }

  static Group group(String indicator, List<SiteSpec> sites) {
    IndicatorFields fields = IndicatorFields.of(indicator);
    List<ExactRow> rows = new ArrayList<>();
    double numerators = 0;
    double denominators = 0;
    for (int i = 0; i < sites.size(); i++) {
      SiteSpec s = sites.get(i);
      double numerator;
      Double denominator;
      if (fields.denominator() == Field.PERSON_COUNT) {
        numerator = Math.min(s.a(), s.b());
        denominator = (double) Math.max(s.a(), s.b());
      } else if (fields.denominator() == Field.MEASURE) {
        numerator = s.a();
        denominator = (double) s.personDays();
      } else {
        numerator = s.a();
        denominator = null;
      }
      if (numerator == 0 && (denominator == null || denominator == 0)) {
        continue; // such a row does not exist
      }
      numerators += numerator;
      denominators += denominator == null ? 0 : denominator;
      Double value = fields.scale() == Scale.MEDIAN
          ? Double.valueOf(s.medianDays()) : fields.scale().value(numerator, denominator);
      rows.add(ExactRow.of("s" + (i + 1), numerator, denominator, value));
    }
    if (rows.isEmpty()) {
      return new Group(indicator, rows);
    }
    Double totalDenominator = fields.denominator() == Field.ABSENT ? null : denominators;
    Double totalValue = fields.scale() == Scale.MEDIAN
        ? Double.valueOf(30) : fields.scale().value(numerators, totalDenominator);
    rows.add(0, ExactRow.of("*", numerators, totalDenominator, totalValue));
    return new Group(indicator, rows);
  }
}
