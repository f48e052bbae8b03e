package io.peerpulse.app.export;

import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.compute.IndicatorRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats of {@code peerpulse export}, by file name: the indicator CSV of
 * spec/interfaces.md ({@link IndicatorCsv}), or Parquet with typed columns.
 *
 * <table>
 *   <caption>Parquet columns</caption>
 *   <tr><th>column</th><th>type</th></tr>
 *   <tr><td>indicator, site_id, programme, arm, period_type, status</td><td>VARCHAR (UTF-8 string)</td></tr>
 *   <tr><td>period_start, period_end</td><td>DATE</td></tr>
 *   <tr><td>numerator, denominator, value</td><td>DOUBLE, null where the CSV is empty</td></tr>
 *   <tr><td>suppressed</td><td>BOOLEAN</td></tr>
 *   <tr><td>revision</td><td>INTEGER</td></tr>
 * </table>
 * The Parquet file is made by DuckDB from the CSV, so both hold the same rows in the same order
 * with the same (rounded) numbers. Either file is written next to its target under a temporary
 * name and moved into place at the end: a failed export never leaves half a file.
 */
public enum ExportFormat {
  CSV(".csv"),
  PARQUET(".parquet");

  /** The Parquet columns and their types, in CSV order. */
  static final String COLUMN_TYPES = "{'indicator': 'VARCHAR', 'site_id': 'VARCHAR', 'programme': 'VARCHAR',"
      + " 'arm': 'VARCHAR', 'period_type': 'VARCHAR', 'period_start': 'DATE', 'period_end': 'DATE',"
      + " 'numerator': 'DOUBLE', 'denominator': 'DOUBLE', 'value': 'DOUBLE', 'status': 'VARCHAR',"
      + " 'suppressed': 'BOOLEAN', 'revision': 'INTEGER'}";

  private final String extension;

  ExportFormat(String extension) {
    this.extension = extension;
  }

  /** The format of a file name ({@code .csv}, {@code .parquet}, any case), or empty. */
  public static Optional<ExportFormat> ofFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (ExportFormat format : values()) {
      if (lower.endsWith(format.extension) && lower.length() > format.extension.length()) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** Writes {@code rows} (in the order given) to {@code target}, replacing it. */
  public void write(List<IndicatorRow> rows, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path csv = Files.createTempFile(directory, ".peerpulse-export-", ".csv.part");
    try {
      try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        IndicatorCsv.write(rows, out);
      }
      if (this == CSV) {
        moveIntoPlace(csv, absolute);
        return;
      }
      Path parquet = Files.createTempFile(directory, ".peerpulse-export-", ".parquet.part");
      try {
        Files.delete(parquet); // DuckDB creates it
        toParquet(csv, parquet);
        moveIntoPlace(parquet, absolute);
      } finally {
        Files.deleteIfExists(parquet);
      }
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  private static void toParquet(Path csv, Path parquet) throws IOException {
    String sql = "COPY (SELECT * FROM read_csv(" + literal(csv) + ", header = true, auto_detect = false, delim = ',',"
        + " quote = '\"', escape = '\"', dateformat = '%Y-%m-%d', columns = " + COLUMN_TYPES + "))"
        + " TO " + literal(parquet) + " (FORMAT parquet, COMPRESSION zstd)";
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IOException("writing Parquet with DuckDB failed: " + e.getMessage(), e);
    }
  }

  private static String literal(Path path) {
    return "'" + path.toString().replace("'", "''") + "'";
  }

  private static void moveIntoPlace(Path written, Path target) throws IOException {
    try {
      Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
