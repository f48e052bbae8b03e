package io.peerpulse.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.compute.IndicatorRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's files: the indicator CSV, and Parquet with typed columns holding the same rows. */
class ExportFormatTest {

  private static final List<IndicatorRow> ROWS = List.of(
      new IndicatorRow("CONTACTS_PER_PERSON_MONTH", "ulm", "A,\"B\"", "INTERVENTION", "MONTH", LocalDate.parse("2021-02-01"),
          LocalDate.parse("2021-02-28"), 2.0, 42.0, 2.0 / (42 / 30.4375), "FINAL", false, 2),
      new IndicatorRow("REACH_30", "*", "*", "*", "WEEK", LocalDate.parse("2021-02-01"), LocalDate.parse("2021-02-07"),
          null, null, null, "PROVISIONAL", true, 0));

  @TempDir Path dir;

  @Test
  void fileNamesChooseTheFormat() {
    assertThat(ExportFormat.ofFileName("out.csv")).contains(ExportFormat.CSV);
    assertThat(ExportFormat.ofFileName("OUT.Parquet")).contains(ExportFormat.PARQUET);
    assertThat(ExportFormat.ofFileName("out.xlsx")).isEmpty();
    assertThat(ExportFormat.ofFileName(".csv")).isEmpty();
  }

  @Test
  void theCsvIsTheIndicatorCsvAndReplacesAnOldFileWithoutLeavingTemporaryOnes() throws Exception {
    Path file = dir.resolve("out.csv");
    Files.writeString(file, "old content");
    ExportFormat.CSV.write(ROWS, file);
    assertThat(Files.readString(file)).isEqualTo(IndicatorCsv.toText(ROWS));
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("out.csv");
    }
  }

  @Test
  void parquetHasTypedColumnsAndTheCsvsRowsAndNumbers() throws Exception {
    Path file = dir.resolve("out.parquet");
    ExportFormat.PARQUET.write(ROWS, file);
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
      Map<String, String> types = new LinkedHashMap<>();
      try (ResultSet columns = sql.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
        while (columns.next()) {
          types.put(columns.getString("column_name"), columns.getString("column_type"));
        }
      }
      assertThat(types).containsExactly(Map.entry("indicator", "VARCHAR"), Map.entry("site_id", "VARCHAR"),
          Map.entry("programme", "VARCHAR"), Map.entry("arm", "VARCHAR"), Map.entry("period_type", "VARCHAR"),
          Map.entry("period_start", "DATE"), Map.entry("period_end", "DATE"), Map.entry("numerator", "DOUBLE"),
          Map.entry("denominator", "DOUBLE"), Map.entry("value", "DOUBLE"), Map.entry("status", "VARCHAR"),
          Map.entry("suppressed", "BOOLEAN"), Map.entry("revision", "INTEGER"));
      assertThat(readBack(sql, file)).isEqualTo(IndicatorCsv.toText(ROWS));
    }
  }

  @Test
  void anEmptyTableGivesAnEmptyParquetFileWithTheColumns() throws Exception {
    Path file = dir.resolve("empty.parquet");
    ExportFormat.PARQUET.write(List.of(), file);
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement();
        ResultSet count = sql.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
      assertThat(count.next()).isTrue();
      assertThat(count.getLong(1)).isZero();
    }
  }

  /** The Parquet rows in file order, written as the indicator CSV. */
  static String readBack(Statement sql, Path parquet) throws Exception {
    List<IndicatorRow> rows = new ArrayList<>();
    try (ResultSet result = sql.executeQuery("SELECT * FROM read_parquet('" + parquet + "')")) {
      while (result.next()) {
        rows.add(new IndicatorRow(result.getString("indicator"), result.getString("site_id"), result.getString("programme"),
            result.getString("arm"), result.getString("period_type"), result.getObject("period_start", LocalDate.class),
            result.getObject("period_end", LocalDate.class), (Double) result.getObject("numerator"),
            (Double) result.getObject("denominator"), (Double) result.getObject("value"), result.getString("status"),
            result.getBoolean("suppressed"), result.getInt("revision")));
      }
    }
    return IndicatorCsv.toText(rows);
  }
}
