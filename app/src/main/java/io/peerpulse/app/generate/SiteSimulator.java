package io.peerpulse.app.generate;

import io.peerpulse.app.generate.SiteProfile.Pause;
import io.peerpulse.app.generate.SiteProfile.Programme;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One site simulated day by day (the model is described on {@link EventGenerator}). Events made
 * while simulating day D have {@code recorded_at} at or after D's local midnight, so a buffered
 * event recorded before the next day's midnight can be released: nothing generated later can come
 * before it. The buffer holds only the events waiting for their recording time: the live ones of
 * the next few days, this month's late register upload, and scheduled voids.
 */
final class SiteSimulator {

  /** An event waiting for its {@code recorded_at}; {@code sequence} keeps equal instants in generation order. */
  record Pending(long recordedSecond, long sequence, String json) {
  }

  static final Comparator<Pending> ORDER =
      Comparator.comparingLong(Pending::recordedSecond).thenComparingLong(Pending::sequence);

  private static final LocalDate PANDEMIC_FROM = LocalDate.of(2020, 3, 1);
  private static final LocalDate PANDEMIC_UNTIL = LocalDate.of(2021, 12, 31);
  /** Weight of yesterday's PSW contacts in the "recent contact" score: about a four-week memory. */
  private static final double CONTACT_MEMORY = Math.exp(-1.0 / 28);
  private static final double[] PSW_FTE = {0.5, 0.5, 0.6, 0.75, 0.8, 1.0};
  private static final double[] MHW_FTE = {0.8, 1.0, 1.0};
  private static final int GROUP_SIZE = 8;

  final int index;
  final SiteProfile profile;
  final String siteId;
  private final GeneratorSettings settings;
  private final SplittableRandom random;
  private final SplittableRandom messRandom;
  private final Gauge gauge;
  private final PriorityQueue<Pending> pending = new PriorityQueue<>(ORDER);
  private final JsonLine line = new JsonLine();
  private final long startDay;
  private final long endDay;
  private final double enrolPerDay;
  private final Worker[] psws;
  private final Worker[] mhws;
  private final List<Person> persons = new ArrayList<>();
  private final List<Group> groups = new ArrayList<>();

  // the day being simulated and what is cached for it
  private LocalDate day;
  private long today;
  private String dayText;
  private String offsetText;
  private int offsetSeconds;
  private long midnight;
  private boolean weekday;
  private int dayOfWeek;
  private boolean paused;
  private boolean pandemic;
  private long uploadMonth = Long.MIN_VALUE;
  private long uploadSecond;
  private int uploadCount;

  private long readyBefore = Long.MIN_VALUE;
  private boolean finished;
  private Pending head;
  private long sequence;
  private long eventCounter;
  private long personCounter;
  private long workerCounter;
  private long stayCounter;
  private long groupCounter;
  private int pswCursor;
  private int mhwCursor;
  private final String[] armBlock = new String[4];
  private int armBlockUsed = 4;
  private String lastSource;

  SiteSimulator(int index, SiteProfile profile, GeneratorSettings settings, double meanSize, Gauge gauge) {
    this.index = index;
    this.profile = profile;
    this.siteId = profile.siteId();
    this.settings = settings;
    this.gauge = gauge;
    // Per-site streams derived from the seed and the site's position: the output never depends on
    // how other sites draw or on any hash-map order.
    long siteSeed = Mix.mix(settings.seed(), 0x5173_0000L + index);
    this.random = new SplittableRandom(siteSeed);
    this.messRandom = new SplittableRandom(Mix.mix(siteSeed, 0x3E55));
    this.startDay = settings.start().toEpochDay();
    this.endDay = settings.end().toEpochDay();
    long days = endDay - startDay + 1;
    this.enrolPerDay = settings.personsPerSite() * profile.size() / meanSize / days;
    double concurrent = enrolPerDay * averagePlannedDays();
    double peerShare = profile.programme() == Programme.IMPPEER ? 1.0 : 0.5;
    int pswCount = Math.max(3, (int) Math.ceil(concurrent * peerShare / profile.caseloadPerPsw()));
    int mhwCount = Math.max(3, (int) Math.ceil(concurrent / 30));
    if (profile.programme() == Programme.CTI_TS) {
      mhwCount = Math.max(mhwCount, pswCount); // PSW+MHW pairs
    }
    this.psws = new Worker[pswCount];
    this.mhws = new Worker[mhwCount];
    for (int i = 0; i < pswCount; i++) {
      psws[i] = newWorker("PSW");
    }
    for (int i = 0; i < mhwCount; i++) {
      mhws[i] = newWorker("MHW");
    }
    this.day = settings.start();
  }

