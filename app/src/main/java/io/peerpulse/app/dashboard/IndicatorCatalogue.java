package io.peerpulse.app.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.PeriodType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the dashboard says about each indicator: a title, the unit of its value, its section and
 * whether it has {@code *} total rows, as {@code GET /dashboard/catalogue.json}. The ids, families,
 * scales and period types come from {@link Indicator}, so a new indicator appears on the page
 * (under its id) without touching the script; titles follow docs/indicator-catalogue.md.
 */
final class IndicatorCatalogue {

  private record Text(String title, String unit, String section) {}

  private static final String ENGAGEMENT = "Engagement";
  private static final String OUTCOMES = "Transitions and outcomes";
  private static final String WORKLOAD = "Workload (per site, all programmes)";
  private static final String FIDELITY = "Programme fidelity";

  private static final Map<Indicator, Text> TEXTS = new EnumMap<>(Map.ofEntries(
      Map.entry(Indicator.ACTIVE_ENROLMENTS, new Text("Active enrolments", "enrolments", ENGAGEMENT)),
      Map.entry(Indicator.REACH_30, new Text("Reached within 30 days (≥ 1 PSW contact)", "%", ENGAGEMENT)),
      Map.entry(Indicator.MIN_DOSE_3, new Text("Minimum dose reached (≥ 3 PSW contacts)", "%", ENGAGEMENT)),
      Map.entry(Indicator.DAYS_TO_FIRST_CONTACT, new Text("Days to first PSW contact (median)", "days", ENGAGEMENT)),
      Map.entry(Indicator.CONTACTS_PER_PERSON_MONTH, new Text("PSW contacts per person-month", "per person-month", ENGAGEMENT)),
      Map.entry(Indicator.DISENGAGED_60, new Text("Disengaged (no PSW contact in 60 days)", "%", ENGAGEMENT)),
      Map.entry(Indicator.FOLLOW_UP_7, new Text("Follow-up within 7 days of discharge", "%", OUTCOMES)),
      Map.entry(Indicator.FOLLOW_UP_30, new Text("Follow-up within 30 days of discharge", "%", OUTCOMES)),
      Map.entry(Indicator.READMISSION_30, new Text("Readmission within 30 days", "%", OUTCOMES)),
      Map.entry(Indicator.RELAPSE_RATE, new Text("Relapse episodes", "per 100 person-months", OUTCOMES)),
      Map.entry(Indicator.BED_DAYS, new Text("Psychiatric bed days", "per person-month", OUTCOMES)),
      Map.entry(Indicator.INVOLUNTARY_ADMISSIONS, new Text("Involuntary admissions", "per 100 person-months", OUTCOMES)),
      Map.entry(Indicator.PSW_CASELOAD, new Text("PSW caseload", "persons per PSW FTE", WORKLOAD)),
      Map.entry(Indicator.PSW_DIRECT_HOURS, new Text("PSW direct hours", "hours per PSW FTE-week", WORKLOAD)),
      Map.entry(Indicator.PSW_OVER_THRESHOLD, new Text("PSWs over the weekly hours threshold", "%", WORKLOAD)),
      Map.entry(Indicator.MHW_CONTACTS_PER_FTE, new Text("MHW contacts per FTE-week", "per MHW FTE-week", WORKLOAD)),
      Map.entry(Indicator.HOME_VISIT_PSW_SHARE, new Text("Home visits made by PSWs", "%", WORKLOAD)),
      Map.entry(Indicator.PHASE1_CONTACT_RATE, new Text("Contacts in phase 1 (months 1–3)", "per person-month", FIDELITY)),
      Map.entry(Indicator.PHASE2_CONTACT_RATE, new Text("Contacts in phase 2 (months 4–6)", "per person-month", FIDELITY)),
      Map.entry(Indicator.PHASE3_CONTACT_RATE, new Text("Contacts in phase 3 (months 7–9)", "per person-month", FIDELITY)),
      Map.entry(Indicator.CRISIS_SAME_DAY, new Text("Crisis met the same or next day", "%", FIDELITY)),
      Map.entry(Indicator.PSW_SUPERVISED_14D, new Text("PSWs supervised in the last 14 days", "%", WORKLOAD))));

  private IndicatorCatalogue() {}

  /**
   * {@code {"indicators":[{"id","title","unit","section","scale","perSite","totals","periodTypes":[...]}],
   * "periodTypes":[...]}} in {@link Indicator} order (the order of spec/indicators.md).
   */
  static String json() {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("indicators");
      for (Indicator indicator : Indicator.values()) {
        Text text = TEXTS.getOrDefault(indicator, new Text(indicator.name(), "", "Other"));
        json.writeStartObject();
        json.writeStringField("id", indicator.name());
        json.writeStringField("title", text.title());
        json.writeStringField("unit", text.unit());
        json.writeStringField("section", text.section());
        json.writeStringField("scale", indicator.scale().name());
        // Workload rows carry programme = arm = "*": the page fetches them apart and shows them per site.
        json.writeBooleanField("perSite", indicator.family() == Indicator.Family.WORKLOAD);
        json.writeBooleanField("totals", indicator.hasTotals());
        json.writeArrayFieldStart("periodTypes");
        for (PeriodType type : PeriodType.values()) {
          if (indicator.periodTypes().contains(type)) {
            json.writeString(type.name());
          }
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("periodTypes");
      for (PeriodType type : PeriodType.values()) {
        json.writeString(type.name());
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
