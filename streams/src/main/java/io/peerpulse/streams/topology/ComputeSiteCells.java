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
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.person.MemberFact;
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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by site_id: keeps the members of the site's cells and the site's facts, marks the cells an
 * input may change as dirty, and on a wall-clock punctuation recomputes each dirty cell once with
 * {@link CellCalculator#rows} and emits the rows that changed (tombstones for rows that stopped
 * existing). See {@link SiteCellsStage} for the stores and the fan-out.
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
  private KeyValueStore<String, CellKey> dirty;
  private KeyValueStore<String, List<SiteRow>> cellRows;
  private KeyValueStore<String, CellKey> deadlines;

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
    context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
  }

  @Override
  public void process(Record<String, SiteInput> record) {
    String site = record.key();
    SiteInput input = record.value();
    if (input instanceof SiteInput.MemberChange change) {
      onMember(site, change);
    } else if (input instanceof SiteInput.DateSeen seen) {
      onDateSeen(site, seen.date());
    } else if (input instanceof SiteInput.PauseChange pause) {
      onPause(site, pause);
    }
  }

  // ---- marking ---------------------------------------------------------------------------

  private void onMember(String site, SiteInput.MemberChange change) {
    String memberId = CellKeys.member(site, change.memberKey());
    MemberFact before = members.get(memberId);
    MemberFact after = change.fact();
    Set<CellKey> oldCells = before == null ? Set.of() : CellCalculator.cellsOf(before);
    Set<CellKey> newCells = after == null ? Set.of() : CellCalculator.cellsOf(after);
    for (CellKey cell : oldCells) {
      if (!newCells.contains(cell)) {
        cellIndex.delete(CellKeys.indexEntry(CellKeys.cell(cell), change.memberKey()));
      }
      markDirty(cell);
    }
    for (CellKey cell : newCells) {
      if (!oldCells.contains(cell)) {
        cellIndex.put(CellKeys.indexEntry(CellKeys.cell(cell), change.memberKey()), "");
      }
      markDirty(cell);
    }
    if (after == null) {
      members.delete(memberId);
    } else {
      members.put(memberId, after);
      SiteState state = state(site);
      SiteState withBase = state.withBase(after.base());
      if (withBase != state) {
        sites.put(site, withBase);
      }
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
      for (Period period : Period.overlapping(new DateRange(before.plusDays(1), day))) {
        if (existsBy(period, day)) {
          markDirty(new CellKey(base, period));
        }
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
   * onward. Cells after the horizon have no rows; the horizon rule marks them when it gets there.
   */
  private void markPause(SiteState state, DateRange days) {
    LocalDate horizon = state.horizon();
    if (horizon == null || days.first().isAfter(horizon)) {
      return;
    }
    DateRange known = new DateRange(days.first(), days.last().isAfter(horizon) ? horizon : days.last());
    for (CellBase base : state.bases()) {
      for (Period period : Period.overlapping(known)) {
        if (existsBy(period, horizon)) {
          markDirty(new CellKey(base, period));
        }
      }
      for (Period month = Period.month(days.first()); !month.start().isAfter(horizon);
          month = Period.month(month.end().plusDays(1))) {
        markDirty(new CellKey(base, month));
      }
    }
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
      dirty.put(key, cell);
    }
  }

  private SiteState state(String site) {
    SiteState state = sites.get(site);
    return state == null ? SiteState.empty() : state;
  }

  // ---- recomputing -----------------------------------------------------------------------

  /** Recomputes up to {@code maxCellsPerFlush} dirty cells; the rest wait for the next punctuation. */
  void flush() {
    List<KeyValue<String, CellKey>> batch = new ArrayList<>();
    try (KeyValueIterator<String, CellKey> it = dirty.all()) {
      while (it.hasNext() && batch.size() < maxCellsPerFlush) {
        batch.add(it.next());
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    Map<String, MemberFact> memberCache = new HashMap<>();
    Map<String, SiteFacts> factsCache = new HashMap<>();
    long timestamp = Math.max(0L, context.currentStreamTimeMs());
    for (KeyValue<String, CellKey> entry : batch) {
      recompute(entry.key, entry.value, memberCache, factsCache, timestamp);
      dirty.delete(entry.key);
    }
  }

  private void recompute(String cellId, CellKey cell, Map<String, MemberFact> memberCache,
      Map<String, SiteFacts> factsCache, long timestamp) {
    String site = cell.base().siteId();
    SiteFacts facts = factsCache.computeIfAbsent(site, s -> state(s).facts(s));
    List<SiteRow> rows = CellCalculator.rows(cell, membersOf(cellId, site, memberCache), facts, engine);
    List<SiteRow> stored = cellRows.get(cellId);
    Map<Indicator, SiteRow> before = byIndicator(stored == null ? List.of() : stored);
    Map<Indicator, SiteRow> after = byIndicator(rows);
    for (Map.Entry<Indicator, SiteRow> old : before.entrySet()) {
      if (!after.containsKey(old.getKey())) {
        context.forward(new Record<>(CellKeys.siteRow(old.getKey(), cell), null, timestamp));
      }
    }
    for (Map.Entry<Indicator, SiteRow> now : after.entrySet()) {
      SiteRow old = before.get(now.getKey());
      if (old == null || !sameExceptWatermark(old, now.getValue())) {
        context.forward(new Record<>(CellKeys.siteRow(now.getKey(), cell), now.getValue(), timestamp));
      }
    }
    reindexDeadlines(site, cellId, cell, before.values(), after.values());
    if (rows.isEmpty()) {
      cellRows.delete(cellId);
    } else {
      cellRows.put(cellId, rows);
    }
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
   * next real change.
   */
  static boolean sameExceptWatermark(SiteRow a, SiteRow b) {
    return a.indicator() == b.indicator()
        && a.cell().equals(b.cell())
        && Double.compare(a.numerator(), b.numerator()) == 0
        && Objects.equals(a.denominator(), b.denominator())
        && Objects.equals(a.value(), b.value())
        && a.medianInputs().equals(b.medianInputs())
        && Objects.equals(a.deadline(), b.deadline())
        && a.finalStatus() == b.finalStatus();
  }
}