  // ---------------------------------------------------------------- release in recorded order

  /** The next event to release, simulating more days as needed; {@code null} when the site is done. */
  Pending head() {
    return head;
  }

  /** Simulates until the earliest buffered event can be released (or the range is over). */
  void advance() {
    while (true) {
      Pending top = pending.peek();
      if (finished || (top != null && top.recordedSecond() < readyBefore)) {
        head = top;
        return;
      }
      simulateDay();
    }
  }

  /** Releases the head; the caller calls {@link #advance} before looking at the next one. */
  GeneratedLine poll() {
    Pending released = pending.poll();
    gauge.released();
    String json = released.json();
    if (settings.malformedFraction() > 0 && messRandom.nextDouble() < settings.malformedFraction()) {
      json = Malform.apply(json, messRandom);
      gauge.malformed++;
    }
    return new GeneratedLine(java.time.Instant.ofEpochSecond(released.recordedSecond()), siteId, json);
  }

  // ---------------------------------------------------------------- one day

  private void simulateDay() {
    if (day.toEpochDay() > endDay) {
      finished = true;
      return;
    }
    prepareDay();
    if (today == startDay) {
      roster();
    }
    pauses();
    workers();
    supervision();
    arrivals();
    for (int i = 0; i < persons.size(); i++) {
      step(persons.get(i));
    }
    groupSessions();
    int kept = 0;
    for (int i = 0; i < persons.size(); i++) {
      Person person = persons.get(i);
      if (!person.isDone(today)) {
        persons.set(kept++, person);
      }
    }
    persons.subList(kept, persons.size()).clear();
    gauge.persons(index, persons.size());
    // Two hours of margin: a daylight-saving change can move tomorrow's midnight by an hour.
    readyBefore = midnight + 86_400L - 7_200L;
    day = day.plusDays(1);
    if (day.toEpochDay() > endDay) {
      finished = true;
    }
  }

  private void prepareDay() {
    today = day.toEpochDay();
    StringBuilder text = new StringBuilder(10);
    JsonLine.date(text, day);
    dayText = text.toString();
    ZoneOffset offset = profile.zone().getRules().getOffset(day.atTime(12, 0));
    offsetSeconds = offset.getTotalSeconds();
    offsetText = offsetSeconds == 0 ? "+00:00" : offset.getId();
    midnight = today * 86_400L - offsetSeconds;
    dayOfWeek = day.getDayOfWeek().getValue();
    weekday = dayOfWeek <= DayOfWeek.FRIDAY.getValue();
    paused = profile.isPaused(day);
    pandemic = !day.isBefore(PANDEMIC_FROM) && !day.isAfter(PANDEMIC_UNTIL);
    long month = day.getYear() * 12L + day.getMonthValue();
    if (month != uploadMonth) {
      // This month's register goes up on one day of the next month's first week (10:00 local).
      uploadMonth = month;
      LocalDate nextMonth = day.withDayOfMonth(1).plusMonths(1);
      long uploadDay = nextMonth.toEpochDay() + Math.floorMod(Mix.mix(settings.seed() + index, month), 7);
      uploadSecond = uploadDay * 86_400L - offsetSeconds + 10 * 3600L;
      uploadCount = 0;
    }
  }

  private void roster() {
    for (Worker worker : psws) {
      workerStatus(worker);
    }
    for (Worker worker : mhws) {
      workerStatus(worker);
    }
  }

  private void pauses() {
    for (Pause pause : profile.pauses()) {
      LocalDate from = pause.from();
      boolean startsToday = from.equals(day);
      boolean runningAtStart = today == startDay && from.isBefore(day) && !pause.until().isBefore(day);
      if (startsToday || runningAtStart) {
        long recorded = live(-1);
        line.start(newId('p'), "SITE_PAUSE", siteId, dayText, -1, offsetText, recorded, lastSource);
        StringBuilder until = new StringBuilder(10);
        JsonLine.date(until, pause.until());
        push(recorded, line.string("paused_until", until.toString()).end(), null);
      }
    }
  }

