package io.peerpulse.app.generate;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A deterministic, streaming generator of realistic service events (spec/events.md) for the
 * programmes of spec/domain.md.
 *
 * <h2>Realism model</h2>
 * Each site ({@link SiteProfile}) is simulated day by day in its own time zone:
 * <ul>
 *   <li><b>Enrolment</b>: Poisson arrivals on weekdays (none while the site is paused); UPSIDES and
 *       CTI-TS randomise INTERVENTION/CONTROL in blocks of four, ImpPeer has arm NONE. CTI-TS
 *       persons are first ADMITTED, and ENROLLED on the day of their DISCHARGED or within five days.
 *   <li><b>Dose</b>: intervention persons get one-to-one PSW contacts at the site's weekly rate,
 *       scaled by a per-person engagement; group-track persons (most of Be'er Sheva's) meet in
 *       weekly groups of up to eight ({@code person_ids} with several people). Modes follow the
 *       site: home visits by PSWs at lower-resourced sites, accompaniment in CTI, phone and video
 *       during COVID-19 and almost only phone while paused. CTI's three 91-day phases taper
 *       (PSW 1 : 0.5 : 0.2). Everybody gets routine MHW contacts; CTI pairs a PSW with an MHW who
 *       sometimes visits together.
 *   <li><b>Exits</b>: dropout (more with low engagement, contacts fading three weeks before),
 *       withdrawal, moves, deaths, else COMPLETED at {@code planned_days} (sometimes unrecorded).
 *   <li><b>Outcomes</b>: a daily relapse hazard, 2.5 times higher in the month after a discharge
 *       and up to half lower with recent PSW contact; a relapse may bring a same-day crisis
 *       contact ({@code crisis=true}) and a psychiatric admission, less often when someone came.
 *       Hence relapse and readmission are lower in the intervention arm. Stays end ROUTINE,
 *       AGAINST_ADVICE, TRANSFER (a merged next stay) or DIED; follow-up MHW contacts within 7
 *       days at the site's rate, PSW follow-up for intervention persons.
 *   <li><b>Workforce</b>: PSW and MHW rosters sized by caseload, WORKER_STATUS at start and on
 *       FTE changes, inactive spells and turnover (a new hire weeks later); scheduled SUPERVISION.
 *       A person's contacts go to a colleague while their worker is away.
 *   <li><b>Pauses</b>: SITE_PAUSE events at each UPSIDES site's COVID-19 lockdowns of 2020-2021.
 *   <li><b>Mess</b>: {@code lateFraction} of events is recorded in the monthly register upload
 *       (one day in the next month's first week, source {@code register-upload}); the rest within
 *       hours, 8 % a few days later. Some events are sent twice, some contacts and relapses voided
 *       later, and {@code malformedFraction} of lines is replaced by a bad row ({@link Malform}).
 * </ul>
 *
 * <h2>Streaming and memory</h2>
 * Lines come in ascending {@code recordedAt} (ties: site order, then generation order). A site
 * simulates its next day only when its buffered events cannot be released yet. What is held does
 * not grow with the length of the history: per site, the persons currently enrolled (or in
 * hospital, or within 30 days after), the worker roster, and the buffer of events not yet
 * released — at most about (events per site-day) × (38 × late fraction + 4 + 29 × void fraction),
 * i.e. the current month's upload, the next few days of live recording and scheduled voids.
 * {@link #bufferedEvents()} and {@link #peakBufferedEvents()} expose it.
 *
 * <h2>Determinism</h2>
 * Each site draws from its own {@link java.util.SplittableRandom} derived from the seed and its
 * position, and malformation from a second one in release order, so equal settings give equal
 * bytes whatever the JVM or the number of sites around it.
 */
public final class EventGenerator {

  private final GeneratorSettings settings;
  private SiteSimulator.Gauge gauge;

  public EventGenerator(GeneratorSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.gauge = new SiteSimulator.Gauge(settings.sites().size());
  }

  public GeneratorSettings settings() {
    return settings;
  }

  /** A fresh run over the whole range; the counters below then describe this run. */
  public Iterator<GeneratedLine> lines() {
    gauge = new SiteSimulator.Gauge(settings.sites().size());
    return new Merge(gauge);
  }

  /** Events generated and not yet released by the latest run. */
  public long bufferedEvents() {
    return gauge.buffered;
  }

  /** The most events buffered at once in the latest run: the memory bound in practice. */
  public long peakBufferedEvents() {
    return gauge.peakBuffered;
  }

  /** The most persons held at once in the latest run (enrolled, in hospital or within 30 days after). */
  public long peakPersonsInMemory() {
    return gauge.peakPersonsInMemory;
  }

  /** Lines of the latest run replaced by malformed rows so far. */
  public long malformedLines() {
    return gauge.malformed;
  }

  /** Merges the sites' recorded-order streams: a heap of sites keyed by their next releasable event. */
  private final class Merge implements Iterator<GeneratedLine> {

    private final PriorityQueue<SiteSimulator> sites = new PriorityQueue<>((a, b) -> {
      int order = Long.compare(a.head().recordedSecond(), b.head().recordedSecond());
      return order != 0 ? order : Integer.compare(a.index, b.index);
    });

    Merge(SiteSimulator.Gauge gauge) {
      List<SiteProfile> profiles = settings.sites();
      double meanSize = profiles.stream().mapToDouble(SiteProfile::size).average().orElse(1);
      for (int i = 0; i < profiles.size(); i++) {
        SiteSimulator site = new SiteSimulator(i, profiles.get(i), settings, meanSize, gauge);
        site.advance();
        if (site.head() != null) {
          sites.add(site);
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !sites.isEmpty();
    }

    @Override
    public GeneratedLine next() {
      SiteSimulator site = sites.poll();
      if (site == null) {
        throw new NoSuchElementException("no more generated lines");
      }
      GeneratedLine line = site.poll();
      site.advance();
      if (site.head() != null) {
        sites.add(site);
      }
      return line;
    }
  }
}
