package io.peerpulse.streams.workload;

import io.peerpulse.event.Contact;
import io.peerpulse.event.EventVoid;
import io.peerpulse.event.WorkerStatus;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.PeriodType;
import io.peerpulse.streams.cells.SiteFacts;
import io.peerpulse.streams.model.SequencedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The workload domain over a {@code .jsonl} file, without Kafka, as the site stage will drive it:
 * parse (rejected lines reserve nothing), first arrival per {@code event_id}, voids (whichever
 * order; a void of a void is ignored), per site its horizon (every accepted event of the site,
 * voids and voided included), contacts and roster, and every workload row of every period up to
 * the horizon. Arrival order is file order. Test-only.
 */
final class WorkloadHarness {

  /** What the site stage holds for one site. */
  record SiteInputs(String siteId, LocalDate horizon, List<WorkloadContact> contacts, List<WorkerStatusChange> statuses,
      List<SupervisionSession> supervisions) {

    SiteFacts facts() {
      return new SiteFacts(siteId, horizon, List.of());
    }

    SiteInputs withHorizon(LocalDate newHorizon) {
      return new SiteInputs(siteId, newHorizon, contacts, statuses, supervisions);
    }

    SiteInputs without(Object change) {
      List<WorkloadContact> otherContacts = contacts.stream().filter(c -> !c.equals(change)).toList();
      List<WorkerStatusChange> otherStatuses = statuses.stream().filter(s -> !s.equals(change)).toList();
      List<SupervisionSession> otherSupervisions = supervisions.stream().filter(s -> !s.equals(change)).toList();
      return new SiteInputs(siteId, horizon, otherContacts, otherStatuses, otherSupervisions);
    }
  }

  private WorkloadHarness() {}

  /** Every workload row of the file's events. */
  static List<WorkloadRow> run(Path jsonl, EngineConfig config) throws IOException {
    List<SequencedEvent> accepted = firstArrivals(Files.readAllLines(jsonl));
    LocalDate firstDay = accepted.stream().map(SequencedEvent::date).min(LocalDate::compareTo).orElse(null);
    List<WorkloadRow> rows = new ArrayList<>();
    for (SiteInputs site : sites(accepted).values()) {
      rows.addAll(rows(site, firstDay, config));
    }
    return rows;
  }

  /** The inputs of each site of the file's events, by site id. */
  static Map<String, SiteInputs> sitesOf(List<String> lines) {
    return sites(firstArrivals(lines));
  }

  /** Every workload row of one site: every WEEK, MONTH and ROLLING_28D period from {@code firstDay} to the horizon. */
  static List<WorkloadRow> rows(SiteInputs site, LocalDate firstDay, EngineConfig config) {
    WorkerRoster roster = WorkerRoster.of(site.statuses());
    List<WorkloadRow> rows = new ArrayList<>();
    for (Period period : periods(firstDay, site.horizon())) {
      rows.addAll(WorkloadCalculator.rows(period, site.contacts(), site.supervisions(), roster, site.facts(), config));
    }
    return rows;
  }

  /** Every WEEK, MONTH and ROLLING_28D period sharing a day with {@code first .. last}, plus the 27 rolling ones after. */
  static List<Period> periods(LocalDate first, LocalDate last) {
    List<Period> periods = new ArrayList<>();
    for (PeriodType type : List.of(PeriodType.WEEK, PeriodType.MONTH)) {
      for (Period p = Period.of(type, first); !p.start().isAfter(last); p = Period.of(type, p.end().plusDays(1))) {
        periods.add(p);
      }
    }
    for (LocalDate end = first; !end.isAfter(last.plusDays(Period.ROLLING_DAYS - 1)); end = end.plusDays(1)) {
      periods.add(Period.rolling28(end));
    }
    return periods;
  }

  private static Map<String, SiteInputs> sites(List<SequencedEvent> accepted) {
    Set<String> voided = voidedIds(accepted);
    Map<String, LocalDate> horizons = new TreeMap<>();
    Map<String, List<WorkloadContact>> contacts = new TreeMap<>();
    Map<String, List<WorkerStatusChange>> statuses = new TreeMap<>();
    Map<String, List<SupervisionSession>> supervisions = new TreeMap<>();
    for (SequencedEvent e : accepted) {
      String site = e.event().getSiteId();
      horizons.merge(site, e.date(), (a, b) -> a.isAfter(b) ? a : b);
      if (voided.contains(e.event().getEventId())) {
        continue;
      }
      if (e.event().getPayload() instanceof Contact) {
        contacts.computeIfAbsent(site, k -> new ArrayList<>()).add(WorkloadContact.of(e));
      } else if (e.event().getPayload() instanceof WorkerStatus) {
        statuses.computeIfAbsent(site, k -> new ArrayList<>()).add(WorkerStatusChange.of(e));
      } else if (e.event().getPayload() instanceof io.peerpulse.event.Supervision) {
        supervisions.computeIfAbsent(site, k -> new ArrayList<>()).add(SupervisionSession.of(e));
      }
    }
    Map<String, SiteInputs> sites = new TreeMap<>();
    horizons.forEach((site, horizon) -> sites.put(site,
        new SiteInputs(site, horizon, contacts.getOrDefault(site, List.of()), statuses.getOrDefault(site, List.of()),
            supervisions.getOrDefault(site, List.of()))));
    return sites;
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

  /** Ids retracted by a VOID: the target must be an accepted event that is not itself a VOID. */
  private static Set<String> voidedIds(List<SequencedEvent> accepted) {
    Set<String> targets = new HashSet<>();
    Set<String> notVoids = new HashSet<>();
    for (SequencedEvent e : accepted) {
      if (e.event().getPayload() instanceof EventVoid v) {
        targets.add(v.getVoidsEventId());
      } else {
        notVoids.add(e.event().getEventId());
      }
    }
    targets.retainAll(notVoids);
    return targets;
  }
}
