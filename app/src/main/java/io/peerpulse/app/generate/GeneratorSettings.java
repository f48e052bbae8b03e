package io.peerpulse.app.generate;

import io.peerpulse.app.generate.SiteProfile.Programme;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * What to generate. Everything the output depends on is here, so equal settings give equal bytes.
 *
 * @param seed seed of every random choice
 * @param start first simulated day (site-local date)
 * @param end last simulated day, inclusive (late uploads of its month are recorded after it)
 * @param sites the site profiles, in output tie-break order
 * @param personsPerSite persons enrolled over the whole range at a site of size 1.0
 * @param lateFraction share of events recorded in the next month's register upload (first week of
 *     the following month) instead of within days
 * @param malformedFraction share of output lines replaced by a malformed row (broken JSON, missing
 *     field, bad enum value, bad or future timestamp)
 * @param duplicateFraction share of events sent twice (same event_id, same body)
 * @param voidFraction share of contacts and relapses retracted by a later VOID
 */
public record GeneratorSettings(
    long seed,
    LocalDate start,
    LocalDate end,
    List<SiteProfile> sites,
    int personsPerSite,
    double lateFraction,
    double malformedFraction,
    double duplicateFraction,
    double voidFraction) {

  /** First day of the default range: covers the COVID-19 pauses of 2020-2021. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2020, 1, 1);

  public GeneratorSettings {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    sites = List.copyOf(sites);
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + ": expected on or after start " + start);
    }
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("sites: expected at least one site profile");
    }
    if (sites.stream().map(SiteProfile::siteId).distinct().count() != sites.size()) {
      throw new IllegalArgumentException("sites: site ids must be distinct");
    }
    if (personsPerSite < 1) {
      throw new IllegalArgumentException("personsPerSite " + personsPerSite + ": expected at least 1");
    }
    checkFraction("lateFraction", lateFraction);
    checkFraction("malformedFraction", malformedFraction);
    checkFraction("duplicateFraction", duplicateFraction);
    checkFraction("voidFraction", voidFraction);
  }

  /**
   * The demo history: the six UPSIDES-like sites and Santiago (CTI-TS), two years ending on
   * {@code end}, about 100,000 events, 10 % of them in late monthly uploads, a little mess.
   */
  public static GeneratorSettings demo(LocalDate end) {
    return new GeneratorSettings(20_200_316L, end.minusYears(2).plusDays(1), end,
        SiteProfile.forProgrammes(EnumSet.of(Programme.UPSIDES, Programme.CTI_TS), null, 20_200_316L), 600, 0.10, 0.001,
        0.005, 0.005);
  }

  /** The command-line defaults for a range of whole years from {@code start}. */
  public static GeneratorSettings of(long seed, LocalDate start, int years, List<SiteProfile> sites, int personsPerSite,
      double lateFraction, double malformedFraction) {
    if (years < 1) {
      throw new IllegalArgumentException("years " + years + ": expected at least 1");
    }
    return new GeneratorSettings(seed, start, start.plusYears(years).minusDays(1), sites, personsPerSite, lateFraction,
        malformedFraction, 0.005, 0.005);
  }

  public GeneratorSettings withSeed(long newSeed) {
    return new GeneratorSettings(newSeed, start, end, sites, personsPerSite, lateFraction, malformedFraction,
        duplicateFraction, voidFraction);
  }

  private static void checkFraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " " + value + ": expected a number between 0 and 1");
    }
  }
}
