package io.peerpulse.streams;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A generated multi-site history for the live pipeline, as canonical JSON lines in arrival order
 * (ascending {@code recorded_at}, so late events arrive late): enrolments (same-date re-sends,
 * re-enrolments), exits, PSW and MHW contacts incl. group sessions listing a person twice,
 * admissions and discharges (a second ADMITTED for one stay, transfers, open stays, some at another
 * site's hospital), relapses, site pauses, worker statuses and supervision, identical re-sends, a
 * few conflicting re-sends, voids arriving before and after their targets, and late events
 * (recorded 36–120 days after they happened, past the site watermark).
 *
 * <p>The live topic is keyed by site, so events of one site keep their order, but events of two
 * sites are ordered by (partition, offset) there and by line in the SQL reference. The history
 * therefore puts every event whose arrival order decides a tie on one site: all of a person's
 * enrolments, exits, contacts and relapses are recorded by their home site, all their stays by one
 * hospital site, re-sends and voids by the site of their target. Nothing else depends on arrival
 * order (spec/indicators.md: only same-date ENROLLED, same-day WORKER_STATUS, duplicate ids and
 * duplicate ADMITTED/DISCHARGED of one stay do).
 */
final class PipelineHistory {

  // One programme, one arm and enrolments of at most 60 days within about four months keep the
  // cells few: the day and rolling cells of every (site, programme, arm) make most of the table.
  private static final String PROGRAMME = "UPSIDES";
  private static final String ARM = "INTERVENTION";
  private static final String[] MODES = {"IN_PERSON", "PHONE", "MESSAGE", "HOME_VISIT", "VIDEO"};
  private static final String[] OUTCOMES = {"ATTENDED", "ATTENDED", "ATTENDED", "DID_NOT_ATTEND", "CANCELLED"};
  private static final String[] EXIT_REASONS = {"COMPLETED", "DROPPED_OUT", "DIED", "MOVED"};
  private static final String[] DISCHARGE_TYPES = {"ROUTINE", "ROUTINE", "AGAINST_ADVICE", "TRANSFER", "DIED"};
  private static final String[] RELAPSE_KINDS = {"CRISIS_TEAM", "EMERGENCY_VISIT", "SELF_REPORTED"};
  private static final LocalDate START = LocalDate.of(2021, 1, 1);

  /** One generated event: its site, its canonical JSON, and the day it was recorded (arrival order). */
  private record Line(String site, String eventId, String json, int recordedDay, int sequence) {}

  private final Random random;
  private final List<String> sites;
  private final List<Line> lines = new ArrayList<>();
  private int nextId;

  private PipelineHistory(long seed, List<String> sites) {
    this.random = new Random(seed);
    this.sites = sites;
  }

  /** The history's events in arrival order. */
  static List<String> generate(long seed, List<String> sites, int personsPerSite) {
    return new PipelineHistory(seed, sites).history(personsPerSite);
  }

  private List<String> history(int personsPerSite) {
    for (String site : sites) {
      site(site, personsPerSite);
    }
    resendsAndVoids();
    return lines.stream()
        .sorted(Comparator.comparingInt(Line::recordedDay).thenComparingInt(Line::sequence))
        .map(Line::json)
        .toList();
  }

  private void site(String site, int persons) {
    for (int w = 1; w <= 4; w++) {
      String role = w <= 3 ? "PSW" : "MHW";
      add(site, "WORKER_STATUS", 0, ",\"worker_id\":\"w" + w + "\",\"worker_role\":\"" + role + "\",\"fte\":"
          + (w == 2 ? "0.5" : "1.0") + ",\"active\":true");
      add(site, "SUPERVISION", 20 + random.nextInt(60), ",\"worker_id\":\"w" + w + "\",\"mode\":\"GROUP\",\"duration_minutes\":60");
    }
    add(site, "WORKER_STATUS", 40 + random.nextInt(30), ",\"worker_id\":\"w3\",\"worker_role\":\"PSW\",\"fte\":0.8,\"active\":"
        + random.nextBoolean());
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      int from = random.nextInt(80);
      add(site, "SITE_PAUSE", from, ",\"paused_until\":\"" + day(from + 3 + random.nextInt(20)) + "\"");
    }
    List<String> people = new ArrayList<>();
    for (int p = 0; p < persons; p++) {
      people.add(site + "-p" + p);
    }
    for (String person : people) {
      person(site, person, people);
    }
  }

  private void person(String site, String person, List<String> neighbours) {
    String programme = PROGRAMME;
    int d0 = random.nextInt(45);
    enrolled(site, d0, person, programme);
    if (random.nextInt(8) == 0) {
      enrolled(site, d0, person, programme); // same date, same site: the later arrival stands
    }
    int second = d0 + 20 + random.nextInt(40);
    if (random.nextInt(3) == 0) {
      enrolled(site, second, person, programme);
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      int on = random.nextInt(4) == 0 ? second : d0 + random.nextInt(70);
      add(site, "EXITED", on, ",\"person_id\":\"" + person + "\",\"reason\":\"" + pick(EXIT_REASONS) + "\"");
    }
    for (int i = random.nextInt(16); i > 0; i--) {
      contact(site, person, neighbours, d0 - 5 + random.nextInt(80));
    }
    String hospital = random.nextInt(3) == 0 ? pick(sites.toArray(String[]::new)) : site;
    int stayDay = d0 - 10 + random.nextInt(45);
    for (int i = random.nextInt(4); i > 0; i--) {
      stayDay = stay(hospital, person, stayDay);
    }
    for (int i = random.nextInt(5); i > 0; i--) {
      add(site, "RELAPSE", d0 - 3 + random.nextInt(70), ",\"person_id\":\"" + person + "\",\"kind\":\""
          + pick(RELAPSE_KINDS) + "\"");
    }
  }

  private void enrolled(String site, int on, String person, String programme) {
    String planned = ",\"planned_days\":" + (20 + random.nextInt(40));
    add(site, "ENROLLED", on, ",\"person_id\":\"" + person + "\",\"programme\":\"" + programme + "\",\"arm\":\""
        + ARM + "\",\"setting\":\"OUTPATIENT\"" + planned);
  }

  private void contact(String site, String person, List<String> neighbours, int on) {
    List<String> listed = new ArrayList<>(List.of(person));
    boolean group = random.nextInt(5) == 0;
    if (group) {
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        listed.add(neighbours.get(random.nextInt(neighbours.size())));
      }
      listed.add(person); // listed twice: counts once
    }
    String ids = listed.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
    boolean psw = random.nextInt(4) != 0;
    add(site, "CONTACT", on, ",\"person_ids\":[" + ids + "],\"worker_id\":\"w" + (psw ? 1 + random.nextInt(3) : 4)
        + "\",\"worker_role\":\"" + (psw ? "PSW" : "MHW") + "\",\"mode\":\"" + (group ? "GROUP" : pick(MODES))
        + "\",\"duration_minutes\":" + (15 + 15 * random.nextInt(6)) + ",\"outcome\":\"" + pick(OUTCOMES)
        + "\",\"crisis\":" + (random.nextInt(10) == 0));
  }

  /** One stay from {@code from}; returns the day of the next one: a transfer, an overlap or a gap. */
  private int stay(String site, String person, int from) {
    String stayId = "st" + nextId;
    String ward = random.nextInt(6) == 0 ? "OTHER" : "PSYCHIATRIC";
    admitted(site, from, person, stayId, ward);
    if (random.nextInt(8) == 0) {
      admitted(site, from + random.nextInt(3), person, stayId, ward); // a second ADMITTED: the first stands
    }
    int length = 1 + random.nextInt(20);
    if (random.nextInt(6) != 0) { // else open
      add(site, "DISCHARGED", from + length, ",\"person_id\":\"" + person + "\",\"stay_id\":\"" + stayId
          + "\",\"discharge_type\":\"" + pick(DISCHARGE_TYPES) + "\"");
    }
    return switch (random.nextInt(3)) {
      case 0 -> from + length + random.nextInt(2); // transfer: same day or the day after
      case 1 -> from + random.nextInt(5); // overlap
      default -> from + length + 2 + random.nextInt(40);
    };
  }

  private void admitted(String site, int on, String person, String stayId, String ward) {
    add(site, "ADMITTED", on, ",\"person_id\":\"" + person + "\",\"stay_id\":\"" + stayId + "\",\"ward\":\"" + ward
        + "\",\"involuntary\":" + random.nextBoolean());
  }

  /**
   * Identical re-sends (also late), a few conflicting re-sends (dead-lettered as DUPLICATE_CONFLICT)
   * and voids, arriving before or after their target; all by the target's site.
   */
  private void resendsAndVoids() {
    List<Line> originals = List.copyOf(lines);
    for (Line target : originals) {
      int roll = random.nextInt(100);
      if (roll < 3) {
        lines.add(new Line(target.site(), target.eventId(), target.json(), target.recordedDay() + random.nextInt(60), nextId++));
      } else if (roll < 6) {
        int recorded = Math.max(0, target.recordedDay() + random.nextInt(61) - 30); // before or after the target
        String json = envelope(nextId, "VOID", target.site(), recorded, recorded) + ",\"voids_event_id\":\"" + target.eventId() + "\"}";
        lines.add(new Line(target.site(), "e" + nextId, json, recorded, nextId++));
      } else if (roll < 9 && target.json().contains("\"type\":\"CONTACT\"")) {
        String changed = target.json().replace("\"crisis\":", "\"source\":\"conflicting-resend\",\"crisis\":")
            .replaceFirst("\"duration_minutes\":\\d+", "\"duration_minutes\":719");
        lines.add(new Line(target.site(), target.eventId(), changed, target.recordedDay() + random.nextInt(30), nextId++));
      }
    }
  }

  /**
   * Counts of what makes the history hard, by name, so a test can insist each is present: voids
   * arriving before and after their target, identical and conflicting re-sends, late events
   * (recorded more than 35 days after they happened), group contacts and cross-site stays.
   */
  static Map<String, Integer> features(List<String> history) {
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, String> firstById = new HashMap<>();
    Set<String> arrived = new HashSet<>();
    Set<String> voidedBeforeArrival = new HashSet<>();
    for (String line : history) {
      String id = field(line, "event_id");
      String first = firstById.putIfAbsent(id, line);
      if (first != null) {
        counts.merge(first.equals(line) ? "identical re-sends" : "conflicting re-sends", 1, Integer::sum);
        continue;
      }
      arrived.add(id);
      if (voidedBeforeArrival.contains(id)) {
        counts.merge("voids before their target", 1, Integer::sum);
      }
      String target = field(line, "voids_event_id");
      if (target != null) {
        if (arrived.contains(target)) {
          counts.merge("voids after their target", 1, Integer::sum);
        } else {
          voidedBeforeArrival.add(target);
        }
      }
      LocalDate occurred = LocalDate.parse(field(line, "occurred_at").substring(0, 10));
      LocalDate recorded = LocalDate.parse(field(line, "recorded_at").substring(0, 10));
      if (recorded.isAfter(occurred.plusDays(35))) {
        counts.merge("late events", 1, Integer::sum);
      }
      if (line.contains("\"mode\":\"GROUP\"") && line.contains("\"person_ids\"")) {
        counts.merge("group contacts", 1, Integer::sum);
      }
      if (line.contains("\"stay_id\"") && !field(line, "person_id").startsWith(field(line, "site_id") + "-")) {
        counts.merge("stay events at another site", 1, Integer::sum);
      }
    }
    return counts;
  }

  private static String field(String line, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(line);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** Adds an event recorded on its day, or 36–120 days later for a late one (one in ten). */
  private void add(String site, String type, int on, String fields) {
    int recorded = on + (random.nextInt(10) == 0 ? 36 + random.nextInt(85) : random.nextInt(4));
    String id = "e" + nextId;
    lines.add(new Line(site, id, envelope(nextId, type, site, on, recorded) + fields + "}", recorded, nextId++));
  }

  private String envelope(int id, String type, String site, int on, int recorded) {
    LocalDate date = day(on);
    String occurred = random.nextInt(5) == 0 ? date + "T23:30:00-05:00" : date.toString();
    return "{\"event_id\":\"e" + id + "\",\"type\":\"" + type + "\",\"site_id\":\"" + site + "\",\"occurred_at\":\""
        + occurred + "\",\"recorded_at\":\"" + day(recorded) + "T12:00:00Z\"";
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static LocalDate day(int offset) {
    return START.plusDays(offset);
  }
}
