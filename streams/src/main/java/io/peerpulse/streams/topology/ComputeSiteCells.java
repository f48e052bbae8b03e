package io.peerpulse.streams.topology;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.CellCalculator;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.PeriodType;
import io.peerpulse.streams.cells.SiteFacts;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.model.Cause;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.person.MemberFact;
import io.peerpulse.streams.workload.SupervisionSession;
import io.peerpulse.streams.workload.WorkerRoster;
import io.peerpulse.streams.workload.WorkerStatusChange;
import io.peerpulse.streams.workload.WorkloadCalculator;
import io.peerpulse.streams.workload.WorkloadCells;
import io.peerpulse.streams.workload.WorkloadContact;
import io.peerpulse.streams.workload.WorkloadRow;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by site_id: keeps the members of the site's cells, the site's workload contacts, worker
 * statuses and SUPERVISION sessions and the site's facts, marks the cells an input may change as dirty, and on a wall-clock
 * punctuation recomputes each dirty cell once with {@link CellCalculator#rows} (person-level cells)
 * or {@link WorkloadCalculator#rows} (workload cells, base {@code (site, "*", "*")}) and emits the
 * rows that changed (tombstones for rows that stopped existing). See {@link SiteCellsStage} for the
 * stores and the fan-out.
 */
final class ComputeSiteCells implements Processor<String, SiteInput, String, SiteRow> {

  private static final StringSerializer KEYS = new StringSerializer();

  private final EngineConfig engine;
  private final Duration flushInterval;
  private final int maxCellsPerFlush;

  private ProcessorContext<String, SiteRow> context;
  private KeyValueStore<String, MemberFact> members;
  private KeyValueStore<String, String> cellIndex;
  private KeyValueStore<String, SiteState> sites;
  private KeyValueStore<String, DirtyCell> dirty;
  /** The event behind the input being processed (its cause headers); null outside process. */
  private Cause currentCause;
  private KeyValueStore<String, List<SiteRow>> cellRows;
  private KeyValueStore<String, CellKey> deadlines;
  private KeyValueStore<String, WorkloadContact> workloadContacts;
  private KeyValueStore<String, WorkerStatusChange> workerStatuses;
  private KeyValueStore<String, SupervisionSession> supervisions;

  ComputeSiteCells(EngineConfig engine, Duration flushInterval, int maxCellsPerFlush) {
    this.engine = engine;
    this.flushInterval = flushInterval;
    this.maxCellsPerFlush = maxCellsPerFlush;
  }

  @Override
  public void init(ProcessorContext<String, SiteRow> context) {
    this.context = context;
    this.members = context.getStateStore(SiteCellsStage.MEMBER_STORE);
    this.cellIndex = context.getStateStore(SiteCellsStage.CELL_INDEX_STORE);
    this.sites = context.getStateStore(SiteCellsStage.SITE_FACTS_STORE);
    this.dirty = context.getStateStore(SiteCellsStage.DIRTY_CELL_STORE);
    this.cellRows = context.getStateStore(SiteCellsStage.CELL_ROWS_STORE);
    this.deadlines = context.getStateStore(SiteCellsStage.DEADLINE_INDEX_STORE);
    this.workloadContacts = context.getStateStore(SiteCellsStage.WORKLOAD_CONTACT_STORE);
    this.workerStatuses = context.getStateStore(SiteCellsStage.WORKER_STATUS_STORE);
    this.supervisions = context.getStateStore(SiteCellsStage.SUPERVISION_STORE);
    context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
  }

  @Override
  public void process(Record<String, SiteInput> record) {
    currentCause = CauseHeaders.read(record.headers());
    try {
      dispatch(record.key(), record.value());
    } finally {
      currentCause = null;
    }
  }

  private void dispatch(String site, SiteInput input) {
    if (input instanceof SiteInput.MemberChange change) {
      onMember(site, change);
    } else if (input instanceof SiteInput.DateSeen seen) {
      onDateSeen(site, seen.date());
    } else if (input instanceof SiteInput.PauseChange pause) {
      onPause(site, pause);
    } else if (input instanceof SiteInput.ContactChange contact) {
      onContact(site, contact);
    } else if (input instanceof SiteInput.StatusChange status) {
      onStatus(site, status);
    } else if (input instanceof SiteInput.SupervisionChange supervision) {
      onSupervision(site, supervision);
    }
  }

  // ---- marking ---------------------------------------------------------------------------

  private void onMember(String site, SiteInput.MemberChange change) {
    String memberId = CellKeys.member(site, change.memberKey());
    MemberFact before = members.get(memberId);
    MemberFact after = change.fact();
    if (Objects.equals(before, after)) {
      return;
    }
    Set<CellKey> oldCells = before == null ? Set.of() : CellCalculator.cellsOf(before);
    Set<CellKey> newCells = after == null ? Set.of() : CellCalculator.cellsOf(after);
    SiteState state = state(site);
    SiteFacts facts = state.facts(site);
    for (CellKey cell : oldCells) {
      if (!newCells.contains(cell)) {
        cellIndex.delete(CellKeys.indexEntry(CellKeys.cell(cell), change.memberKey()));
      }
      markIfContributionChanged(cell, before, after, facts);
    }
    for (CellKey cell : newCells) {
      if (!oldCells.contains(cell)) {
        cellIndex.put(CellKeys.indexEntry(CellKeys.cell(cell), change.memberKey()), "");
        markIfContributionChanged(cell, before, after, facts);
      }
    }
    if (after == null) {
      members.delete(memberId);
    } else {
      members.put(memberId, after);
      SiteState withBase = state.withBase(after.base());
      if (withBase != state) {
        sites.put(site, withBase);
      }
    }
  }

  /**
   * Marks a cell of a changed member only when the member's own tally in it changed (see
   * {@link CellCalculator#contributionChanged}). Cells past the horizon have no rows; the horizon
   * rule marks them when it reaches them, with whatever members they have then.
   */
  private void markIfContributionChanged(CellKey cell, MemberFact before, MemberFact after, SiteFacts facts) {
    if (CellCalculator.rowsExist(cell.period(), facts.horizon())
        && CellCalculator.contributionChanged(cell, before, after, facts, engine)) {
      markDirty(cell);
    }
  }

  private void onDateSeen(String site, LocalDate day) {
    SiteState state = state(site);
    LocalDate before = state.horizon();
    if (before != null && !day.isAfter(before)) {
      return;
    }
    sites.put(site, state.withHorizon(day));
    if (before == null) {
      // Cells computed before the site had a horizon have no rows yet: every cell with members may now have some.
      markEveryCellWithMembers(site);
      return;
    }
    for (CellBase base : state.bases()) {
      if (WorkloadCells.isWorkloadBase(base)) {
        WorkloadCells.cellsOfHorizonAdvance(site, before, day, engine.latenessDays()).forEach(this::markDirty);
        continue;
      }
      DateRange newDays = new DateRange(before.plusDays(1), day);
      for (Period period : Period.overlapping(newDays)) {
        if (existsBy(period, day)) {
          markDirty(new CellKey(base, period));
        }
      }
      // The phase person-days of earlier months' starters grow with the horizon.
      for (Period month : CellCalculator.phaseMonthsReaching(newDays)) {
        markDirty(new CellKey(base, month));
      }
    }
    markDeadlinesPassed(site, before.minusDays(engine.latenessDays()), day.minusDays(engine.latenessDays()));
  }

  private void onPause(String site, SiteInput.PauseChange change) {
    SiteState state = state(site);
    DateRange before = state.pauses().get(change.pauseEventId());
    if (Objects.equals(before, change.days())) {
      return;
    }
    SiteState after = state.withPause(change.pauseEventId(), change.days());
    sites.put(site, after);
    for (DateRange days : new DateRange[] {before, change.days()}) {
      if (days != null) {
        markPause(after, days);
      }
    }
  }

  /**
   * A pause changes person-days of the cells it overlaps and the DISENGAGED_60 window (60 non-paused
   * days back from each month's end) of every month from its start: the MONTH cells from the pause
   * onward, and the MONTH cells whose starters' CTI phases reach into the pause (phase person-days).
   * Cells after the horizon have no rows; the horizon rule marks them when it gets there.
   * Workload cells do not depend on pauses (FTE counts on paused days too).
   */
  private void markPause(SiteState state, DateRange days) {
    LocalDate horizon = state.horizon();
    if (horizon == null || days.first().isAfter(horizon)) {
      return;
    }
    DateRange known = new DateRange(days.first(), days.last().isAfter(horizon) ? horizon : days.last());
    for (CellBase base : state.bases()) {
      if (WorkloadCells.isWorkloadBase(base)) {
        continue;
      }
      for (Period period : Period.overlapping(known)) {
        if (existsBy(period, horizon)) {
          markDirty(new CellKey(base, period));
        }
      }
      for (Period month = Period.month(days.first()); !month.start().isAfter(horizon);
          month = Period.month(month.end().plusDays(1))) {
        markDirty(new CellKey(base, month));
      }
      for (Period month : CellCalculator.phaseMonthsReaching(known)) {
        markDirty(new CellKey(base, month));
      }
    }
  }

  /**
   * An attended contact starts or stops counting: stored under site|date|eventId, and the cells of
   * {@link WorkloadCells#cellsOf(String, WorkloadContact)} marked (at most 34). A change that alters
   * nothing stored (a retraction of a contact never stored) marks nothing.
   */
  private void onContact(String site, SiteInput.ContactChange change) {
    WorkloadContact contact = change.contact();
    String key = CellKeys.workloadContact(site, contact.date(), contact.eventId());
    WorkloadContact stored = workloadContacts.get(key);
    if (change.counts()) {
      if (contact.equals(stored)) {
        return;
      }
      workloadContacts.put(key, contact);
      addWorkloadBase(site);
    } else {
      if (stored == null) {
        return;
      }
      workloadContacts.delete(key);
    }
    WorkloadCells.cellsOf(site, contact).forEach(this::markDirty);
    if (stored != null && !stored.equals(contact)) {
      WorkloadCells.cellsOf(site, stored).forEach(this::markDirty);
    }
  }

  /**
   * A worker status starts or stops counting: stored under site|worker|date|eventId, and the cells
   * of the days it holds (from its date to the day before the worker's next status, capped by the
   * horizon; {@link WorkloadCells#cellsOf(String, WorkerStatusChange, WorkerRoster, LocalDate)})
   * marked. Later horizon advances reach an open-ended status through the horizon rule.
   */
  private void onStatus(String site, SiteInput.StatusChange change) {
    WorkerStatusChange status = change.status();
    String key = CellKeys.workerStatus(site, status.workerId(), status.date(), change.eventId());
    WorkerStatusChange stored = workerStatuses.get(key);
    if (change.counts()) {
      if (status.equals(stored)) {
        return;
      }
      workerStatuses.put(key, status);
      addWorkloadBase(site);
    } else {
      if (stored == null) {
        return;
      }
      workerStatuses.delete(key);
    }
    WorkerRoster worker = WorkerRoster.of(statuses(CellKeys.workerPrefix(site, status.workerId())));
    WorkloadCells.cellsOf(site, status, worker, state(site).horizon()).forEach(this::markDirty);
  }

  /**
   * A SUPERVISION starts or stops counting: stored under site|date|eventId, and the 2 or 3 WEEK cells
   * of {@link WorkloadCells#cellsOf(String, SupervisionSession)} marked. A change that alters nothing
   * stored marks nothing.
   */
  private void onSupervision(String site, SiteInput.SupervisionChange change) {
    SupervisionSession session = change.session();
    String key = CellKeys.supervision(site, session.date(), session.eventId());
    SupervisionSession stored = supervisions.get(key);
    if (change.counts()) {
      if (session.equals(stored)) {
        return;
      }
      supervisions.put(key, session);
      addWorkloadBase(site);
    } else {
      if (stored == null) {
        return;
      }
      supervisions.delete(key);
    }
    WorkloadCells.cellsOf(site, session).forEach(this::markDirty);
    if (stored != null && !stored.equals(session)) {
      WorkloadCells.cellsOf(site, stored).forEach(this::markDirty);
    }
  }

  /** The site's workload base joins its bases, so horizon advances re-evaluate its workload cells. */
  private void addWorkloadBase(String site) {
    SiteState state = state(site);
    SiteState withBase = state.withBase(WorkloadCells.base(site));
    if (withBase != state) {
      sites.put(site, withBase);
    }
  }

  private List<WorkerStatusChange> statuses(String prefix) {
    List<WorkerStatusChange> found = new ArrayList<>();
    try (KeyValueIterator<String, WorkerStatusChange> it = workerStatuses.prefixScan(prefix, KEYS)) {
      it.forEachRemaining(entry -> found.add(entry.value));
    }
    return found;
  }

  /** A period can have a row by {@code horizon} (DAY, ROLLING_28D: ended; WEEK, MONTH: started). */
  private static boolean existsBy(Period period, LocalDate horizon) {
    return period.type() == PeriodType.DAY || period.type() == PeriodType.ROLLING_28D
        ? !period.end().isAfter(horizon)
        : !period.start().isAfter(horizon);
  }

  private void markDeadlinesPassed(String site, LocalDate oldWatermark, LocalDate newWatermark) {
    List<KeyValue<String, CellKey>> passed = new ArrayList<>();
    try (KeyValueIterator<String, CellKey> it = deadlines.range(
        CellKeys.deadlineFrom(site, oldWatermark.plusDays(1)), CellKeys.deadlineFrom(site, newWatermark.plusDays(1)))) {
      it.forEachRemaining(passed::add);
    }
    for (KeyValue<String, CellKey> entry : passed) {
      markDirty(entry.value);
    }
  }

  private void markEveryCellWithMembers(String site) {
    Set<String> seen = new HashSet<>();
    List<CellKey> cells = new ArrayList<>();
    try (KeyValueIterator<String, String> it = cellIndex.prefixScan(CellKeys.sitePrefix(site), KEYS)) {
      while (it.hasNext()) {
        String entry = it.next().key;
        if (seen.add(CellKeys.cellOfIndexEntryString(entry))) {
          cells.add(CellKeys.cellOfIndexEntry(entry));
        }
      }
    }
    cells.forEach(this::markDirty);
  }

  private void markDirty(CellKey cell) {
    String key = CellKeys.cell(cell);
    if (dirty.get(key) == null) {
      dirty.put(key, new DirtyCell(cell, currentCause));
    }
  }

  private SiteState state(String site) {
    SiteState state = sites.get(site);
    return state == null ? SiteState.empty() : state;
  }

  // ---- recomputing -----------------------------------------------------------------------

  /** Recomputes up to {@code maxCellsPerFlush} dirty cells; the rest wait for the next punctuation. */
  void flush() {
    List<KeyValue<String, DirtyCell>> batch = new ArrayList<>();
    try (KeyValueIterator<String, DirtyCell> it = dirty.all()) {
      while (it.hasNext() && batch.size() < maxCellsPerFlush) {
        batch.add(it.next());
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    FlushCache cache = new FlushCache();
    long timestamp = Math.max(0L, context.currentStreamTimeMs());
    for (KeyValue<String, DirtyCell> entry : batch) {
      recompute(entry.key, entry.value.cell(), cache, timestamp, CauseHeaders.of(entry.value.cause()));
      dirty.delete(entry.key);
    }
  }

  /** What one flush reads once: member facts, site facts and rosters (nothing changes them during a flush). */
  private static final class FlushCache {
    final Map<String, MemberFact> members = new HashMap<>();
    final Map<String, SiteFacts> facts = new HashMap<>();
    final Map<String, WorkerRoster> rosters = new HashMap<>();
  }

  private void recompute(String cellId, CellKey cell, FlushCache cache, long timestamp, Headers cause) {
    String site = cell.base().siteId();
    SiteFacts facts = cache.facts.computeIfAbsent(site, s -> state(s).facts(s));
    List<SiteRow> rows = WorkloadCells.isWorkloadBase(cell.base())
        ? workloadRows(cell, facts, cache)
        : CellCalculator.rows(cell, membersOf(cellId, site, cache.members), facts, engine);
    List<SiteRow> stored = cellRows.get(cellId);
    Map<Indicator, SiteRow> before = byIndicator(stored == null ? List.of() : stored);
    Map<Indicator, SiteRow> after = byIndicator(rows);
    for (Map.Entry<Indicator, SiteRow> old : before.entrySet()) {
      if (!after.containsKey(old.getKey())) {
        context.forward(new Record<>(CellKeys.siteRow(old.getKey(), cell), null, timestamp, cause));
      }
    }
    for (Map.Entry<Indicator, SiteRow> now : after.entrySet()) {
      SiteRow old = before.get(now.getKey());
      if (old == null || !sameExceptWatermark(old, now.getValue())) {
        context.forward(new Record<>(CellKeys.siteRow(now.getKey(), cell), now.getValue(), timestamp, cause));
      }
    }
    reindexDeadlines(site, cellId, cell, before.values(), after.values());
    if (rows.isEmpty()) {
      cellRows.delete(cellId);
    } else {
      cellRows.put(cellId, rows);
    }
  }

  /**
   * The workload rows of a workload cell: the site's contacts dated in the period's contact range
   * (one range scan) and the site's roster (one prefix scan per site and flush).
   */
  private List<SiteRow> workloadRows(CellKey cell, SiteFacts facts, FlushCache cache) {
    Period period = cell.period();
    if (!CellCalculator.rowsExist(period, facts.horizon()) || period.type() == PeriodType.DAY) {
      return List.of();
    }
    String site = cell.base().siteId();
    DateRange range = WorkloadCalculator.contactRange(period);
    List<WorkloadContact> contacts = new ArrayList<>();
    try (KeyValueIterator<String, WorkloadContact> it = workloadContacts.range(
        CellKeys.workloadContactsFrom(site, range.first()), CellKeys.workloadContactsFrom(site, range.last().plusDays(1)))) {
      it.forEachRemaining(entry -> contacts.add(entry.value));
    }
    List<SupervisionSession> sessions = new ArrayList<>();
    if (period.type() == PeriodType.WEEK) {
      DateRange window = WorkloadCalculator.supervisionRange(period);
      try (KeyValueIterator<String, SupervisionSession> it = supervisions.range(
          CellKeys.supervisionsFrom(site, window.first()), CellKeys.supervisionsFrom(site, window.last().plusDays(1)))) {
        it.forEachRemaining(entry -> sessions.add(entry.value));
      }
    }
    WorkerRoster roster = cache.rosters.computeIfAbsent(site, s -> WorkerRoster.of(statuses(CellKeys.sitePrefix(s))));
    List<SiteRow> rows = new ArrayList<>();
    for (WorkloadRow row : WorkloadCalculator.rows(period, contacts, sessions, roster, facts, engine)) {
      rows.add(row.siteRow());
    }
    return rows;
  }

  private List<MemberFact> membersOf(String cellId, String site, Map<String, MemberFact> cache) {
    List<MemberFact> found = new ArrayList<>();
    String prefix = CellKeys.cellPrefix(cellId);
    try (KeyValueIterator<String, String> it = cellIndex.prefixScan(prefix, KEYS)) {
      while (it.hasNext()) {
        String memberKey = it.next().key.substring(prefix.length());
        MemberFact fact = cache.computeIfAbsent(memberKey, k -> members.get(CellKeys.member(site, k)));
        if (fact != null) {
          found.add(fact);
        }
      }
    }
    return found;
  }

  /** Keeps one deadline entry per distinct deadline of the cell's rows that are not FINAL yet. */
  private void reindexDeadlines(String site, String cellId, CellKey cell, Iterable<SiteRow> before, Iterable<SiteRow> after) {
    Set<LocalDate> oldDeadlines = openDeadlines(before);
    Set<LocalDate> newDeadlines = openDeadlines(after);
    for (LocalDate deadline : oldDeadlines) {
      if (!newDeadlines.contains(deadline)) {
        deadlines.delete(CellKeys.deadlineEntry(site, deadline, cellId));
      }
    }
    for (LocalDate deadline : newDeadlines) {
      if (!oldDeadlines.contains(deadline)) {
        deadlines.put(CellKeys.deadlineEntry(site, deadline, cellId), cell);
      }
    }
  }

  private static Set<LocalDate> openDeadlines(Iterable<SiteRow> rows) {
    Set<LocalDate> open = new HashSet<>();
    for (SiteRow row : rows) {
      if (!row.finalStatus() && row.deadline() != null) {
        open.add(row.deadline());
      }
    }
    return open;
  }

  private static Map<Indicator, SiteRow> byIndicator(List<SiteRow> rows) {
    Map<Indicator, SiteRow> map = new LinkedHashMap<>();
    for (SiteRow row : rows) {
      map.put(row.indicator(), row);
    }
    return map;
  }

  /**
   * The watermark a row was decided against moves with every horizon advance; re-emitting every row
   * of the site for it alone would multiply output by the number of rows, so it rides along with the
   * next real change. A workload row's worker count is a change: it decides its publication.
   */
  static boolean sameExceptWatermark(SiteRow a, SiteRow b) {
    return a.indicator() == b.indicator()
        && a.cell().equals(b.cell())
        && Double.compare(a.numerator(), b.numerator()) == 0
        && Objects.equals(a.denominator(), b.denominator())
        && Objects.equals(a.value(), b.value())
        && a.medianInputs().equals(b.medianInputs())
        && Objects.equals(a.deadline(), b.deadline())
        && a.finalStatus() == b.finalStatus()
        && Objects.equals(a.workers(), b.workers());
  }
}
