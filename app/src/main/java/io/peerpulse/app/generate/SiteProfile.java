package io.peerpulse.app.generate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How one site delivers its programme: the knobs of the realism model (see {@link EventGenerator}).
 * The figures are plausible readings of the published programme descriptions in spec/domain.md,
 * not study data.
 *
 * @param siteId site id of the events ({@code [a-z0-9-]{1,40}})
 * @param programme programme written on enrolments
 * @param zone the site's time zone: {@code occurred_at} carries its local offset
 * @param size relative size (enrolments = persons-per-site × size)
 * @param settings enrolment settings, drawn uniformly (repeat a value to weight it)
 * @param plannedDays planned enrolment length
 * @param pswPerWeek one-to-one PSW contacts offered per week at full engagement (the dose)
 * @param mhwPerWeek routine MHW contacts per week (both arms)
 * @param groupShare share of intervention users who receive peer support mainly in weekly groups
 * @param pswHomeVisitShare share of one-to-one PSW contacts that are home visits
 * @param mhwHomeVisitShare share of MHW contacts that are home visits
 * @param caseloadPerPsw intended concurrent users per PSW (sizes the roster)
 * @param supervisionEveryDays days between supervision sessions of a PSW
 * @param supervisionMode mode of those sessions
 * @param fteChangesPerYear FTE changes per worker and year (ImpPeer hospitals: many)
 * @param involuntaryShare share of psychiatric admissions that are involuntary
 * @param followUpShare chance of an MHW follow-up contact within 7 days of a discharge
 * @param relapsesPerYear relapse rate per person-year without peer contact
 * @param pauses site pauses (COVID-19 lockdowns), in date order
 */
