package io.peerpulse.app.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerpulse.app.generate.SiteProfile.Programme;
import io.peerpulse.event.Admitted;
import io.peerpulse.event.Contact;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.SitePause;
import io.peerpulse.event.WorkerStatus;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The generator's contract: determinism, valid canonical lines, order, mess as asked, realism, memory. */
class GeneratorTest {

  private static final LocalDate START = LocalDate.of(2020, 1, 1);

  private static GeneratorSettings settings(Set<Programme> programmes, int persons, int years, double late, double malformed) {
    return GeneratorSettings.of(11, START, years, SiteProfile.forProgrammes(programmes, null, 11), persons, late, malformed);
  }

  private static GeneratorSettings studies(int persons, double late, double malformed) {
    return settings(EnumSet.of(Programme.UPSIDES, Programme.CTI_TS), persons, 2, late, malformed);
  }

  private static List<GeneratedLine> generate(GeneratorSettings settings) {
    List<GeneratedLine> lines = new ArrayList<>();
    new EventGenerator(settings).lines().forEachRemaining(lines::add);
    return lines;
  }

  /** Accepted events, each event_id once (duplicates are exact copies, checked elsewhere). */
  private static List<Event> events(List<GeneratedLine> lines) {
    Set<String> seen = new HashSet<>();
    List<Event> events = new ArrayList<>();
    for (GeneratedLine line : lines) {
      if (EventJson.parse(line.json()) instanceof ParseResult.Accepted accepted && seen.add(accepted.event().getEventId())) {
        events.add(accepted.event());
      }
    }
    return events;
  }

  private static LocalDate date(Event event) {
    return LocalDate.parse(event.getOccurredAt().substring(0, 10));
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
    GeneratorSettings settings = studies(40, 0.15, 0.01);
    List<String> first = generate(settings).stream().map(GeneratedLine::json).toList();
    List<String> second = generate(settings).stream().map(GeneratedLine::json).toList();
    List<String> other = generate(settings.withSeed(12)).stream().map(GeneratedLine::json).toList();
    assertThat(first).hasSizeGreaterThan(3_000).isEqualTo(second);
    assertThat(other).isNotEqualTo(first);
    assertThat(new HashSet<>(other)).doesNotContainAnyElementsOf(first.subList(100, 200).stream()
        .filter(json -> !json.contains("WORKER_STATUS")).toList());
  }

  @Test
  void everyLineNotMalformedIsAcceptedInCanonicalFormWithUniqueIdsAndPseudonyms() {
    List<GeneratedLine> lines = generate(studies(40, 0.2, 0));
    Map<String, String> bodies = new HashMap<>();
    for (GeneratedLine line : lines) {
      ParseResult result = EventJson.parse(line.json());
      assertThat(result).as(line.json()).isInstanceOf(ParseResult.Accepted.class);
      Event event = ((ParseResult.Accepted) result).event();
      assertThat(EventJson.toJson(event)).isEqualTo(line.json());
      assertThat(event.getRecordedAt()).isEqualTo(line.recordedAt());
      assertThat(event.getSiteId()).isEqualTo(line.siteId());
      String earlier = bodies.putIfAbsent(event.getEventId(), line.json());
      assertThat(earlier).as("a repeated event_id is an exact duplicate").isIn(null, line.json());
    }
    assertThat(bodies.size()).isLessThan(lines.size()); // some duplicates were sent
    assertThat(lines).allSatisfy(line -> assertThat(line.json()).doesNotContainPattern("\"person_id\":\"[^\"]*[^A-Za-z0-9_\"-]"));
  }

  @Test
  void linesAscendByRecordedAt() {
    List<GeneratedLine> lines = generate(studies(40, 0.3, 0.01));
    for (int i = 1; i < lines.size(); i++) {
      assertThat(lines.get(i).recordedAt()).as("line %d", i).isAfterOrEqualTo(lines.get(i - 1).recordedAt());
    }
  }

