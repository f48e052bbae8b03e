package io.peerpulse.streams.workload;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Random small workload histories as canonical JSON lines in arrival order (after the reference's
 * own generator, with more of what workload rules turn on): two sites; workers with several
 * statuses (role changes, inactive spells, fte 0, two statuses on one date, a status recorded by
 * the other site); busy weeks in which one worker's minutes land on, just under and just over
 * {@code threshold x fte}; group sessions listing a person twice; home visits, not-attended
 * contacts, contacts by workers without a status; local dates with an offset; voids before and
 * after their targets, a void of a void, exact and conflicting duplicates, a FUTURE_EVENT whose id
 * a later event reuses, and horizons set by a VOID whose target never arrives.
 */
final class WorkloadHistories {

  private static final String[] SITES = {"s1", "s2"};
  private static final String[] WORKERS = {"w1", "w2", "w3", "w4", "w5"};
  private static final String[] MODES = {"IN_PERSON", "PHONE", "MESSAGE", "GROUP", "HOME_VISIT", "HOME_VISIT", "VIDEO"};
  private static final String[] OUTCOMES = {"ATTENDED", "ATTENDED", "ATTENDED", "ATTENDED", "DID_NOT_ATTEND", "CANCELLED"};
  private static final String[] FTES = {"0", "0.0", "0.1", "0.2", "0.25", "0.3", "0.36", "0.5", "0.8", "1", "1.0", "1.5"};
  private static final int[] MINUTES = {0, 15, 45, 60, 90, 120, 150, 299, 300, 301, 599, 600, 601, 720};
  private static final LocalDate START = LocalDate.of(2021, 1, 1);

  private final Random random;
  private final List<String> events = new ArrayList<>();
  private int next;

  private WorkloadHistories(long seed) {
    this.random = new Random(seed);
  }

  static List<String> generate(long seed) {
    return new WorkloadHistories(seed).history();
  }

  private List<String> history() {
    for (int i = random.nextInt(16); i > 0; i--) {
      status(site(), pick(WORKERS), random.nextInt(140));
    }
    for (int i = random.nextInt(35); i > 0; i--) {
      contact(site(), worker(), random.nextInt(150));
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      busyWeek();
    }
    for (int i = random.nextInt(12); i > 0; i--) {
      // PSW_SUPERVISED_14D: sessions of any worker, with or without a status
      events.add(envelope("SUPERVISION", site(), random.nextInt(150)) + ",\"worker_id\":\"" + pick(WORKERS)
          + "\",\"mode\":\"INDIVIDUAL\",\"duration_minutes\":60}");
    }
    Collections.shuffle(events, random);
    voidsAndDuplicates();
    for (String site : SITES) {
      if (random.nextInt(3) != 0) {
        events.add(random.nextInt(events.size() + 1), envelope("VOID", site, 100 + random.nextInt(80))
            + ",\"voids_event_id\":\"never-" + site + "\"}");
      }
    }
    return events;
  }

  private void status(String site, String worker, int on) {
    String role = random.nextInt(4) == 0 ? "MHW" : "PSW";
    events.add(envelope("WORKER_STATUS", site, on) + ",\"worker_id\":\"" + worker + "\",\"worker_role\":\"" + role
        + "\",\"fte\":" + pick(FTES) + ",\"active\":" + (random.nextInt(5) != 0) + "}");
    if (random.nextInt(6) == 0) {
      status(site, worker, on); // a second status on the same date: the later arrival stands
    }
  }

  /** One PSW's week: a status, then contacts whose minutes sit around threshold x fte. */
  private void busyWeek() {
    String site = site();
    String worker = pick(WORKERS);
    int monday = 7 * random.nextInt(20) + 3; // 2021-01-04 is a Monday
    events.add(envelope("WORKER_STATUS", site, monday + random.nextInt(3)) + ",\"worker_id\":\"" + worker
        + "\",\"worker_role\":\"PSW\",\"fte\":" + pick(new String[] {"0.25", "0.5", "0.5", "1.0", "0", "0.36"}) + ",\"active\":true}");
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      // 0.36 x 20 h = 432 min exactly, 0.36 x 7.5 h = 162 min: decimals, not doubles, decide "over"
      events.add(contactJson(site, worker, "PSW", "IN_PERSON", "ATTENDED", pick(new int[] {150, 300, 600, 300, 1, 299, 301, 432, 162}),
          monday + random.nextInt(7), "p" + random.nextInt(8)));
    }
  }

  private void contact(String site, String worker, int on) {
    List<String> listed = new ArrayList<>(List.of("p" + random.nextInt(8)));
    if (random.nextInt(4) == 0) {
      listed.add("p" + random.nextInt(8));
      listed.add(listed.get(0));
    }
    events.add(contactJson(site, worker, random.nextInt(3) == 0 ? "MHW" : "PSW", pick(MODES), pick(OUTCOMES), pick(MINUTES), on,
        listed.toArray(String[]::new)));
  }

  private String contactJson(String site, String worker, String role, String mode, String outcome, int minutes, int on,
      String... persons) {
    String ids = java.util.Arrays.stream(persons).map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
    return envelope("CONTACT", site, on) + ",\"person_ids\":[" + ids + "],\"worker_id\":\"" + worker + "\",\"worker_role\":\""
        + role + "\",\"mode\":\"" + mode + "\",\"duration_minutes\":" + minutes + ",\"outcome\":\"" + outcome + "\"}";
  }

  /** Voids (sometimes arriving first, sometimes of a void), exact and conflicting re-sends, a rejected FUTURE_EVENT. */
  private void voidsAndDuplicates() {
    if (events.isEmpty()) {
      return;
    }
    for (int i = random.nextInt(5); i > 0; i--) {
      String target = idOf(events.get(random.nextInt(events.size()))); // sometimes a void: a void of a void is ignored
      String voidEvent = envelope("VOID", site(), random.nextInt(170)) + ",\"voids_event_id\":\"" + target + "\"}";
      events.add(random.nextBoolean() ? events.size() : random.nextInt(events.size()), voidEvent);
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      String target = events.get(random.nextInt(events.size()));
      events.add(random.nextBoolean() ? target : target.replaceFirst("\"site_id\":\"s[12]\"", "\"site_id\":\"s" + (1 + random.nextInt(2)) + "\"")
          .replaceFirst("\"duration_minutes\":\\d+", "\"duration_minutes\":7"));
    }
    if (random.nextBoolean()) {
      // recorded a month before it happened: rejected (FUTURE_EVENT), so the later event with its id counts
      String early = events.get(random.nextInt(events.size()));
      events.add(0, early.replaceFirst("\"recorded_at\":\"[^\"]*\"", "\"recorded_at\":\"2020-12-01T12:00:00Z\""));
    }
  }

  private static String idOf(String event) {
    return event.substring(event.indexOf(":\"") + 2, event.indexOf("\","));
  }

  private String envelope(String type, String site, int on) {
    LocalDate date = START.plusDays(on);
    String occurred = random.nextInt(4) == 0 ? date + "T23:30:00-05:00" : date.toString();
    return "{\"event_id\":\"e" + (next++) + "\",\"type\":\"" + type + "\",\"site_id\":\"" + site + "\",\"occurred_at\":\""
        + occurred + "\",\"recorded_at\":\"" + date.plusDays(random.nextInt(30)) + "T12:00:00Z\"";
  }

  private String worker() {
    return random.nextInt(8) == 0 ? "wz" : pick(WORKERS);
  }

  private String site() {
    return pick(SITES);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private int pick(int[] values) {
    return values[random.nextInt(values.length)];
  }
}