public record SiteProfile(
    String siteId,
    Programme programme,
    ZoneId zone,
    double size,
    List<String> settings,
    int plannedDays,
    double pswPerWeek,
    double mhwPerWeek,
    double groupShare,
    double pswHomeVisitShare,
    double mhwHomeVisitShare,
    int caseloadPerPsw,
    int supervisionEveryDays,
    String supervisionMode,
    double fteChangesPerYear,
    double involuntaryShare,
    double followUpShare,
    double relapsesPerYear,
    List<Pause> pauses) {

  /** The programme models the generator knows. */
  public enum Programme {
    /** Six-site RCT, up to 6 months of peer support, COVID-19 pauses. */
    UPSIDES,
    /** Critical Time Intervention: enrolment at discharge, PSW+MHW pairs, three tapering phases. */
    CTI_TS,
    /** German psychiatric hospitals: inpatient, outpatient and home-treatment peer work, no trial arms. */
    IMPPEER
  }

  /** A site pause from {@code from} to {@code until}, both inclusive. */
  public record Pause(LocalDate from, LocalDate until) {
    public Pause {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(until, "until");
      if (until.isBefore(from)) {
        throw new IllegalArgumentException("pause until " + until + " is before its start " + from);
      }
    }

    boolean contains(LocalDate day) {
      return !day.isBefore(from) && !day.isAfter(until);
    }
  }

  public SiteProfile {
    Objects.requireNonNull(siteId, "siteId");
    if (!siteId.matches("[a-z0-9-]{1,40}")) {
      throw new IllegalArgumentException("siteId " + siteId + ": expected [a-z0-9-]{1,40}");
    }
    Objects.requireNonNull(programme, "programme");
    Objects.requireNonNull(zone, "zone");
    settings = List.copyOf(settings);
    pauses = List.copyOf(pauses);
    if (settings.isEmpty()) {
      throw new IllegalArgumentException("settings of " + siteId + ": expected at least one");
    }
    if (size <= 0 || plannedDays < 1 || caseloadPerPsw < 1 || supervisionEveryDays < 1) {
      throw new IllegalArgumentException("site " + siteId + ": size, planned days, caseload and supervision interval must be positive");
    }
  }

  /** The same site under another id and size (extra sites beyond the fixed lists). */
  public SiteProfile renamed(String newSiteId, double newSize) {
    return new SiteProfile(newSiteId, programme, zone, newSize, settings, plannedDays, pswPerWeek, mhwPerWeek, groupShare,
        pswHomeVisitShare, mhwHomeVisitShare, caseloadPerPsw, supervisionEveryDays, supervisionMode, fteChangesPerYear,
        involuntaryShare, followUpShare, relapsesPerYear, pauses);
  }

  boolean isPaused(LocalDate day) {
    for (Pause pause : pauses) {
      if (pause.contains(day)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The six UPSIDES-like sites. Lower-resourced sites (Butabika, Dar es Salaam, Pune) give a higher
   * dose with many home visits by PSWs and few by MHWs; Be'er Sheva runs peer support in groups;
   * every site paused for COVID-19 for a different length of time.
   */
  public static List<SiteProfile> upsides() {
    return List.of(
        upsides("ulm", "Europe/Berlin", 1.0, List.of("OUTPATIENT", "OUTPATIENT", "INPATIENT"), 1.0, 0.6, 0.2, 0.10, 0.25, 7,
            "GROUP", List.of(pause("2020-03-18", "2020-05-10"), pause("2020-12-16", "2021-01-31"))),
        upsides("hamburg", "Europe/Berlin", 1.3, List.of("COMMUNITY", "OUTPATIENT"), 0.8, 0.5, 0.15, 0.10, 0.30, 14,
            "GROUP", List.of(pause("2020-03-16", "2020-05-03"), pause("2020-12-16", "2021-02-14"))),
        upsides("butabika", "Africa/Kampala", 1.1, List.of("INPATIENT", "OUTPATIENT", "COMMUNITY"), 1.5, 0.3, 0.05, 0.50, 0.05,
            14, "PEER", List.of(pause("2020-03-30", "2020-07-26"), pause("2021-06-18", "2021-07-30"))),
        upsides("dar-es-salaam", "Africa/Dar_es_Salaam", 0.8, List.of("COMMUNITY", "OUTPATIENT"), 1.2, 0.3, 0.05, 0.45, 0.05,
            14, "PEER", List.of(pause("2020-04-01", "2020-05-31"))),
        upsides("beer-sheva", "Asia/Jerusalem", 0.6, List.of("COMMUNITY"), 0.5, 0.5, 0.85, 0.05, 0.20, 14, "GROUP",
            List.of(pause("2020-03-15", "2020-05-04"), pause("2020-09-18", "2020-10-18"), pause("2020-12-27", "2021-02-07"))),
        upsides("pune", "Asia/Kolkata", 1.0, List.of("COMMUNITY", "OUTPATIENT"), 1.3, 0.35, 0.05, 0.40, 0.05, 14, "INDIVIDUAL",
            List.of(pause("2020-03-25", "2020-08-31"), pause("2021-04-05", "2021-06-15"))));
  }

  private static SiteProfile upsides(String id, String zone, double size, List<String> settings, double pswPerWeek,
      double mhwPerWeek, double groupShare, double pswHomeVisits, double mhwHomeVisits, int supervisionEvery,
      String supervisionMode, List<Pause> pauses) {
    return new SiteProfile(id, Programme.UPSIDES, ZoneId.of(zone), size, settings, 182, pswPerWeek, mhwPerWeek, groupShare,
        pswHomeVisits, mhwHomeVisits, 12, supervisionEvery, supervisionMode, 0.5, 0.12, 0.6, 1.2, pauses);
  }

  /** Santiago, CTI-TS-like: small, PSW+MHW pairs, weekly individual supervision, a long 2020 lockdown. */
  public static SiteProfile ctiTs() {
    return new SiteProfile("santiago", Programme.CTI_TS, ZoneId.of("America/Santiago"), 0.35, List.of("COMMUNITY"), 273,
        2.0, 1.0, 0.0, 0.35, 0.30, 8, 7, "INDIVIDUAL", 0.3, 0.25, 0.75, 1.6,
        List.of(pause("2020-03-26", "2020-07-28")));
  }

  /**
   * ImpPeer-like German hospitals {@code klinik-001...}: sizes vary between hospitals, settings
   * inpatient, outpatient and home treatment, many FTE changes, more involuntary admissions.
   */
  public static List<SiteProfile> impPeer(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x1A9E_E5A5L);
    List<SiteProfile> sites = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      double size = 0.4 + random.nextDouble() * 1.6;
      sites.add(new SiteProfile(String.format(Locale.ROOT, "klinik-%03d", i), Programme.IMPPEER, ZoneId.of("Europe/Berlin"),
          size, List.of("INPATIENT", "INPATIENT", "INPATIENT", "OUTPATIENT", "OUTPATIENT", "HOME_TREATMENT"), 91, 1.5, 1.0,
          0.15, 0.20, 0.30, 10, 28, random.nextBoolean() ? "GROUP" : "PEER", 2.5, 0.20, 0.65, 1.4, List.of()));
    }
    return sites;
  }

  /**
   * The sites of the chosen programmes, in a fixed order: UPSIDES' six, then santiago, then
   * ImpPeer hospitals. With {@code count} given, the first {@code count}; beyond the fixed list,
   * more ImpPeer hospitals when IMPPEER is chosen, else numbered copies ({@code ulm-2}, ...).
   */
  public static List<SiteProfile> forProgrammes(Set<Programme> programmes, Integer count, long seed) {
    if (programmes.isEmpty()) {
      throw new IllegalArgumentException("programmes: expected at least one of UPSIDES, CTI_TS, IMPPEER");
    }
    List<SiteProfile> fixed = new ArrayList<>();
    if (programmes.contains(Programme.UPSIDES)) {
      fixed.addAll(upsides());
    }
    if (programmes.contains(Programme.CTI_TS)) {
      fixed.add(ctiTs());
    }
    if (programmes.contains(Programme.IMPPEER)) {
      int hospitals = count == null ? 8 : Math.max(0, count - fixed.size());
      fixed.addAll(impPeer(hospitals, seed));
    }
    if (count == null || count == fixed.size()) {
      return List.copyOf(fixed);
    }
    if (count < fixed.size()) {
      return List.copyOf(fixed.subList(0, count));
    }
    List<SiteProfile> sites = new ArrayList<>(fixed);
    for (int i = fixed.size(); i < count; i++) {
      SiteProfile template = fixed.get(i % fixed.size());
      sites.add(template.renamed(template.siteId() + "-" + (i / fixed.size() + 1), template.size()));
    }
    return List.copyOf(sites);
  }

  private static Pause pause(String from, String until) {
    return new Pause(LocalDate.parse(from), LocalDate.parse(until));
  }
}
