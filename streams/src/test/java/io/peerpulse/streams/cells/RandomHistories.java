package io.peerpulse.streams.cells;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Random small histories as canonical JSON lines in arrival order: two sites, a handful of
 * persons, re-enrolments and same-date enrolments, exits (also on start days), group contacts
 * listing a person twice, transfers, overlaps, open stays, discharges before admissions, duplicate
 * ADMITTED, relapses, pauses, voids (before and after their targets), duplicates, and a hospital
 * site whose events run past the enrolling site's horizon. For workload: contacts of four workers
 * in both roles with durations from 0 to 600 minutes (so a week can cross the over-threshold line),
 * home visits and not-attended contacts, and worker statuses of both sites (role changes, inactive
 * spells, fte 0, two on one date, workers without a status), which voids and duplicates can hit.
 * For programme fidelity: some long (CTI-like, 200–300 planned days) enrolments with contacts up to
 * day 290, so all three 91-day phases and their boundaries get contacts; crisis contacts (some on a
 * relapse's day, the next day or the day after, some not attended); SUPERVISION sessions of the
 * workers of both sites, weekly for some workers and irregular for others (also of workers without
 * a status or with another role), which voids and duplicates can hit.
 */
public final class RandomHistories {

  private static final String[] SITES = {"s1", "s2"};
  private static final String[] ARMS = {"INTERVENTION", "INTERVENTION", "CONTROL", "NONE"};
  private static final String[] MODES = {"IN_PERSON", "PHONE", "MESSAGE", "GROUP", "HOME_VISIT"};
  private static final String[] OUTCOMES = {"ATTENDED", "ATTENDED", "ATTENDED", "DID_NOT_ATTEND", "CANCELLED"};
  private static final String[] EXIT_REASONS = {"COMPLETED", "DROPPED_OUT", "DIED", "MOVED"};
  private static final String[] DISCHARGE_TYPES = {"ROUTINE", "ROUTINE", "AGAINST_ADVICE", "TRANSFER", "DIED"};
  private static final String[] WORKERS = {"w0", "w1", "w2", "w3"};
  private static final String[] ROLES = {"PSW", "PSW", "MHW"};
  private static final String[] FTES = {"0", "0.2", "0.5", "0.5", "0.8", "1.0", "1.5"};
  private static final int[] MINUTES = {0, 30, 45, 45, 60, 90, 240, 600};
  private static final String[] SUPERVISION_MODES = {"INDIVIDUAL", "GROUP", "PEER"};
  private static final LocalDate START = LocalDate.of(2021, 1, 1);

  private final Random random;
  private final List<String> events = new ArrayList<>();
  private int next;

  private RandomHistories(long seed) {
    this.random = new Random(seed);
  }

  public static List<String> generate(long seed) {
    return new RandomHistories(seed).history();
  }

  private List<String> history() {
    int persons = 2 + random.nextInt(7);
    for (int p = 0; p < persons; p++) {
      person("p" + p, persons);
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      int from = random.nextInt(150);
      events.add(envelope("SITE_PAUSE", site(), from) + ",\"paused_until\":\"" + day(from + random.nextInt(40)) + "\"}");
    }
    workerStatuses();
    supervisions();
    Collections.shuffle(events, random);
    voidsAndDuplicates();
    return events;
  }

  private void person(String person, int persons) {
    String site = site();
    String programme = random.nextBoolean() ? "P" : "Q";
    int d0 = random.nextInt(120);
    enrolled(site, d0, person, programme);
    if (random.nextInt(6) == 0) {
      enrolled(site, d0, person, programme); // same date: the later arrival stands
    }
    int second = d0 + 1 + random.nextInt(90);
    if (random.nextInt(3) == 0) {
      enrolled(site, second, person, programme);
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      int on = random.nextInt(4) == 0 ? second : d0 + random.nextInt(120);
      events.add(envelope("EXITED", site(), on) + ",\"person_id\":\"" + person + "\",\"reason\":\"" + pick(EXIT_REASONS) + "\"}");
    }
    for (int i = random.nextInt(15); i > 0; i--) {
      contact(person, persons, d0 - 5 + random.nextInt(140));
    }
    if (random.nextInt(3) == 0) {
      // into CTI's second and third phases (days 91..272) and just past them
      for (int i = 1 + random.nextInt(6); i > 0; i--) {
        contact(person, persons, d0 + 80 + random.nextInt(211));
      }
    }
    int stayDay = d0 - 15 + random.nextInt(60);
    for (int i = random.nextInt(5); i > 0; i--) {
      stayDay = stay(person, stayDay);
    }
    for (int i = random.nextInt(6); i > 0; i--) {
      int on = d0 - 3 + random.nextInt(130);
      events.add(envelope("RELAPSE", site(), on) + ",\"person_id\":\"" + person + "\",\"kind\":\"CRISIS_TEAM\"}");
      if (random.nextBoolean()) {
        // a crisis response on the day, the next day (still met) or the day after (too late)
        contact(person, persons, on + random.nextInt(3), true);
      }
    }
  }

  private void enrolled(String site, int on, String person, String programme) {
    int kind = random.nextInt(6);
    String planned = kind <= 1 ? ",\"planned_days\":" + (1 + random.nextInt(120))
        : kind == 2 ? ",\"planned_days\":" + (200 + random.nextInt(101)) : "";
    events.add(envelope("ENROLLED", site, on) + ",\"person_id\":\"" + person + "\",\"programme\":\"" + programme
        + "\",\"arm\":\"" + pick(ARMS) + "\",\"setting\":\"OUTPATIENT\"" + planned + "}");
  }

  private void contact(String person, int persons, int on) {
    contact(person, persons, on, random.nextInt(5) == 0);
  }

  private void contact(String person, int persons, int on, boolean crisis) {
    List<String> listed = new ArrayList<>(List.of(person));
    if (random.nextInt(4) == 0) {
      listed.add("p" + random.nextInt(persons));
      listed.add(person);
    }
    String ids = listed.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
    events.add(envelope("CONTACT", site(), on) + ",\"person_ids\":[" + ids + "],\"worker_id\":\"" + pick(WORKERS)
        + "\",\"worker_role\":\"" + (random.nextBoolean() ? "PSW" : "MHW") + "\",\"mode\":\"" + pick(MODES)
        + "\",\"duration_minutes\":" + MINUTES[random.nextInt(MINUTES.length)] + ",\"outcome\":\"" + pick(OUTCOMES)
        + "\",\"crisis\":" + crisis + "}");
  }

  /**
   * WORKER_STATUS events: per site, most workers get one to three statuses (some on one date, the
   * later arrival standing), a quarter of them inactive; the rest have none, so their contacts count
   * without FTE.
   */
  private void workerStatuses() {
    for (String site : SITES) {
      for (String worker : WORKERS) {
        if (random.nextInt(3) == 0) {
          continue;
        }
        int on = random.nextInt(60);
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          events.add(envelope("WORKER_STATUS", site, on) + ",\"worker_id\":\"" + worker + "\",\"worker_role\":\""
              + pick(ROLES) + "\",\"fte\":" + pick(FTES) + ",\"active\":" + (random.nextInt(4) != 0) + "}");
          on += random.nextInt(4) == 0 ? 0 : random.nextInt(90);
        }
      }
    }
  }

  /**
   * SUPERVISION sessions: per site, each worker is supervised weekly (from a random day, sometimes
   * skipping a week), irregularly (a few random days) or not at all.
   */
  private void supervisions() {
    for (String site : SITES) {
      for (String worker : WORKERS) {
        switch (random.nextInt(3)) {
          case 0 -> {
            for (int on = random.nextInt(30); on < 220; on += random.nextInt(5) == 0 ? 14 : 7) {
              supervision(site, worker, on);
            }
          }
          case 1 -> {
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
              supervision(site, worker, random.nextInt(220));
            }
          }
          default -> { }
        }
      }
    }
  }

  private void supervision(String site, String worker, int on) {
    events.add(envelope("SUPERVISION", site, on) + ",\"worker_id\":\"" + worker + "\",\"mode\":\"" + pick(SUPERVISION_MODES)
        + "\",\"duration_minutes\":" + (30 + random.nextInt(91)) + "}");
  }

  /** One stay from {@code from}; returns a day for the next one: a transfer, an overlap or a gap. */
  private int stay(String person, int from) {
    String site = random.nextInt(3) == 0 ? "s2" : site();
    String stayId = "st" + next;
    String ward = random.nextInt(6) == 0 ? "OTHER" : "PSYCHIATRIC";
    admitted(site, from, person, stayId, ward);
    if (random.nextInt(8) == 0) {
      admitted(site, from + random.nextInt(3), person, stayId, ward); // a second ADMITTED: the first stands
    }
    int length = random.nextInt(20) - 2; // sometimes a discharge before the admission
    if (random.nextInt(6) != 0) {
      events.add(envelope("DISCHARGED", site, from + length) + ",\"person_id\":\"" + person + "\",\"stay_id\":\"" + stayId
          + "\",\"discharge_type\":\"" + pick(DISCHARGE_TYPES) + "\"}");
    }
    return switch (random.nextInt(3)) {
      case 0 -> from + Math.max(length, 0) + random.nextInt(2); // transfer: same day or the day after
      case 1 -> from + random.nextInt(5); // overlap
      default -> from + Math.max(length, 0) + 2 + random.nextInt(40); // a new stay
    };
  }

  private void admitted(String site, int on, String person, String stayId, String ward) {
    events.add(envelope("ADMITTED", site, on) + ",\"person_id\":\"" + person + "\",\"stay_id\":\"" + stayId
        + "\",\"ward\":\"" + ward + "\",\"involuntary\":" + random.nextBoolean() + "}");
  }

  /** Voids of random events (sometimes arriving first) and identical re-sends. */
  private void voidsAndDuplicates() {
    int count = events.size();
    for (int i = random.nextInt(4); i > 0 && count > 0; i--) {
      String target = events.get(random.nextInt(count));
      String targetId = target.substring(target.indexOf(":\"") + 2, target.indexOf("\","));
      String voidEvent = envelope("VOID", site(), random.nextInt(200)) + ",\"voids_event_id\":\"" + targetId + "\"}";
      events.add(random.nextBoolean() ? events.size() : random.nextInt(events.size()), voidEvent);
    }
    for (int i = random.nextInt(3); i > 0 && count > 0; i--) {
      events.add(events.get(random.nextInt(count)));
    }
  }

  private String envelope(String type, String site, int on) {
    LocalDate date = day(on);
    String occurred = random.nextInt(4) == 0 ? date + "T23:30:00-05:00" : date.toString();
    return "{\"event_id\":\"e" + (next++) + "\",\"type\":\"" + type + "\",\"site_id\":\"" + site + "\",\"occurred_at\":\""
        + occurred + "\",\"recorded_at\":\"" + date.plusDays(random.nextInt(30)) + "T12:00:00Z\"";
  }

  private String site() {
    return pick(SITES);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static LocalDate day(int offset) {
    return START.plusDays(offset);
  }
}
