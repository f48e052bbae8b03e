package io.peerpulse.streams.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.workload.WorkloadHarness.SiteInputs;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The fan-out of {@link WorkloadCells} is complete: adding or retracting a contact or a status,
 * or advancing the horizon, changes rows only in the cells it names (so the site stage that marks
 * those cells dirty misses nothing); and a period needs no contact outside
 * {@link WorkloadCalculator#contactRange}.
 */
class WorkloadFanOutPropertiesTest {

  private static final LocalDate FIRST_DAY = LocalDate.of(2020, 11, 1);

  @Property(tries = 100)
  void aChangeAltersRowsOnlyInTheCellsOfItsFanOut(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed,
      @ForAll @IntRange(min = 0, max = 2) int setting) {
    EngineConfig config = new EngineConfig(new int[] {35, 0, 10}[setting], 3, new double[] {20, 10, 7.5}[setting], 1);
    Random random = new Random(seed);
    for (SiteInputs site : WorkloadHarness.sitesOf(WorkloadHistories.generate(seed)).values()) {
      Map<CellKey, Set<Published>> rows = rowsByCell(site, config);
      WorkerRoster roster = WorkerRoster.of(site.statuses());
      for (WorkloadContact contact : site.contacts()) {
        Set<CellKey> fanOut = WorkloadCells.cellsOf(site.siteId(), contact);
        assertThat(fanOut).hasSizeLessThanOrEqualTo(contact.attended() ? 34 : 0);
        assertThat(changedCells(rows, rowsByCell(site.without(contact), config))).as("contact %s", contact).isSubsetOf(fanOut);
      }
      for (WorkerStatusChange status : site.statuses()) {
        Set<CellKey> fanOut = WorkloadCells.cellsOf(site.siteId(), status, roster, site.horizon());
        assertThat(WorkloadCells.cellsOf(site.siteId(), status, WorkerRoster.of(site.without(status).statuses()), site.horizon()))
            .as("the fan-out reads only the worker's next status date").isEqualTo(fanOut);
        assertThat(changedCells(rows, rowsByCell(site.without(status), config))).as("status %s", status).isSubsetOf(fanOut);
      }
      for (SupervisionSession session : site.supervisions()) {
        Set<CellKey> fanOut = WorkloadCells.cellsOf(site.siteId(), session);
        assertThat(fanOut).hasSizeLessThanOrEqualTo(3);
        assertThat(changedCells(rows, rowsByCell(site.without(session), config))).as("supervision %s", session).isSubsetOf(fanOut);
      }
      LocalDate advanced = site.horizon().plusDays(random.nextInt(45));
      assertThat(changedCells(rows, rowsByCell(site.withHorizon(advanced), config))).as("horizon %s -> %s", site.horizon(), advanced)
          .isSubsetOf(WorkloadCells.cellsOfHorizonAdvance(site.siteId(), site.horizon(), advanced, config.latenessDays()));
    }
  }

  @Property(tries = 40)
  void aPeriodCountsOnlyContactsOfItsContactRange(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    for (SiteInputs site : WorkloadHarness.sitesOf(WorkloadHistories.generate(seed)).values()) {
      WorkerRoster roster = WorkerRoster.of(site.statuses());
      for (Period period : WorkloadHarness.periods(FIRST_DAY, site.horizon())) {
        List<WorkloadContact> inRange = site.contacts().stream()
            .filter(c -> WorkloadCalculator.contactRange(period).contains(c.date())).toList();
        assertThat(WorkloadCalculator.rows(period, inRange, roster, site.facts(), EngineConfig.DEFAULTS))
            .as("%s", period).isEqualTo(WorkloadCalculator.rows(period, site.contacts(), roster, site.facts(), EngineConfig.DEFAULTS));
      }
    }
  }

  /** What the cell publishes; the watermark a row was decided against is not compared (every row's moves with the horizon). */
  record Published(WorkloadIndicator indicator, double numerator, Double denominator, Double value, boolean finalStatus, int workers) {}

  private static Map<CellKey, Set<Published>> rowsByCell(SiteInputs site, EngineConfig config) {
    return WorkloadHarness.rows(site, FIRST_DAY, config).stream().collect(Collectors.groupingBy(WorkloadRow::cell,
        Collectors.mapping(r -> new Published(r.indicator(), r.numerator(), r.denominator(), r.value(), r.finalStatus(), r.workers()),
            Collectors.toSet())));
  }

  private static Set<CellKey> changedCells(Map<CellKey, Set<Published>> before, Map<CellKey, Set<Published>> after) {
    Set<CellKey> cells = new HashSet<>(before.keySet());
    cells.addAll(after.keySet());
    cells.removeIf(cell -> Objects.equals(before.get(cell), after.get(cell)));
    return cells;
  }
}