  // ---------------------------------------------------------------- workers

  private Worker newWorker(String role) {
    double[] choices = role.equals("PSW") ? PSW_FTE : MHW_FTE;
    Worker worker = new Worker(Mix.pseudonym(settings.seed(), index, 1_000_000_000L + workerCounter++), role);
    worker.fte = choices[random.nextInt(choices.length)];
    return worker;
  }

  private void workers() {
    changeRoster(psws, "PSW");
    changeRoster(mhws, "MHW");
  }

  /** FTE changes, inactive spells (sick leave, burnout) and turnover with a new hire weeks later. */
  private void changeRoster(Worker[] slots, String role) {
    double fteChange = profile.fteChangesPerYear() / 365.0;
    double spell = fteChange + (role.equals("PSW") ? 0.5 : 0.25) / 365.0;
    double turnover = spell + 0.12 / 365.0;
    for (int i = 0; i < slots.length; i++) {
      Worker worker = slots[i];
      if (worker.left) {
        if (today == worker.hireDay) {
          slots[i] = newWorker(role);
          workerStatus(slots[i]);
        }
        continue;
      }
      if (!worker.active) {
        if (today == worker.returnDay) {
          worker.active = true;
          workerStatus(worker);
        }
        continue;
      }
      double u = random.nextDouble();
      if (u < fteChange) {
        double[] choices = role.equals("PSW") ? PSW_FTE : MHW_FTE;
        double fte = choices[random.nextInt(choices.length)];
        if (fte != worker.fte) {
          worker.fte = fte;
          workerStatus(worker);
        }
      } else if (u < spell) {
        worker.active = false;
        worker.returnDay = today + 14 + random.nextInt(60);
        workerStatus(worker);
      } else if (u < turnover) {
        worker.active = false;
        worker.left = true;
        worker.hireDay = today + 14 + random.nextInt(45);
        workerStatus(worker);
      }
    }
  }

  private void workerStatus(Worker worker) {
    long recorded = recorded(-1);
    line.start(newId('w'), "WORKER_STATUS", siteId, dayText, -1, offsetText, recorded, lastSource)
        .string("worker_id", worker.id).string("worker_role", worker.role).decimal("fte", worker.fte)
        .bool("active", worker.active);
    push(recorded, line.end(), null);
  }

  private void supervision() {
    if (!weekday) {
      return;
    }
    int everyWeeks = Math.max(1, profile.supervisionEveryDays() / 7);
    long week = Math.floorDiv(today - startDay, 7);
    for (int i = 0; i < psws.length; i++) {
      Worker worker = psws[i];
      if (!worker.active || dayOfWeek != 1 + i % 5 || week % everyWeeks != i % everyWeeks) {
        continue;
      }
      if (random.nextDouble() < 0.85) {
        int minute = 13 * 60 + random.nextInt(4) * 30;
        long recorded = recorded(minute);
        int duration = profile.supervisionMode().equals("GROUP") ? 90 : 60;
        line.start(newId('s'), "SUPERVISION", siteId, dayText, minute, offsetText, recorded, lastSource)
            .string("worker_id", worker.id).string("mode", profile.supervisionMode()).number("duration_minutes", duration);
        push(recorded, line.end(), null);
      }
    }
  }

