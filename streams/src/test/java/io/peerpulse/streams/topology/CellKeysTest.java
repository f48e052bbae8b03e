package io.peerpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Period;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CellKeysTest {

  private static final LocalDate MARCH_8 = LocalDate.parse("2021-03-08");

  @Test
  void keysAreReadableAndStartWithTheSite() {
    CellKey cell = new CellKey(new CellBase("ulm", "UPSIDES", "INTERVENTION"), Period.week(MARCH_8));
    assertThat(CellKeys.cell(cell)).isEqualTo("ulm|WEEK|2021-03-08|UPSIDES|INTERVENTION");
    assertThat(CellKeys.siteRow(Indicator.REACH_30, cell)).isEqualTo("REACH_30|ulm|WEEK|2021-03-08|UPSIDES|INTERVENTION");
    assertThat(CellKeys.totalGroup(Indicator.REACH_30, cell)).isEqualTo("REACH_30|UPSIDES|INTERVENTION|WEEK|2021-03-08");
  }

  @Test
  void aProgrammeWithSeparatorsCannotMakeOneCellThePrefixOfAnother() {
    CellKey tricky = new CellKey(new CellBase("ulm", "A|INTERVENTION", "CONTROL"), Period.day(MARCH_8));
    CellKey plain = new CellKey(new CellBase("ulm", "A", "INTERVENTION"), Period.day(MARCH_8));
    String trickyEntry = CellKeys.indexEntry(CellKeys.cell(tricky), "E|pA|2021-03-01");
    assertThat(trickyEntry).doesNotStartWith(CellKeys.cellPrefix(CellKeys.cell(plain)));
    assertThat(CellKeys.cellOfIndexEntry(trickyEntry)).isEqualTo(tricky);
    assertThat(CellKeys.cellOfIndexEntryString(trickyEntry)).isEqualTo(CellKeys.cell(tricky));
    CellKey percent = new CellKey(new CellBase("ulm", "100%|7C", "NONE"), Period.rolling28(MARCH_8));
    assertThat(CellKeys.cellOfIndexEntry(CellKeys.indexEntry(CellKeys.cell(percent), "D|pB|x"))).isEqualTo(percent);
  }

  @Test
  void siteRowKeysGiveTheirTotalAndSite() {
    CellKey cell = new CellKey(new CellBase("dar-es-salaam", "CTI|TS", "INTERVENTION"), Period.month(MARCH_8));
    String rowKey = CellKeys.siteRow(Indicator.BED_DAYS, cell);
    assertThat(CellKeys.totalGroupOfSiteRow(rowKey)).isEqualTo(CellKeys.totalGroup(Indicator.BED_DAYS, cell));
    assertThat(CellKeys.siteOfSiteRow(rowKey)).isEqualTo("dar-es-salaam");
  }

  @Test
  void deadlineBoundsSortAroundTheEntriesOfADay() {
    String cell = "ulm|DAY|2021-03-08|UPSIDES|INTERVENTION";
    String onTheDay = CellKeys.deadlineEntry("ulm", MARCH_8, cell);
    assertThat(CellKeys.deadlineFrom("ulm", MARCH_8)).isLessThan(onTheDay);
    assertThat(CellKeys.deadlineFrom("ulm", MARCH_8.plusDays(1))).isGreaterThan(onTheDay);
    assertThat(CellKeys.deadlineEntry("ulm", MARCH_8.minusDays(1), cell)).isLessThan(CellKeys.deadlineFrom("ulm", MARCH_8));
    // Another site whose id starts with this one's sorts outside every range of this site.
    assertThat(CellKeys.deadlineEntry("ulm-2", MARCH_8, cell)).isLessThan(CellKeys.deadlineFrom("ulm", LocalDate.parse("1900-01-01")));
  }
}
