package io.peerpulse.streams.cells;

import io.peerpulse.event.Admitted;
import io.peerpulse.event.Contact;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.EventVoid;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.SitePause;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.person.MemberFact;
import io.peerpulse.streams.person.PersonTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The domain half of the pipeline over a {@code .jsonl} file, without Kafka: parse (rejected lines
 * reserve nothing), first arrival per {@code event_id}, voids (whichever order; a void of a void is
 * ignored), site facts, person facts, cells, site rows and {@code *} rows. Arrival order is file
 * order. Test-only: it checks the domain classes against the worked example and the reference.
 */
public final class DomainHarness {

  private final List<SiteRow> siteRows;
  private final List<SiteRow> totalRows;
  private final Map<String, SiteFacts> sites;

  private DomainHarness(List<SiteRow> siteRows, List<SiteRow> totalRows, Map<String, SiteFacts> sites) {
    this.siteRows = siteRows;
    this.totalRows = totalRows;
    this.sites = sites;
  }

  public static DomainHarness run(Path jsonl, EngineConfig config) throws IOException {
    List<SequencedEvent> accepted = firstArrivals(Files.readAllLines(jsonl));
    List<SequencedEvent> effective = effective(accepted);
    Map<String, SiteFacts> sites = siteFacts(accepted, effective);
    Map<CellKey, List<MemberFact>> cells = new LinkedHashMap<>();
    for (Map.Entry<String, List<SequencedEvent>> person : byPerson(effective).entrySet()) {
      for (MemberFact fact : PersonTimeline.facts(person.getKey(), person.getValue())) {
        for (CellKey cell : CellCalculator.cellsOf(fact)) {
          cells.computeIfAbsent(cell, k -> new ArrayList<>()).add(fact);
        }
      }
    }
    List<SiteRow> siteRows = new ArrayList<>();
    cells.forEach((cell, members) -> siteRows.addAll(CellCalculator.rows(cell, members, sites.get(cell.base().siteId()), config)));
    return new DomainHarness(List.copyOf(siteRows), Totals.poolAll(siteRows), sites);
  }

  public List<SiteRow> siteRows() {
    return siteRows;
  }

  public List<SiteRow> totalRows() {
    return totalRows;
  }

  public List<SiteRow> allRows() {
    List<SiteRow> all = new ArrayList<>(siteRows);
    all.addAll(totalRows);
    return all;
  }

  public SiteFacts site(String siteId) {
    return sites.get(siteId);
  }

  /** The effective events of JSON lines in arrival order, grouped by the persons they name. */
  public static Map<String, List<SequencedEvent>> personEvents(List<String> lines) {
    return byPerson(effective(firstArrivals(lines)));
  }

  private static List<SequencedEvent> effective(List<SequencedEvent> accepted) {
    Set<String> voided = voidedIds(accepted);
    return accepted.stream()
        .filter(e -> !(e.event().getPayload() instanceof EventVoid))
        .filter(e -> !voided.contains(e.event().getEventId()))
        .toList();
  }

  private static List<SequencedEvent> firstArrivals(List<String> lines) {
    Set<String> seen = new HashSet<>();
    List<SequencedEvent> accepted = new ArrayList<>();
    long seq = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      seq++;
      if (EventJson.parse(line) instanceof ParseResult.Accepted ok && seen.add(ok.event().getEventId())) {
        accepted.add(new SequencedEvent(seq, ok.event()));
      }
    }
    return accepted;
  }

  private static Set<String> voidedIds(List<SequencedEvent> accepted) {
    Set<String> voids = new HashSet<>();
    Set<String> notVoids = new HashSet<>();
    for (SequencedEvent e : accepted) {
      if (e.event().getPayload() instanceof EventVoid v) {
        voids.add(v.getVoidsEventId());
      } else {
        notVoids.add(e.event().getEventId());
      }
    }
    voids.retainAll(notVoids);
    return voids;
  }

  /** Horizon from every accepted event of the site (voids and voided included); pauses from effective ones. */
  private static Map<String, SiteFacts> siteFacts(List<SequencedEvent> accepted, List<SequencedEvent> effective) {
    Map<String, LocalDate> horizons = new TreeMap<>();
    for (SequencedEvent e : accepted) {
      horizons.merge(e.event().getSiteId(), e.date(), (a, b) -> a.isAfter(b) ? a : b);
    }
    Map<String, List<DateRange>> pauses = new HashMap<>();
    for (SequencedEvent e : effective) {
      if (e.event().getPayload() instanceof SitePause pause && !pause.getPausedUntil().isBefore(e.date())) {
        pauses.computeIfAbsent(e.event().getSiteId(), k -> new ArrayList<>()).add(new DateRange(e.date(), pause.getPausedUntil()));
      }
    }
    Map<String, SiteFacts> sites = new TreeMap<>();
    horizons.forEach((site, horizon) -> sites.put(site, new SiteFacts(site, horizon, pauses.getOrDefault(site, List.of()))));
    return sites;
  }

  /** The events naming each person: a contact goes to each distinct person it lists. */
  private static Map<String, List<SequencedEvent>> byPerson(List<SequencedEvent> effective) {
    Map<String, List<SequencedEvent>> byPerson = new TreeMap<>();
    for (SequencedEvent e : effective) {
      for (String person : personsNamed(e.event())) {
        byPerson.computeIfAbsent(person, k -> new ArrayList<>()).add(e);
      }
    }
    return byPerson;
  }

  private static Set<String> personsNamed(Event event) {
    Object p = event.getPayload();
    if (p instanceof Contact c) {
      return new LinkedHashSet<>(c.getPersonIds());
    } else if (p instanceof Enrolled x) {
      return Set.of(x.getPersonId());
    } else if (p instanceof Exited x) {
      return Set.of(x.getPersonId());
    } else if (p instanceof Admitted x) {
      return Set.of(x.getPersonId());
    } else if (p instanceof Discharged x) {
      return Set.of(x.getPersonId());
    } else if (p instanceof Relapse x) {
      return Set.of(x.getPersonId());
    }
    return Set.of();
  }
}
