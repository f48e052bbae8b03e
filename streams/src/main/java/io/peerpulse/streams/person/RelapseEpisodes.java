package io.peerpulse.streams.person;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Relapse episodes (spec/indicators.md RELAPSE_RATE): a RELAPSE within 6 days after the start of
 * the person's previous counted episode joins that episode, otherwise it starts a new one. Joining
 * is measured from the episode's start, not from its latest relapse, so an episode spans at most
 * 7 days however often relapses are reported.
 */
final class RelapseEpisodes {

  static final int JOIN_DAYS = 6;

  private RelapseEpisodes() {}

  /**
   * @param relapseDates dates of the RELAPSE events inside an enrolment (only those form
   *     episodes), in date order; the person's enrolments in sequence, so episodes chain across them
   * @return episode start dates in order
   */
  static List<LocalDate> starts(List<LocalDate> relapseDates) {
    List<LocalDate> starts = new ArrayList<>();
    LocalDate current = null;
    for (LocalDate date : relapseDates) {
      if (current == null || date.isAfter(current.plusDays(JOIN_DAYS))) {
        current = date;
        starts.add(date);
      }
    }
    return starts;
  }
}