  /** The worker of a slot, or the next active colleague while they are away; null when nobody is. */
  private static Worker active(Worker[] slots, int slot) {
    for (int k = 0; k < slots.length; k++) {
      Worker worker = slots[(slot + k) % slots.length];
      if (worker.active) {
        return worker;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- persons

  private void arrivals() {
    boolean cti = profile.programme() == Programme.CTI_TS;
    // Trials recruit on weekdays and not while the site is paused; CTI starts at a hospital
    // admission, which happens any day.
    double rate = cti ? enrolPerDay : (weekday && !paused ? enrolPerDay * 7 / 5 : 0);
    if (cti && paused) {
      rate *= 0.5;
    }
    int count = poisson(rate);
    for (int i = 0; i < count; i++) {
      Person person = new Person(Mix.pseudonym(settings.seed(), index, personCounter++));
      person.engagement = 0.25 + 0.75 * Math.sqrt(random.nextDouble());
      person.setting = profile.settings().get(random.nextInt(profile.settings().size()));
      person.arm = profile.programme() == Programme.IMPPEER ? "NONE" : nextArm();
      person.groupTrack = !person.arm.equals("CONTROL") && random.nextDouble() < profile.groupShare();
      persons.add(person);
      if (cti) {
        person.preEnrolment = true;
        admit(person, 7 + random.nextInt(35));
      } else {
        enrol(person);
      }
    }
  }

  /** Block randomisation (blocks of four), so arms stay balanced at every site throughout. */
  private String nextArm() {
    if (armBlockUsed == armBlock.length) {
      armBlock[0] = "INTERVENTION";
      armBlock[1] = "INTERVENTION";
      armBlock[2] = "CONTROL";
      armBlock[3] = "CONTROL";
      for (int i = armBlock.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        String swap = armBlock[i];
        armBlock[i] = armBlock[j];
        armBlock[j] = swap;
      }
      armBlockUsed = 0;
    }
    return armBlock[armBlockUsed++];
  }

  private int plannedDays(String setting) {
    if (profile.programme() != Programme.IMPPEER) {
      return profile.plannedDays();
    }
    return switch (setting) {
      case "INPATIENT" -> 60;
      case "HOME_TREATMENT" -> 45;
      default -> 120;
    };
  }

  private double averagePlannedDays() {
    return profile.settings().stream().mapToInt(this::plannedDays).average().orElse(profile.plannedDays());
  }

  private void enrol(Person person) {
    person.preEnrolment = false;
    person.enrolDay = today;
    int planned = plannedDays(person.setting);
    person.endDay = today + planned - 1;
    decideExit(person, planned);
    person.psw = pswCursor++ % psws.length;
    person.mhw = profile.programme() == Programme.CTI_TS ? person.psw : mhwCursor++ % mhws.length;
    long recorded = recorded(-1);
    line.start(newId('e'), "ENROLLED", siteId, dayText, -1, offsetText, recorded, lastSource)
        .string("person_id", person.id).string("programme", profile.programme().name()).string("arm", person.arm)
        .string("setting", person.setting).number("planned_days", planned);
    push(recorded, line.end(), null);
    if (person.groupTrack) {
      joinGroup(person);
    }
    if (profile.programme() == Programme.IMPPEER && person.setting.equals("INPATIENT") && !person.inHospital) {
      admit(person, 10 + random.nextInt(30)); // peer work on the ward starts with the stay
    }
  }

  /** Early exits with reasons; low engagement drives dropout. Completers mostly get a COMPLETED record. */
  private void decideExit(Person person, int planned) {
    boolean peer = !person.arm.equals("CONTROL");
    double dropout = peer ? 0.06 + 0.20 * (1 - person.engagement) : 0.06;
    double u = random.nextDouble();
    String reason;
    if (u < dropout) {
      reason = "DROPPED_OUT";
    } else if (u < dropout + 0.04) {
      reason = "WITHDREW";
    } else if (u < dropout + 0.07) {
      reason = "MOVED";
    } else if (u < dropout + 0.08) {
      reason = "OTHER";
    } else if (u < dropout + 0.085) {
      reason = "DIED";
    } else {
      person.exitReason = random.nextDouble() < 0.8 ? "COMPLETED" : null;
      return;
    }
    person.exitReason = reason;
    person.endDay = today + Math.min(planned - 1, 10 + random.nextInt(Math.max(1, planned - 10)));
  }

  private void step(Person person) {
    if (person.preEnrolment) {
      if (person.inHospital && today == person.dischargeDay) {
        discharge(person);
      }
      if (person.preEnrolment && today == person.enrolDay) {
        enrol(person);
      }
      return;
    }
    boolean enrolled = !person.ended && today >= person.enrolDay && today <= person.endDay;
    if (person.inHospital && today == person.dischargeDay) {
      discharge(person);
      if (person.died) {
        return;
      }
    }
    if (!person.inHospital && today == person.admissionDay) {
      admit(person, lengthOfStay());
    }
    if (enrolled) {
      contacts(person);
    }
    outcomes(person, enrolled);
    if (enrolled && today == person.endDay && !person.ended) {
      if (person.exitReason != null) {
        exit(person, person.exitReason);
      }
      end(person);
    }
    person.recentContacts *= CONTACT_MEMORY;
  }

  private void end(Person person) {
    person.ended = true;
    person.tailUntil = today + 30; // readmissions after the end still follow a late discharge
    if (person.group != null) {
      person.group.members.remove(person);
      if (person.group.members.isEmpty()) {
        groups.remove(person.group);
      }
      person.group = null;
    }
  }

  private void exit(Person person, String reason) {
    long recorded = recorded(-1);
    line.start(newId('x'), "EXITED", siteId, dayText, -1, offsetText, recorded, lastSource)
        .string("person_id", person.id).string("reason", reason);
    push(recorded, line.end(), null);
  }

  private int lengthOfStay() {
    return 4 + (int) (-Math.log(1 - random.nextDouble()) * 16);
  }

  // ---------------------------------------------------------------- contacts

  private double phaseFactor(Person person, boolean psw) {
    if (profile.programme() != Programme.CTI_TS) {
      return 1.0;
    }
    long phase = (today - person.enrolDay) / 91;
    if (phase == 0) {
      return 1.0;
    }
    if (phase == 1) {
      return psw ? 0.5 : 0.6;
    }
    return psw ? 0.2 : 0.3;
  }

  private void contacts(Person person) {
    boolean peer = !person.arm.equals("CONTROL");
    if (peer) {
      if (today == person.pswFollowUpDay) {
        contact(person, psws, "PSW", false, true);
      } else {
        double perWeek = profile.pswPerWeek() * phaseFactor(person, true);
        if (person.groupTrack) {
          perWeek *= 0.25; // mostly seen in the weekly group
        }
        if (paused) {
          perWeek *= 0.35;
        }
        if (person.inHospital) {
          perWeek *= profile.programme() == Programme.IMPPEER ? 1.3 : 0.3;
        }
        if ("DROPPED_OUT".equals(person.exitReason) && today > person.endDay - 21) {
          perWeek *= 0.1; // disengaged weeks before the dropout is recorded
        }
        double perDay = weekday ? perWeek / 5 : (profile.programme() == Programme.CTI_TS ? perWeek * 0.05 : 0);
        if (random.nextDouble() < perDay * (0.4 + 0.6 * person.engagement)) {
          contact(person, psws, "PSW", false, false);
        }
      }
    }
    if (today == person.followUpDay) {
      contact(person, mhws, "MHW", false, true);
    } else if (!person.inHospital && weekday) {
      double perWeek = profile.mhwPerWeek() * phaseFactor(person, false);
      if ("HOME_TREATMENT".equals(person.setting)) {
        perWeek = 3;
      }
      if (random.nextDouble() < perWeek / 5) {
        contact(person, mhws, "MHW", false, false);
      }
    }
  }

  private void contact(Person person, Worker[] slots, String role, boolean crisis, boolean attends) {
    Worker worker = active(slots, role.equals("PSW") ? person.psw : person.mhw);
    if (worker == null) {
      return;
    }
    boolean psw = role.equals("PSW");
    String mode = crisis ? (random.nextDouble() < 0.7 ? "HOME_VISIT" : "PHONE") : mode(person, psw);
    String outcome = "ATTENDED";
    if (!attends && random.nextDouble() > 0.55 + 0.4 * person.engagement) {
      outcome = random.nextDouble() < 0.7 ? "DID_NOT_ATTEND" : "CANCELLED";
    }
    int minute = crisis ? 16 * 60 + random.nextInt(5 * 60) : 8 * 60 + random.nextInt(10 * 60);
    int duration = outcome.equals("ATTENDED") ? duration(mode) : 0;
    if (psw && outcome.equals("ATTENDED")) {
      person.recentContacts += 1;
    }
    writeContact(List.of(person.id), worker, mode, duration, outcome, crisis, minute);
    if (profile.programme() == Programme.CTI_TS && psw && mode.equals("HOME_VISIT") && random.nextDouble() < 0.3) {
      Worker pair = active(mhws, person.mhw);
      if (pair != null) { // the pair visits together: each records the contact
        writeContact(List.of(person.id), pair, mode, duration, outcome, crisis, minute);
      }
    }
  }

  private String mode(Person person, boolean psw) {
    if (person.inHospital) {
      return "IN_PERSON";
    }
    if ("HOME_TREATMENT".equals(person.setting)) {
      return random.nextDouble() < 0.85 ? "HOME_VISIT" : "PHONE";
    }
    double phone = paused ? 0.85 : pandemic ? 0.35 : 0.10;
    double u = random.nextDouble();
    if (u < phone) {
      return pandemic && random.nextDouble() < 0.2 ? "VIDEO" : "PHONE";
    }
    u = random.nextDouble();
    if (u < (psw ? profile.pswHomeVisitShare() : profile.mhwHomeVisitShare())) {
      return "HOME_VISIT";
    }
    if (psw && profile.programme() == Programme.CTI_TS && u < profile.pswHomeVisitShare() + 0.25) {
      return "ACCOMPANIMENT"; // to appointments and outings
    }
    if (psw && u > 0.97) {
      return "MESSAGE";
    }
    return "IN_PERSON";
  }

  private int duration(String mode) {
    return switch (mode) {
      case "PHONE" -> 10 + random.nextInt(25);
      case "VIDEO" -> 20 + random.nextInt(30);
      case "MESSAGE" -> random.nextInt(6);
      case "HOME_VISIT" -> 45 + 15 * random.nextInt(4);
      case "ACCOMPANIMENT" -> 60 + 30 * random.nextInt(5);
      case "GROUP" -> 90;
      default -> 30 + 15 * random.nextInt(3);
    };
  }

  private void writeContact(List<String> personIds, Worker worker, String mode, int duration, String outcome,
      boolean crisis, int minute) {
    long recorded = recorded(minute);
    String id = newId('c');
    line.start(id, "CONTACT", siteId, dayText, minute, offsetText, recorded, lastSource)
        .strings("person_ids", personIds).string("worker_id", worker.id).string("worker_role", worker.role)
        .string("mode", mode).number("duration_minutes", duration).string("outcome", outcome).bool("crisis", crisis);
    push(recorded, line.end(), id);
  }

  // ---------------------------------------------------------------- groups

  private void joinGroup(Person person) {
    for (Group group : groups) {
      if (group.members.size() < GROUP_SIZE) {
        group.members.add(person);
        person.group = group;
        return;
      }
    }
    Group group = new Group((int) (groupCounter % psws.length), 1 + (int) (groupCounter % 5));
    groupCounter++;
    group.members.add(person);
    person.group = group;
    groups.add(group);
  }

  /** Weekly group sessions; during a pause Be'er Sheva-style groups meet by video now and then. */
  private void groupSessions() {
    for (Group group : groups) {
      if (group.weekday != dayOfWeek || (paused && random.nextDouble() < 0.6)) {
        continue;
      }
      List<String> attendees = new ArrayList<>(GROUP_SIZE);
      Person single = null;
      for (Person member : group.members) {
        if (!member.inHospital && !member.ended && random.nextDouble() < 0.35 + 0.55 * member.engagement) {
          attendees.add(member.id);
          member.recentContacts += 1;
          single = member;
        }
      }
      Worker worker = active(psws, group.psw);
      if (attendees.isEmpty() || worker == null) {
        continue;
      }
      String mode = attendees.size() == 1 ? "IN_PERSON" : paused ? "VIDEO" : "GROUP";
      if (attendees.size() == 1 && paused) {
        mode = "PHONE";
      }
      int duration = attendees.size() == 1 ? duration(mode) : 90;
      writeContact(attendees.size() == 1 ? List.of(single.id) : attendees, worker, mode, duration, "ATTENDED", false,
          10 * 60 + 30 * random.nextInt(12));
    }
  }

  // ---------------------------------------------------------------- outcomes

  /**
   * Relapse hazard: the site's rate, doubled-and-a-half in the month after a discharge, and for
   * peer-supported persons lower by up to half with recent PSW contact. A relapse may bring a
   * same-day crisis contact and, less often when someone came, a psychiatric admission.
   */
  private void outcomes(Person person, boolean enrolled) {
    if (person.inHospital) {
      return;
    }
    double hazard = profile.relapsesPerYear() / 365.0;
    boolean peer = !person.arm.equals("CONTROL");
    if (peer && enrolled) {
      hazard *= 1.0 - 0.5 * Math.min(1.0, person.recentContacts / 3.0);
    }
    if (today <= person.postDischargeUntil) {
      hazard *= 2.5;
    }
    if (random.nextDouble() >= hazard) {
      return;
    }
    int minute = 7 * 60 + random.nextInt(9 * 60);
    long recorded = recorded(minute);
    String id = newId('r');
    double u = random.nextDouble();
    String kind = u < 0.3 ? "CRISIS_TEAM" : u < 0.55 ? "EMERGENCY_VISIT" : u < 0.85 ? "CLINICIAN_ASSESSED" : "SELF_REPORTED";
    line.start(id, "RELAPSE", siteId, dayText, minute, offsetText, recorded, lastSource)
        .string("person_id", person.id).string("kind", kind);
    push(recorded, line.end(), id);
    boolean crisisCame = false;
    if (enrolled && peer) {
      double sameDay = profile.programme() == Programme.CTI_TS ? 0.8 : 0.35;
      if (random.nextDouble() < sameDay) {
        contact(person, psws, "PSW", true, true);
        crisisCame = true;
      }
    } else if (enrolled && random.nextDouble() < 0.3) {
      contact(person, mhws, "MHW", true, true);
    }
    if (random.nextDouble() < (crisisCame ? 0.22 : 0.4)) {
      person.admissionDay = today + (random.nextDouble() < 0.6 ? 0 : 1 + random.nextInt(3));
      if (person.admissionDay == today) {
        admit(person, lengthOfStay());
      }
    }
  }

  private void admit(Person person, int lengthOfStay) {
    boolean psychiatric = person.preEnrolment || random.nextDouble() < 0.93;
    int minute = random.nextInt(24 * 60);
    long recorded = recorded(minute);
    person.stayId = "s" + (++stayCounter);
    line.start(newId('a'), "ADMITTED", siteId, dayText, minute, offsetText, recorded, lastSource)
        .string("person_id", person.id).string("stay_id", person.stayId)
        .string("ward", psychiatric ? "PSYCHIATRIC" : "OTHER")
        .bool("involuntary", psychiatric && random.nextDouble() < profile.involuntaryShare());
    push(recorded, line.end(), null);
    person.inHospital = true;
    person.dischargeDay = today + (psychiatric ? lengthOfStay : 1 + random.nextInt(5));
    person.admissionDay = -1;
  }

  private void discharge(Person person) {
    double u = random.nextDouble();
    String type = u < 0.86 ? "ROUTINE" : u < 0.95 ? "AGAINST_ADVICE" : u < 0.995 ? "TRANSFER" : "DIED";
    if (person.preEnrolment && type.equals("DIED")) {
      type = "ROUTINE";
    }
    int minute = 9 * 60 + random.nextInt(8 * 60);
    long recorded = recorded(minute);
    line.start(newId('d'), "DISCHARGED", siteId, dayText, minute, offsetText, recorded, lastSource)
        .string("person_id", person.id).string("stay_id", person.stayId).string("discharge_type", type);
    push(recorded, line.end(), null);
    person.inHospital = false;
    switch (type) {
      case "TRANSFER" -> person.admissionDay = today + random.nextInt(2); // merged into one stay
      case "DIED" -> {
        person.died = true;
        if (!person.ended && today >= person.enrolDay && today <= person.endDay) {
          exit(person, "DIED");
        }
        end(person);
        return;
      }
      default -> {
        person.postDischargeUntil = today + 30;
        boolean peer = !person.arm.equals("CONTROL");
        if (random.nextDouble() < profile.followUpShare()) {
          person.followUpDay = today + 1 + random.nextInt(7);
        } else if (random.nextDouble() < 0.5) {
          person.followUpDay = today + 8 + random.nextInt(20);
        }
        double pswFollowUp = profile.programme() == Programme.CTI_TS ? 0.9 : 0.5;
        if (peer && random.nextDouble() < pswFollowUp) {
          person.pswFollowUpDay = today + 1 + random.nextInt(5);
        }
      }
    }
    if (person.preEnrolment) {
      // CTI: enrolment at the discharge, the same day or within the week after
      person.enrolDay = today + (random.nextDouble() < 0.6 ? 0 : 1 + random.nextInt(5));
    }
  }

  // ---------------------------------------------------------------- recording

  private String newId(char type) {
    return siteId + '-' + type + '-' + Long.toString(eventCounter++, 36);
  }

  /**
   * When the event is recorded: late in the next month's register upload with the late fraction,
   * else live (minutes to hours after it happened, now and then a few days later). Sets
   * {@link #lastSource}.
   */
  private long recorded(int minuteOfDay) {
    if (settings.lateFraction() > 0 && random.nextDouble() < settings.lateFraction()) {
      lastSource = "register-upload";
      return uploadSecond + uploadCount++ % 3600;
    }
    return live(minuteOfDay);
  }

  private long live(int minuteOfDay) {
    lastSource = profile.programme() == Programme.IMPPEER ? "ehr" : "app";
    if (random.nextDouble() < 0.08) {
      return midnight + (1 + random.nextInt(3)) * 86_400L + 9 * 3600L + random.nextInt(8 * 3600);
    }
    if (minuteOfDay < 0) {
      return midnight + 8 * 3600L + random.nextInt(10 * 3600);
    }
    return midnight + minuteOfDay * 60L + 300 + random.nextInt(4 * 3600);
  }

  /** Buffers an event; sometimes sends it twice, or schedules a VOID of it (a register correction). */
  private void push(long recordedSecond, String json, String voidableId) {
    add(new Pending(recordedSecond, sequence++, json));
    if (settings.duplicateFraction() > 0 && random.nextDouble() < settings.duplicateFraction()) {
      add(new Pending(recordedSecond, sequence++, json));
    }
    if (voidableId != null && settings.voidFraction() > 0 && random.nextDouble() < settings.voidFraction()) {
      long voidDay = today + 1 + random.nextInt(28);
      if (voidDay <= endDay) {
        long voidRecorded = voidDay * 86_400L - offsetSeconds + 9 * 3600L + random.nextInt(8 * 3600);
        StringBuilder date = new StringBuilder(10);
        JsonLine.date(date, LocalDate.ofEpochDay(voidDay));
        line.start(newId('v'), "VOID", siteId, date.toString(), -1, offsetText, voidRecorded, "register-correction")
            .string("voids_event_id", voidableId);
        add(new Pending(voidRecorded, sequence++, line.end()));
      }
    }
  }

  private void add(Pending event) {
    if (event.recordedSecond() < midnight) {
      throw new IllegalStateException("recorded before the simulated day: " + event.json());
    }
    pending.add(event);
    gauge.buffered();
  }

  private int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  // ---------------------------------------------------------------- state

  private static final class Worker {
    final String id;
    final String role;
    double fte;
    boolean active = true;
    boolean left;
    long returnDay = -1;
    long hireDay = -1;

    Worker(String id, String role) {
      this.id = id;
      this.role = role;
    }
  }

  private static final class Group {
    final int psw;
    final int weekday;
    final List<Person> members = new ArrayList<>(GROUP_SIZE);

    Group(int psw, int weekday) {
      this.psw = psw;
      this.weekday = weekday;
    }
  }

  /** A person while enrolled, in hospital or within 30 days after; dropped afterwards. */
  private static final class Person {
    final String id;
    String arm;
    String setting;
    boolean groupTrack;
    double engagement;
    int psw;
    int mhw;
    boolean preEnrolment;
    long enrolDay = Long.MIN_VALUE;
    long endDay = Long.MIN_VALUE;
    String exitReason;
    boolean ended;
    boolean died;
    long tailUntil = Long.MAX_VALUE;
    boolean inHospital;
    String stayId;
    long dischargeDay = -1;
    long admissionDay = -1;
    long postDischargeUntil = -1;
    long followUpDay = -1;
    long pswFollowUpDay = -1;
    double recentContacts;
    Group group;

    Person(String id) {
      this.id = id;
    }

    boolean isDone(long today) {
      if (died) {
        return true;
      }
      return ended && !inHospital && admissionDay < today && today >= tailUntil;
    }
  }

  /** Counters shared by the sites of one run: how much is buffered, for the memory bound. */
  static final class Gauge {
    long buffered;
    long peakBuffered;
    long malformed;
    long produced;
    private final int[] personsBySite;
    long personsInMemory;
    long peakPersonsInMemory;

    Gauge(int sites) {
      this.personsBySite = new int[sites];
    }

    void buffered() {
      buffered++;
      produced++;
      if (buffered > peakBuffered) {
        peakBuffered = buffered;
      }
    }

    void released() {
      buffered--;
    }

    void persons(int site, int count) {
      personsInMemory += count - personsBySite[site];
      personsBySite[site] = count;
      peakPersonsInMemory = Math.max(peakPersonsInMemory, personsInMemory);
    }
  }
}