  @Test
  void malformedLinesComeAtTheAskedFractionAndAreAllRejected() {
    EventGenerator generator = new EventGenerator(studies(60, 0.1, 0.05));
    List<GeneratedLine> lines = new ArrayList<>();
    generator.lines().forEachRemaining(lines::add);
    long rejected = lines.stream().filter(line -> !EventJson.parse(line.json()).isAccepted()).count();
    assertThat(rejected).isEqualTo(generator.malformedLines());
    assertThat((double) rejected / lines.size()).isCloseTo(0.05, within(0.008));
    Set<String> reasons = new HashSet<>();
    lines.stream().map(line -> EventJson.parse(line.json())).filter(r -> !r.isAccepted())
        .forEach(r -> reasons.add(((io.peerpulse.mapping.Rejection) r).reason().name()));
    assertThat(reasons).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void lateFractionIsAsAskedAndLateEventsComeInTheNextMonthsFirstWeek() {
    List<Event> events = events(generate(studies(60, 0.3, 0)));
    List<Event> subject = events.stream().filter(e -> !e.getEventId().contains("-v-") && !e.getEventId().contains("-p-")).toList();
    List<Event> late = subject.stream().filter(e -> "register-upload".equals(e.getSource())).toList();
    assertThat((double) late.size() / subject.size()).isCloseTo(0.3, within(0.02));
    for (Event event : late) {
      LocalDate occurred = date(event);
      LocalDate recorded = LocalDate.ofInstant(event.getRecordedAt(), java.time.ZoneOffset.UTC);
      assertThat(recorded.withDayOfMonth(1)).isEqualTo(occurred.withDayOfMonth(1).plusMonths(1));
      assertThat(recorded.getDayOfMonth()).isBetween(1, 7);
    }
    List<Event> prompt = subject.stream().filter(e -> !"register-upload".equals(e.getSource())).toList();
    assertThat(prompt).allSatisfy(e -> assertThat(e.getRecordedAt())
        .isBefore(date(e).plusDays(5).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
  }

  @Test
  void everyUpsidesSitePausesIn2020Or2021AndContactMovesToThePhone() {
    List<Event> events = events(generate(studies(60, 0, 0)));
    Map<String, List<SitePause>> pauses = new TreeMap<>();
    Map<String, LocalDate> pauseStart = new HashMap<>();
    for (Event event : events) {
      if (event.getPayload() instanceof SitePause pause) {
        pauses.computeIfAbsent(event.getSiteId(), site -> new ArrayList<>()).add(pause);
        assertThat(date(event).getYear()).isBetween(2020, 2021);
        pauseStart.putIfAbsent(event.getSiteId(), date(event));
      }
    }
    assertThat(pauses.keySet()).containsAll(List.of("ulm", "hamburg", "butabika", "dar-es-salaam", "beer-sheva", "pune"));
    Set<Long> lengths = new HashSet<>();
    SiteProfile.upsides().forEach(site -> lengths.add(
        site.pauses().get(0).until().toEpochDay() - site.pauses().get(0).from().toEpochDay()));
    assertThat(lengths).hasSizeGreaterThan(3);
    // Phone share of one-to-one PSW contacts: before COVID-19 versus inside the pauses.
    long[] before = new long[2];
    long[] inside = new long[2];
    Map<String, SiteProfile> profiles = new HashMap<>();
    SiteProfile.upsides().forEach(site -> profiles.put(site.siteId(), site));
    for (Event event : events) {
      if (event.getPayload() instanceof Contact contact && profiles.containsKey(event.getSiteId())
          && contact.getWorkerRole().name().equals("PSW") && contact.getPersonIds().size() == 1) {
        LocalDate day = date(event);
        long[] bucket = day.isBefore(LocalDate.of(2020, 3, 1)) ? before : profiles.get(event.getSiteId()).isPaused(day) ? inside : null;
        if (bucket != null) {
          bucket[0]++;
          bucket[1] += contact.getMode().name().equals("PHONE") ? 1 : 0;
        }
      }
    }
    assertThat(before[0]).isGreaterThan(40);
    assertThat(inside[0]).isGreaterThan(30);
    assertThat((double) inside[1] / inside[0]).isGreaterThan(0.6);
    assertThat((double) before[1] / before[0]).isLessThan(0.2);
  }

  @Test
  void armsAreBalancedAtEverySiteAndBeerShevaWorksInGroupsAndPoorerSitesVisitHomes() {
    List<Event> events = events(generate(studies(100, 0.1, 0)));
    Map<String, int[]> arms = new TreeMap<>();
    Map<String, long[]> groups = new TreeMap<>();
    Map<String, long[]> homeVisits = new TreeMap<>();
    for (Event event : events) {
      if (event.getPayload() instanceof Enrolled enrolled) {
        int[] count = arms.computeIfAbsent(event.getSiteId(), site -> new int[2]);
        count[enrolled.getArm().name().equals("INTERVENTION") ? 0 : 1]++;
        assertThat(enrolled.getArm().name()).isIn("INTERVENTION", "CONTROL");
      }
      if (event.getPayload() instanceof Contact contact && contact.getWorkerRole().name().equals("PSW")
          && contact.getOutcome().name().equals("ATTENDED")) {
        long[] group = groups.computeIfAbsent(event.getSiteId(), site -> new long[2]);
        group[0]++;
        group[1] += contact.getPersonIds().size() > 1 ? 1 : 0;
        long[] home = homeVisits.computeIfAbsent(event.getSiteId(), site -> new long[2]);
        home[0]++;
        home[1] += contact.getMode().name().equals("HOME_VISIT") ? 1 : 0;
      }
    }
    assertThat(arms).hasSize(7);
    arms.forEach((site, count) -> assertThat(Math.abs(count[0] - count[1])).as(site).isLessThanOrEqualTo(2));
    assertThat(arms.get("ulm")[0]).isGreaterThan(30);
    assertThat(share(groups.get("beer-sheva"))).isGreaterThan(0.5);
    for (String site : List.of("ulm", "hamburg", "butabika", "dar-es-salaam", "pune", "santiago")) {
      assertThat(share(groups.get(site))).as(site).isLessThan(0.3);
    }
    for (String poorer : List.of("butabika", "dar-es-salaam", "pune")) {
      for (String richer : List.of("ulm", "hamburg", "beer-sheva")) {
        assertThat(share(homeVisits.get(poorer))).as(poorer + " vs " + richer).isGreaterThan(2 * share(homeVisits.get(richer)));
      }
    }
  }

  private static double share(long[] counts) {
    return (double) counts[1] / counts[0];
  }

  @Test
  void ctiEnrolmentsFollowADischargeAndCrisesBringSameDayVisits() {
    List<Event> events = events(generate(settings(EnumSet.of(Programme.CTI_TS), 150, 2, 0.1, 0)));
    Map<String, LocalDate> discharged = new HashMap<>();
    Map<String, LocalDate> admitted = new HashMap<>();
    List<Event> enrolments = new ArrayList<>();
    Set<String> crisisDays = new HashSet<>();
    List<Event> relapses = new ArrayList<>();
    for (Event event : events) {
      Object payload = event.getPayload();
      if (payload instanceof Discharged d) {
        discharged.putIfAbsent(d.getPersonId(), date(event));
      } else if (payload instanceof Admitted a) {
        admitted.putIfAbsent(a.getPersonId(), date(event));
      } else if (payload instanceof Enrolled) {
        enrolments.add(event);
      } else if (payload instanceof Relapse) {
        relapses.add(event);
      } else if (payload instanceof Contact c && c.getCrisis()) {
        crisisDays.add(c.getPersonIds().get(0) + date(event));
      }
    }
    assertThat(enrolments).hasSizeGreaterThan(50);
    for (Event event : enrolments) {
      String person = ((Enrolled) event.getPayload()).getPersonId();
      LocalDate d0 = date(event);
      assertThat(discharged.get(person)).as(person).isNotNull().isBetween(d0.minusDays(7), d0);
      assertThat(admitted.get(person)).as(person).isNotNull().isBefore(discharged.get(person));
      assertThat(((Enrolled) event.getPayload()).getPlannedDays()).isEqualTo(273);
    }
    long withCrisisVisit = relapses.stream()
        .filter(r -> crisisDays.contains(((Relapse) r.getPayload()).getPersonId() + date(r))).count();
    assertThat(withCrisisVisit).isGreaterThan(relapses.size() / 4);
  }

  @Test
  void relapsesAndAdmissionsAreLowerInTheInterventionArm() {
    List<Event> events = events(generate(settings(EnumSet.of(Programme.UPSIDES), 400, 2, 0, 0)));
    Map<String, String> arm = new HashMap<>();
    Map<String, long[]> counts = new HashMap<>(); // persons, relapses, psychiatric admissions
    for (Event event : events) {
      if (event.getPayload() instanceof Enrolled enrolled) {
        arm.put(enrolled.getPersonId(), enrolled.getArm().name());
        counts.computeIfAbsent(enrolled.getArm().name(), a -> new long[3])[0]++;
      }
    }
    for (Event event : events) {
      if (event.getPayload() instanceof Relapse relapse) {
        counts.get(arm.get(relapse.getPersonId()))[1]++;
      } else if (event.getPayload() instanceof Admitted admitted && admitted.getWard().name().equals("PSYCHIATRIC")) {
        counts.get(arm.get(admitted.getPersonId()))[2]++;
      }
    }
    long[] intervention = counts.get("INTERVENTION");
    long[] control = counts.get("CONTROL");
    assertThat(intervention[0]).isGreaterThan(800);
    double relapseRatio = ((double) intervention[1] / intervention[0]) / ((double) control[1] / control[0]);
    double admissionRatio = ((double) intervention[2] / intervention[0]) / ((double) control[2] / control[0]);
    assertThat(relapseRatio).isBetween(0.5, 0.9);
    assertThat(admissionRatio).isBetween(0.3, 0.85);
  }

  @Test
  void impPeerHospitalsHaveSettingsInvoluntaryAdmissionsAndChangingRosters() {
    List<Event> events = events(generate(settings(EnumSet.of(Programme.IMPPEER), 80, 2, 0.1, 0)));
    Set<String> settingsSeen = new HashSet<>();
    long involuntary = 0;
    Map<String, Integer> statusesPerWorker = new HashMap<>();
    for (Event event : events) {
      assertThat(event.getSiteId()).startsWith("klinik-");
      if (event.getPayload() instanceof Enrolled enrolled) {
        settingsSeen.add(enrolled.getSetting().name());
        assertThat(enrolled.getArm().name()).isEqualTo("NONE");
        assertThat(enrolled.getProgramme()).isEqualTo("IMPPEER");
      } else if (event.getPayload() instanceof Admitted admitted && admitted.getInvoluntary()) {
        involuntary++;
      } else if (event.getPayload() instanceof WorkerStatus status && status.getWorkerRole().name().equals("PSW")) {
        statusesPerWorker.merge(status.getWorkerId(), 1, Integer::sum);
      }
    }
    assertThat(settingsSeen).containsExactlyInAnyOrder("INPATIENT", "OUTPATIENT", "HOME_TREATMENT");
    assertThat(involuntary).isGreaterThan(20);
    assertThat(statusesPerWorker.size()).isGreaterThan(3 * 8);
    double changesPerWorker = statusesPerWorker.values().stream().mapToInt(Integer::intValue).average().orElse(0);
    assertThat(changesPerWorker).isGreaterThan(3); // the first status plus about 2.5 FTE changes a year
  }

  @Test
  void bufferAndPersonsHeldDoNotGrowWithTheLengthOfTheHistory() {
    long[] two = run(settings(EnumSet.of(Programme.UPSIDES, Programme.CTI_TS), 60, 2, 0.3, 0));
    long[] eight = run(settings(EnumSet.of(Programme.UPSIDES, Programme.CTI_TS), 240, 8, 0.3, 0));
    assertThat(eight[0]).isGreaterThan(3 * two[0]);
    assertThat(eight[1]).as("peak buffered").isLessThan(two[1] * 3 / 2);
    assertThat(eight[2]).as("peak persons").isLessThan(two[2] * 3 / 2);
    // about 38 days x 30 % late + a few days of live recording, in events per day
    double perDay = (double) eight[0] / (8 * 365);
    assertThat(eight[1]).isLessThan((long) (25 * perDay));
  }

  /** lines, peak buffered, peak persons; checks the gauge returns to zero. */
  private static long[] run(GeneratorSettings settings) {
    EventGenerator generator = new EventGenerator(settings);
    long lines = 0;
    for (Iterator<GeneratedLine> it = generator.lines(); it.hasNext(); it.next()) {
      lines++;
    }
    assertThat(generator.bufferedEvents()).isZero();
    return new long[] {lines, generator.peakBufferedEvents(), generator.peakPersonsInMemory()};
  }

  @Test
  void theDemoHistoryIsTwoYearsOfBothStudiesOfDemoSize() {
    GeneratorSettings demo = GeneratorSettings.demo(LocalDate.of(2021, 12, 31));
    assertThat(demo.start()).isEqualTo(LocalDate.of(2020, 1, 1));
    assertThat(demo.sites()).extracting(SiteProfile::siteId)
        .containsExactly("ulm", "hamburg", "butabika", "dar-es-salaam", "beer-sheva", "pune", "santiago");
    long lines = 0;
    for (Iterator<GeneratedLine> it = new EventGenerator(demo).lines(); it.hasNext(); it.next()) {
      lines++;
    }
    assertThat(lines).isBetween(50_000L, 150_000L);
  }

  @Test
  void sitesBeyondTheFixedListAreNumberedCopiesOrMoreHospitals() {
    assertThat(SiteProfile.forProgrammes(EnumSet.of(Programme.UPSIDES), 8, 1)).extracting(SiteProfile::siteId)
        .containsExactly("ulm", "hamburg", "butabika", "dar-es-salaam", "beer-sheva", "pune", "ulm-2", "hamburg-2");
    assertThat(SiteProfile.forProgrammes(EnumSet.of(Programme.UPSIDES, Programme.IMPPEER), 9, 1))
        .extracting(SiteProfile::siteId).endsWith("klinik-001", "klinik-002", "klinik-003");
    assertThat(SiteProfile.forProgrammes(EnumSet.of(Programme.UPSIDES, Programme.CTI_TS), 2, 1)).hasSize(2);
  }
}
