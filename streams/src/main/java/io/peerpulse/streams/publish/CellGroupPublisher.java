package io.peerpulse.streams.publish;

import io.peerpulse.streams.publish.IndicatorFields.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Publishes one group of exact rows: the site rows and the {@code *} row of one (indicator,
 * programme, arm, period), or one workload row. Plain Java, no Kafka types; the rules are those of
 * spec/indicators.md ("Precise rules / Suppression", "Publication and suppression"), applied only here.
 *
 * <p>Person-level rows ({@link IndicatorFields} says which fields are person counts):
 * <ol>
 *   <li><b>Primary suppression and rounding</b>, per row. A person count 1 … {@code min.count} is
 *       nulled; 0 is published as 0 (it identifies nobody: the worked example publishes
 *       {@code DISENGAGED_60} numerator 0 and {@code CONTACTS_PER_PERSON_MONTH} 0 / 42); any other
 *       count is rounded to the nearest multiple of the base, half-up. Measures (person-days, bed
 *       days) are published exact.</li>
 *   <li><b>Value</b>, recomputed from the published numbers on the indicator's scale: null when a
 *       number it needs is null; {@code ACTIVE_ENROLMENTS}' value is its published numerator;
 *       {@code DAYS_TO_FIRST_CONTACT}'s exact median is kept unless its count is suppressed. A row whose
 *       numbers publication left unchanged keeps its exact value bit for bit.</li>
 *   <li><b>Secondary suppression</b>, one pass: when the {@code *} row is published (it exists and
 *       step 1 suppressed none of its fields) and exactly one site row was suppressed in step 1, the
 *       unsuppressed site row with the smallest exact denominator (the numerator when the indicator has
 *       no denominator; ties by {@code site_id}) also has its person counts and its value nulled; its
 *       measures (person-days) stay.</li>
 * </ol>
 * Workload rows are not rounded; all their fields are nulled when fewer than {@code min.workers}
 * distinct workers contributed (a row without a worker count is nulled: publication fails closed).
 * Rows of an unclassified indicator are nulled entirely. {@code suppressed} is true exactly when a
 * field that is non-null in the exact row is null in the published one. Under
 * {@link SuppressionRule.Mode#NONE} the exact numbers are published with {@code suppressed = false}.
 *
 * <p>Cost: linear in the group's size (the sites of one programme and arm, plus the total).
 */
public final class CellGroupPublisher {

  /** The {@code site_id} of a total row. */
  public static final String TOTAL_SITE = "*";

  private static final Comparator<Candidate> SECONDARY_ORDER =
      Comparator.comparingDouble(Candidate::size).thenComparing(Candidate::siteId);

  private final SuppressionRule rule;

  public CellGroupPublisher(SuppressionRule rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  public SuppressionRule rule() {
    return rule;
  }

  /**
   * @param indicator the group's indicator id
   * @param rows every exact row of the group (site rows and the {@code *} row), distinct site ids
   * @return the published rows, in the order of {@code rows}; the same keys, never more or fewer
   */
  public List<PublishedRow> publish(String indicator, List<ExactRow> rows) {
    requireDistinctSites(indicator, rows);
    if (!rule.suppresses()) {
      return rows.stream()
          .map(r -> new PublishedRow(r.siteId(), r.numerator(), r.denominator(), r.value(), false))
          .toList();
    }
    IndicatorFields fields = IndicatorFields.of(indicator);
    return switch (fields.kind()) {
      case UNKNOWN -> rows.stream().map(r -> published(r, null, null, null)).toList();
      case WORKLOAD -> rows.stream().map(this::workload).toList();
      case PERSON_LEVEL -> personLevel(fields, rows);
    };
  }

  private PublishedRow workload(ExactRow row) {
    return rule.tooFewWorkers(row.workers())
        ? published(row, null, null, null)
        : published(row, row.numerator(), row.denominator(), row.value());
  }

  private List<PublishedRow> personLevel(IndicatorFields fields, List<ExactRow> rows) {
    List<PublishedRow> out = new ArrayList<>(rows.size());
    for (ExactRow row : rows) {
      out.add(primary(fields, row));
    }
    int secondary = secondaryIndex(fields, rows, out);
    if (secondary >= 0) {
      out.set(secondary, withoutCounts(fields, rows.get(secondary)));
    }
    return out;
  }

  private PublishedRow primary(IndicatorFields fields, ExactRow row) {
    Double numerator = publishField(fields.numerator(), row.numerator());
    Double denominator = publishField(fields.denominator(), row.denominator());
    return published(row, numerator, denominator, value(fields, row, numerator, denominator));
  }

  private Double publishField(Field field, Double exact) {
    if (exact == null || !IndicatorFields.isCount(field)) {
      return exact;
    }
    return rule.publishCount(exact);
  }

  private static Double value(IndicatorFields fields, ExactRow row, Double numerator, Double denominator) {
    if (Objects.equals(numerator, row.numerator()) && Objects.equals(denominator, row.denominator())) {
      return row.value();
    }
    return switch (fields.scale()) {
      case COUNT -> numerator;
      case MEDIAN -> numerator == null ? null : row.value();
      case PERCENT, RATIO, PER_PERSON_MONTH, PER_100_PERSON_MONTHS ->
          numerator == null || denominator == null ? null : fields.scale().value(numerator, denominator);
    };
  }

  /** The index of the row that secondary suppression hides, or -1. */
  private static int secondaryIndex(IndicatorFields fields, List<ExactRow> exact, List<PublishedRow> primary) {
    int total = -1;
    int suppressedSites = 0;
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < exact.size(); i++) {
      ExactRow row = exact.get(i);
      if (TOTAL_SITE.equals(row.siteId())) {
        total = i;
      } else if (primary.get(i).suppressed()) {
        suppressedSites++;
      } else {
        Double size = fields.ordersByDenominator() ? row.denominator() : row.numerator();
        candidates.add(new Candidate(i, row.siteId(), size == null ? 0.0 : size));
      }
    }
    if (total < 0 || primary.get(total).suppressed() || suppressedSites != 1) {
      return -1;
    }
    return candidates.stream().min(SECONDARY_ORDER).map(Candidate::index).orElse(-1);
  }

  private static PublishedRow withoutCounts(IndicatorFields fields, ExactRow row) {
    Double numerator = IndicatorFields.isCount(fields.numerator()) ? null : row.numerator();
    Double denominator = IndicatorFields.isCount(fields.denominator()) ? null : row.denominator();
    return published(row, numerator, denominator, null);
  }

  private static PublishedRow published(ExactRow exact, Double numerator, Double denominator, Double value) {
    boolean suppressed = nulled(exact.numerator(), numerator)
        || nulled(exact.denominator(), denominator)
        || nulled(exact.value(), value);
    return new PublishedRow(exact.siteId(), numerator, denominator, value, suppressed);
  }

  private static boolean nulled(Double exact, Double published) {
    return exact != null && published == null;
  }

  private static void requireDistinctSites(String indicator, List<ExactRow> rows) {
    Set<String> seen = new HashSet<>();
    for (ExactRow row : rows) {
      if (!seen.add(row.siteId())) {
        throw new IllegalArgumentException("rows of " + indicator + ": expected distinct site_id values, got \""
            + row.siteId() + "\" twice");
      }
    }
  }

  private record Candidate(int index, String siteId, double size) {}
}
