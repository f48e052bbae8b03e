package io.peerpulse.streams.person;

import io.peerpulse.event.Admitted;
import io.peerpulse.event.DischargeType;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Ward;
import io.peerpulse.streams.person.PersonEvents.Dated;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's psychiatric stays (spec/indicators.md "Stay" and "Precise rules / Stays and
 * outcomes"): ADMITTED and DISCHARGED paired by {@code site_id + stay_id}, then merged.
 */
final class PsychiatricStays {

  /** One stay before merging; {@code discharge} null when open. */
  record Stay(String stayKey, LocalDate admission, long admissionSeq, boolean involuntary, Dated<Discharged> discharge) {

    boolean open() {
      return discharge == null;
    }
  }

  /**
   * Stays merged by transfers, overlaps and open stays. {@code lastDischarge} is the discharge
   * that ends it (latest date), null when the merged stay is open.
   */
  record MergedStay(LocalDate start, Dated<Discharged> lastDischarge) {

    boolean open() {
      return lastDischarge == null;
    }

    LocalDate dischargeDate() {
      return lastDischarge == null ? null : lastDischarge.date();
    }

    DischargeType dischargeType() {
      return lastDischarge == null ? null : lastDischarge.payload().getDischargeType();
    }

    /** ROUTINE or AGAINST_ADVICE: the discharges the follow-up and readmission indicators start from. */
    boolean endsWithIndexDischarge() {
      DischargeType type = dischargeType();
      return type == DischargeType.ROUTINE || type == DischargeType.AGAINST_ADVICE;
    }
  }

  private static final Comparator<Stay> ADMISSION_ORDER =
      Comparator.comparing(Stay::admission).thenComparingLong(Stay::admissionSeq);

  /**
   * A later discharge ends a merged stay; of discharges on one date, that of the stay admitted
   * later, then of the stay whose admission arrived later.
   */
  private static final Comparator<Stay> DISCHARGE_ORDER =
      Comparator.<Stay, LocalDate>comparing(s -> s.discharge().date())
          .thenComparing(Stay::admission)
          .thenComparingLong(Stay::admissionSeq);

  private final List<Stay> stays;
  private final List<MergedStay> merged;

  private PsychiatricStays(List<Stay> stays, List<MergedStay> merged) {
    this.stays = Collections.unmodifiableList(stays);
    this.merged = Collections.unmodifiableList(merged);
  }

  static PsychiatricStays of(PersonEvents events) {
    List<Stay> stays = pairedStays(events.admitted, events.discharged);
    return new PsychiatricStays(stays, merge(stays));
  }

  /** Psychiatric stays before merging, in admission order (INVOLUNTARY_ADMISSIONS counts these). */
  List<Stay> stays() {
    return stays;
  }

  /** Merged stays in start order; they never overlap or touch. */
  List<MergedStay> merged() {
    return merged;
  }

  /**
   * Per {@code site_id + stay_id} the first ADMITTED and the first DISCHARGED to arrive stand; a
   * stay exists when its standing ADMITTED is psychiatric. A standing discharge dated before the
   * admission is ignored, leaving the stay open.
   */
  private static List<Stay> pairedStays(List<Dated<Admitted>> admitted, List<Dated<Discharged>> discharged) {
    Map<String, Dated<Admitted>> admissionByKey = firstArrivals(admitted, a -> stayKey(a.siteId(), a.payload().getStayId()));
    Map<String, Dated<Discharged>> dischargeByKey = firstArrivals(discharged, d -> stayKey(d.siteId(), d.payload().getStayId()));
    List<Stay> stays = new ArrayList<>();
    for (Map.Entry<String, Dated<Admitted>> entry : admissionByKey.entrySet()) {
      Dated<Admitted> admission = entry.getValue();
      if (admission.payload().getWard() != Ward.PSYCHIATRIC) {
        continue;
      }
      Dated<Discharged> discharge = dischargeByKey.get(entry.getKey());
      if (discharge != null && discharge.date().isBefore(admission.date())) {
        discharge = null;
      }
      stays.add(new Stay(entry.getKey(), admission.date(), admission.seq(), admission.payload().getInvoluntary(), discharge));
    }
    stays.sort(ADMISSION_ORDER);
    return stays;
  }

  private static <T> Map<String, Dated<T>> firstArrivals(List<Dated<T>> events, java.util.function.Function<Dated<T>, String> key) {
    Map<String, Dated<T>> first = new LinkedHashMap<>();
    for (Dated<T> event : events) {
      first.merge(key.apply(event), event, (a, b) -> a.seq() <= b.seq() ? a : b);
    }
    return first;
  }

  /**
   * Merges stays in admission order: the next admission joins the current merged stay when it is on
   * or before the day after the latest discharge so far, or when any stay of it is still open (an
   * open stay never ends, so everything admitted later joins it and the merged stay stays open).
   */
  private static List<MergedStay> merge(List<Stay> stays) {
    List<MergedStay> merged = new ArrayList<>();
    LocalDate start = null;
    Stay ending = null;
    boolean open = false;
    for (Stay stay : stays) {
      boolean joins = start != null && (open || !stay.admission().isAfter(ending.discharge().date().plusDays(1)));
      if (!joins) {
        if (start != null) {
          merged.add(close(start, ending, open));
        }
        start = stay.admission();
        ending = null;
        open = false;
      }
      if (stay.open()) {
        open = true;
      } else if (ending == null || DISCHARGE_ORDER.compare(stay, ending) > 0) {
        ending = stay;
      }
    }
    if (start != null) {
      merged.add(close(start, ending, open));
    }
    return merged;
  }

  private static MergedStay close(LocalDate start, Stay ending, boolean open) {
    return new MergedStay(start, open ? null : ending.discharge());
  }

  static String stayKey(String siteId, String stayId) {
    return siteId + "/" + stayId;
  }
}
