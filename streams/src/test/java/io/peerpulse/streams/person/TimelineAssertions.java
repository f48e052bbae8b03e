package io.peerpulse.streams.person;

import java.time.LocalDate;
import java.util.List;

/** Small helpers shared by the person-stage tests. */
final class TimelineAssertions {

  private TimelineAssertions() {}

  static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  static List<LocalDate> dates(String... isos) {
    return java.util.Arrays.stream(isos).map(LocalDate::parse).toList();
  }

  static List<EnrolmentFact> enrolments(List<MemberFact> facts) {
    return facts.stream().filter(EnrolmentFact.class::isInstance).map(EnrolmentFact.class::cast)
        .sorted(java.util.Comparator.comparing(EnrolmentFact::start)).toList();
  }

  static List<IndexDischargeFact> discharges(List<MemberFact> facts) {
    return facts.stream().filter(IndexDischargeFact.class::isInstance).map(IndexDischargeFact.class::cast)
        .sorted(java.util.Comparator.comparing(IndexDischargeFact::dischargeDate)).toList();
  }
}
