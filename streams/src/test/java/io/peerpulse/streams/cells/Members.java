package io.peerpulse.streams.cells;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.person.EnrolmentFact;
import io.peerpulse.streams.person.IndexDischargeFact;
import io.peerpulse.streams.person.MemberFact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Hand-made member facts and site facts for cell-level tests (site ulm, UPSIDES, INTERVENTION). */
public final class Members {

  public static final String SITE = "ulm";
  public static final CellBase ULM = new CellBase(SITE, "UPSIDES", "INTERVENTION");
  public static final CellBase ULM_CONTROL = new CellBase(SITE, "UPSIDES", "CONTROL");
  public static final EngineConfig CONFIG = EngineConfig.DEFAULTS;

  private Members() {}

  public static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  public static Enrolment enrolment(String person, String start, String end) {
    return new Enrolment(person, d(start), d(end));
  }

  public static IndexDischargeFact discharge(String person, String date, String firstFollowUp, String nextStayStart) {
    return new IndexDischargeFact(person, SITE + "/" + person + date, "dis-" + person + date, ULM, d(date),
        firstFollowUp == null ? null : d(firstFollowUp), nextStayStart == null ? null : d(nextStayStart));
  }

  public static SiteFacts site(String horizon, DateRange... pauses) {
    return new SiteFacts(SITE, horizon == null ? null : d(horizon), List.of(pauses));
  }

  public static DateRange days(String first, String last) {
    return new DateRange(d(first), d(last));
  }

  public static List<SiteRow> rows(Period period, SiteFacts site, MemberFact... members) {
    return CellCalculator.rows(new CellKey(ULM, period), List.of(members), site, CONFIG);
  }

  public static Optional<SiteRow> row(Indicator indicator, Collection<SiteRow> rows) {
    return rows.stream().filter(r -> r.indicator() == indicator).findFirst();
  }

  public static SiteRow row(Indicator indicator, Period period, SiteFacts site, MemberFact... members) {
    return row(indicator, rows(period, site, members))
        .orElseThrow(() -> new AssertionError("no " + indicator + " row for " + period));
  }

  /** A builder of one enrolment fact. */
  public static final class Enrolment {
    private final String person;
    private final LocalDate start;
    private final LocalDate end;
    private CellBase base = ULM;
    private String exitReason;
    private LocalDate exitDate;
    private final List<LocalDate> psw = new ArrayList<>();
    private final List<LocalDate> episodes = new ArrayList<>();
    private final List<LocalDate> involuntary = new ArrayList<>();
    private final List<EnrolmentFact.BedDays> bedDays = new ArrayList<>();
    private final List<LocalDate> phaseContacts = new ArrayList<>();
    private final List<LocalDate> crisisMet = new ArrayList<>();

    private Enrolment(String person, LocalDate start, LocalDate end) {
      this.person = person;
      this.start = start;
      this.end = end;
    }

    public Enrolment base(CellBase value) {
      this.base = value;
      return this;
    }

    public Enrolment exit(String reason, String date) {
      this.exitReason = reason;
      this.exitDate = d(date);
      return this;
    }

    public Enrolment psw(String... dates) {
      Arrays.stream(dates).map(LocalDate::parse).forEach(psw::add);
      return this;
    }

    public Enrolment episodes(String... dates) {
      Arrays.stream(dates).map(LocalDate::parse).forEach(episodes::add);
      return this;
    }

    /** Attended contacts of any role in the enrolment's CTI phases (the phase contact rates). */
    public Enrolment phaseContacts(String... dates) {
      Arrays.stream(dates).map(LocalDate::parse).forEach(phaseContacts::add);
      return this;
    }

    /** Episodes (also listed in {@link #episodes}) met by a crisis contact that day or the next. */
    public Enrolment crisisMet(String... dates) {
      Arrays.stream(dates).map(LocalDate::parse).forEach(crisisMet::add);
      return this;
    }

    public Enrolment involuntary(String... dates) {
      Arrays.stream(dates).map(LocalDate::parse).forEach(involuntary::add);
      return this;
    }

    public Enrolment bed(String first, String last) {
      bedDays.add(new EnrolmentFact.BedDays(days(first, last), false));
      return this;
    }

    public Enrolment openBed(String first) {
      bedDays.add(new EnrolmentFact.BedDays(new DateRange(d(first), end), true));
      return this;
    }

    public EnrolmentFact build() {
      return new EnrolmentFact(person, "enr-" + person + start, base, start, end, exitReason, exitDate,
          psw.stream().sorted().toList(), episodes, involuntary, bedDays, phaseContacts.stream().sorted().toList(),
          crisisMet.stream().sorted().toList());
    }
  }
}
