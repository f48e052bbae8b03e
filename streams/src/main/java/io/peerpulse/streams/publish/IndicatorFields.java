package io.peerpulse.streams.publish;

import io.peerpulse.streams.cells.Indicator.Scale;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What publication does with each field of an indicator (spec/indicators.md, "Precise rules /
 * Suppression"): integer counts of persons, enrolments, discharges, contact-persons, episodes and
 * admissions are suppressed and rounded; person-days and bed days are not.
 *
 * <table>
 *   <caption>Fields per indicator (P = person count: suppressed 1–7 and rounded; M = measure: published
 *   exact; — = absent)</caption>
 *   <tr><th>indicator</th><th>numerator</th><th>denominator</th><th>published value</th></tr>
 *   <tr><td>ACTIVE_ENROLMENTS</td><td>P enrolments</td><td>—</td><td>the published numerator</td></tr>
 *   <tr><td>REACH_30, MIN_DOSE_3, DISENGAGED_60</td><td>P enrolments</td><td>P enrolments</td>
 *       <td>% of the rounded counts</td></tr>
 *   <tr><td>DAYS_TO_FIRST_CONTACT</td><td>P enrolments with a contact</td><td>—</td>
 *       <td>the exact median, null when the numerator is suppressed</td></tr>
 *   <tr><td>CONTACTS_PER_PERSON_MONTH</td><td>P contact-persons</td><td>M person-days</td>
 *       <td>rounded numerator per person-month</td></tr>
 *   <tr><td>FOLLOW_UP_7, FOLLOW_UP_30, READMISSION_30</td><td>P discharges</td><td>P discharges</td>
 *       <td>% of the rounded counts</td></tr>
 *   <tr><td>RELAPSE_RATE</td><td>P episodes</td><td>M person-days</td><td>per 100 person-months</td></tr>
 *   <tr><td>BED_DAYS</td><td>M bed days</td><td>M person-days</td><td>exact, per person-month</td></tr>
 *   <tr><td>INVOLUNTARY_ADMISSIONS</td><td>P admissions</td><td>M person-days</td><td>per 100 person-months</td></tr>
 *   <tr><td>PHASE1/2/3_CONTACT_RATE</td><td>P contact-persons (group once per person)</td>
 *       <td>M person-days</td><td>per person-month</td></tr>
 *   <tr><td>CRISIS_SAME_DAY</td><td>P episodes</td><td>P episodes</td><td>%</td></tr>
 *   <tr><td>PSW_CASELOAD, PSW_DIRECT_HOURS, PSW_OVER_THRESHOLD, MHW_CONTACTS_PER_FTE,
 *       HOME_VISIT_PSW_SHARE, PSW_SUPERVISED_14D</td><td colspan="2">workload rows (per site,
 *       programme = arm = "*"): not rounded; the whole row is nulled when fewer than
 *       {@code suppression.min.workers} distinct workers contributed</td><td>exact or null</td></tr>
 * </table>
 *
 * <p>PSW_SUPERVISED_14D counts workers, not persons, and is per site: it follows the workload rule.
 * An indicator missing from this table is published fully nulled ({@link Kind#UNKNOWN}): a new indicator
 * must be classified here before any of its numbers leave the restricted topic.
 *
 * @param indicator the indicator id
 * @param numerator what the numerator counts
 * @param denominator what the denominator counts
 * @param scale how a person-level value follows from numerator and denominator; null for workload
 *     and unknown rows, whose values are never recomputed
 * @param kind person-level, workload or unknown
 */
public record IndicatorFields(String indicator, Field numerator, Field denominator, Scale scale, Kind kind) {

  /** What a numerator or denominator holds. */
  public enum Field {
    /** An integer count of persons, enrolments, discharges, contact-persons, episodes or admissions. */
    PERSON_COUNT,
    /** Person-days, bed days or a workload quantity: published as computed. */
    MEASURE,
    /** The indicator has no such field (it should be null). */
    ABSENT
  }

  /** Which publication rule a row follows. */
  public enum Kind {
    /** Primary and secondary suppression, rounding. */
    PERSON_LEVEL,
    /** The minimum-workers rule, no rounding. */
    WORKLOAD,
    /** Not classified: every field nulled. */
    UNKNOWN
  }

  private static final Map<String, IndicatorFields> TABLE = build();

  /** Whether {@code field} is suppressed and rounded (a non-null value in an absent field is, too). */
  public static boolean isCount(Field field) {
    return field != Field.MEASURE;
  }

  /** The fields of {@code indicator}, {@link #UNKNOWN} when it is not in the table. */
  public static IndicatorFields of(String indicator) {
    IndicatorFields known = TABLE.get(indicator);
    return known != null ? known : unknown(indicator);
  }

  /** Every classified indicator by id, sorted. */
  public static Map<String, IndicatorFields> known() {
    return TABLE;
  }

  private static Map<String, IndicatorFields> build() {
    Map<String, IndicatorFields> table = new TreeMap<>();
    person(table, "ACTIVE_ENROLMENTS", Field.PERSON_COUNT, Field.ABSENT, Scale.COUNT);
    person(table, "REACH_30", Field.PERSON_COUNT, Field.PERSON_COUNT, Scale.PERCENT);
    person(table, "MIN_DOSE_3", Field.PERSON_COUNT, Field.PERSON_COUNT, Scale.PERCENT);
    person(table, "DAYS_TO_FIRST_CONTACT", Field.PERSON_COUNT, Field.ABSENT, Scale.MEDIAN);
    person(table, "CONTACTS_PER_PERSON_MONTH", Field.PERSON_COUNT, Field.MEASURE, Scale.PER_PERSON_MONTH);
    person(table, "DISENGAGED_60", Field.PERSON_COUNT, Field.PERSON_COUNT, Scale.PERCENT);
    person(table, "FOLLOW_UP_7", Field.PERSON_COUNT, Field.PERSON_COUNT, Scale.PERCENT);
    person(table, "FOLLOW_UP_30", Field.PERSON_COUNT, Field.PERSON_COUNT, Scale.PERCENT);
    person(table, "READMISSION_30", Field.PERSON_COUNT, Field.PERSON_COUNT, Scale.PERCENT);
    person(table, "RELAPSE_RATE", Field.PERSON_COUNT, Field.MEASURE, Scale.PER_100_PERSON_MONTHS);
    person(table, "BED_DAYS", Field.MEASURE, Field.MEASURE, Scale.PER_PERSON_MONTH);
    person(table, "INVOLUNTARY_ADMISSIONS", Field.PERSON_COUNT, Field.MEASURE, Scale.PER_100_PERSON_MONTHS);
    person(table, "PHASE1_CONTACT_RATE", Field.PERSON_COUNT, Field.MEASURE, Scale.PER_PERSON_MONTH);
    person(table, "PHASE2_CONTACT_RATE", Field.PERSON_COUNT, Field.MEASURE, Scale.PER_PERSON_MONTH);
    person(table, "PHASE3_CONTACT_RATE", Field.PERSON_COUNT, Field.MEASURE, Scale.PER_PERSON_MONTH);
    person(table, "CRISIS_SAME_DAY", Field.PERSON_COUNT, Field.PERSON_COUNT, Scale.PERCENT);
    for (String id : new String[] {"PSW_CASELOAD", "PSW_DIRECT_HOURS", "PSW_OVER_THRESHOLD", "MHW_CONTACTS_PER_FTE",
        "HOME_VISIT_PSW_SHARE", "PSW_SUPERVISED_14D"}) {
      table.put(id, new IndicatorFields(id, Field.MEASURE, Field.MEASURE, null, Kind.WORKLOAD));
    }
    return Collections.unmodifiableMap(table);
  }

  /** An unclassified indicator: every field is treated as a count and the row is nulled. */
  public static IndicatorFields unknown(String indicator) {
    return new IndicatorFields(indicator, Field.PERSON_COUNT, Field.PERSON_COUNT, null, Kind.UNKNOWN);
  }

  /** The field that orders candidates for secondary suppression: the denominator, else the numerator. */
  public boolean ordersByDenominator() {
    return denominator != Field.ABSENT;
  }

  private static void person(Map<String, IndicatorFields> table, String id, Field numerator, Field denominator,
      Scale scale) {
    table.put(id, new IndicatorFields(id, numerator, denominator, scale, Kind.PERSON_LEVEL));
  }
}
