package io.peerpulse.streams.topology;

import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.serde.InternalSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Stage 5, site cells, keyed by site_id.
 *
 * <pre>
 * member changes ─► [member-changes-by-site] ─┐
 *                                              ├─► merge-site-inputs ─► compute-site-cells ─► site rows
 * dates seen, pauses, ─► [site-facts-by-site] ─┘        (key indicator|cell, tombstone = row gone)
 * workload contacts and statuses
 * </pre>
 * The two repartition topics have the same partition count and key serde, so a site's members and
 * facts meet in one task.
 *
 * <p>Stores of {@code compute-site-cells}:
 * <ul>
 *   <li>{@code member-store}: site|memberKey → the member fact;
 *   <li>{@code cell-index-store}: site|type|start|programme|arm|memberKey → "" (a cell's members by
 *       prefix scan);
 *   <li>{@code site-facts-store}: site → horizon, pauses by event id, the site's bases;
 *   <li>{@code dirty-cell-store}: cells awaiting recomputation, with the first event that changed
 *       each since (a store, so a crash under exactly-once loses none; the event is named by a late
 *       correction);
 *   <li>{@code cell-rows-store}: cell → the rows last computed (emit only changes and tombstones);
 *   <li>{@code deadline-index-store}: site|deadline|cell for rows not FINAL yet, so a watermark
 *       advance re-evaluates exactly the cells whose deadline it passes;
 *   <li>{@code workload-contact-store}: site|date|eventId → the attended contact as workload sees it
 *       (a range scan by date gives a workload cell's contacts);
 *   <li>{@code worker-status-store}: site|workerId|date|eventId → the effective WORKER_STATUS (a prefix
 *       scan by site gives the roster, by worker that worker's statuses);
 *   <li>{@code supervision-store}: site|date|eventId → the effective SUPERVISION session
 *       (PSW_SUPERVISED_14D; a range scan by date gives a week's 14-day windows).
 * </ul>
 * Workload cells share the dirty, rows and deadline stores with the person-level cells; their base
 * is {@code (site, "*", "*")} and they hold the five workload indicators and PSW_SUPERVISED_14D of
 * one period (WEEK, MONTH, ROLLING_28D; no DAY). They have no members: their rows come from the
 * three workload stores.
 *
 * <p>Fan-out per input. A member change marks old ∪ new {@code CellCalculator.cellsOf} dirty: for an
 * enrolment about one DAY, one ROLLING_28D and 1/7 WEEK and 1/30 MONTH cell per day of its span plus
 * 27 trailing rolling cells (~420 cells for 182 days); for an index discharge a handful. A horizon
 * advance h1→h2 marks, for every base of the site, the periods overlapping (h1, h2] that exist by
 * h2 (per day advanced: 2 cells per base, plus a week and a month at their starts), and the cells
 * whose deadline the watermark passes. A pause change marks the cells overlapping the pause (up to
 * the horizon) and the MONTH cells from its start to the horizon. The first horizon of a site marks
 * every cell with members. A date that does not advance the horizon costs one store read.
 *
 * <p>Workload fan-out ({@code WorkloadCells}), bounded per event:
 * <ul>
 *   <li>an attended contact dated d (added or voided): the 28 ROLLING_28D cells ending on d … d+27,
 *       its WEEK, for a PSW contact also the weeks sharing a day with d … d+27 (a week's caseload
 *       looks 28 days back from its Sunday) and its MONTH (hours; a home visit of any role too, for
 *       the share): at most 34 cells, whatever the site's size. Not-attended contacts are not routed.
 *   <li>a worker status dated d (added or voided): the cells of the days it holds, d … u with u the
 *       day before the worker's next status, capped by the horizon: the weeks and months sharing a
 *       day with them and the ROLLING_28D cells ending on d … min(u + 27, horizon). About n/7 + n/30
 *       + n + 29 cells for n days; a status with no successor reaches the horizon, later days come
 *       with the horizon advance. Only that worker's statuses are scanned to find u.
 *   <li>a SUPERVISION dated d (added or voided): the 2 or 3 WEEK cells sharing a day with d … d+13
 *       (PSW_SUPERVISED_14D looks 14 days back from the week's point day).
 *   <li>a horizon advance H → H', once the site has workload inputs: the workload periods sharing a
 *       day with H+1 … H' (new rows, days counted up to the horizon, the caseload's point day) and
 *       those ending when the watermark passes them: about 5 cells per day advanced. Pauses do not
 *       touch workload cells.
 * </ul>
 * Recomputing a workload cell costs one range scan of the site's contacts over at most 34 days (a
 * WEEK's caseload reaches 27 days before its Monday), for a WEEK one of its supervisions over 20
 * days, and the site's roster, read once per flush.
 *
 * <p>Programme fidelity: the phase contact rates and CRISIS_SAME_DAY are person-level rows of the
 * enrolment's MONTH cells (no extra member cells), but a horizon advance or a pause also marks the
 * ≈ 10 MONTH cells per base whose starters' CTI phases (d0 … d0+272) reach the changed days, since
 * phase person-days stop at the horizon and skip pauses.
 *
 * <p>Marks are cheap; work happens on a wall-clock punctuation every {@code cells.flush.interval.ms}
 * that recomputes each dirty cell once ({@code CellCalculator.rows} over the cell's members),
 * however many inputs touched it: that batching is what keeps replays cheap, as a register upload
 * touches the same cells again and again. At most {@code cells.flush.max.cells} cells per
 * punctuation; the rest wait for the next.
 */
public final class SiteCellsStage {

  public static final String MEMBER_STORE = "member-store";
  public static final String CELL_INDEX_STORE = "cell-index-store";
  public static final String SITE_FACTS_STORE = "site-facts-store";
  public static final String DIRTY_CELL_STORE = "dirty-cell-store";
  public static final String CELL_ROWS_STORE = "cell-rows-store";
  public static final String DEADLINE_INDEX_STORE = "deadline-index-store";
  public static final String WORKLOAD_CONTACT_STORE = "workload-contact-store";
  public static final String WORKER_STATUS_STORE = "worker-status-store";
  public static final String SUPERVISION_STORE = "supervision-store";
  public static final String MEMBERS_BY_SITE = "member-changes-by-site";
  public static final String FACTS_BY_SITE = "site-facts-by-site";
  public static final String COMPUTE = "compute-site-cells";

  private SiteCellsStage() {}

  /**
   * @param memberChanges member changes keyed by site (from the person stage)
   * @param siteFacts dates seen, pause changes and workload inputs keyed by site (from routing)
   * @return site rows keyed by {@link CellKeys#siteRow}; a null value when a row stops existing
   */
  public static KStream<String, SiteRow> build(KStream<String, SiteInput> memberChanges,
      KStream<String, SiteInput> siteFacts, TopologySettings settings) {
    KStream<String, SiteInput> members = memberChanges.repartition(bySite(MEMBERS_BY_SITE, settings));
    KStream<String, SiteInput> facts = siteFacts.repartition(bySite(FACTS_BY_SITE, settings));
    return members
        .merge(facts, Named.as("merge-site-inputs"))
        .process(Suppliers.keyed(
                () -> new ComputeSiteCells(settings.engine(), settings.cellsFlushInterval(), settings.cellsFlushMaxCells()),
                Suppliers.store(MEMBER_STORE, InternalSerdes.MEMBER_FACT, settings),
                Suppliers.store(CELL_INDEX_STORE, Serdes.String(), settings),
                Suppliers.store(SITE_FACTS_STORE, InternalSerdes.SITE_STATE, settings),
                Suppliers.store(DIRTY_CELL_STORE, InternalSerdes.DIRTY_CELL, settings),
                Suppliers.store(CELL_ROWS_STORE, InternalSerdes.SITE_ROWS, settings),
                Suppliers.store(DEADLINE_INDEX_STORE, InternalSerdes.CELL_KEY, settings),
                Suppliers.store(WORKLOAD_CONTACT_STORE, InternalSerdes.WORKLOAD_CONTACT, settings),
                Suppliers.store(WORKER_STATUS_STORE, InternalSerdes.WORKER_STATUS, settings),
                Suppliers.store(SUPERVISION_STORE, InternalSerdes.SUPERVISION, settings)),
            Named.as(COMPUTE));
  }

  private static Repartitioned<String, SiteInput> bySite(String name, TopologySettings settings) {
    return Repartitioned.<String, SiteInput>as(name)
        .withKeySerde(Serdes.String())
        .withValueSerde(InternalSerdes.SITE_INPUT)
        .withNumberOfPartitions(settings.repartitionPartitions());
  }
}
