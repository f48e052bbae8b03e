package io.peerpulse.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The independent oracle: recomputes the indicators of spec/indicators.md from a JSON-lines file
 * of canonical events with plain SQL (DuckDB, in memory), sharing no logic with the streaming
 * engine. The SQL lives in {@code src/main/resources/sql}, one file per indicator or family;
 * it is the readable definition an evaluator can check a number against.
 *
 * <p>Input: one schema-valid canonical JSON event per line (events.md), in arrival order. The
 * event-level rules (FUTURE_EVENT, duplicates first-wins, VOIDs) are applied in SQL.
 *
 * <p>Output: {@link #compute} gives exact values ({@code suppressed = false}), workload rows with
 * their {@code workers} count; {@link #computePublished} gives the published table of
 * {@code suppression.rule} ({@code sql/95_publication.sql}, the same step as
 * {@link ReferencePublication#publish}). {@code revision} is always 0: it depends on arrival order
 * and batching, which a recomputation from the final event set cannot see.
 */
public final class ReferenceIndicators {

    private static final List<SqlScripts.Statement> STATEMENTS = SqlScripts.load();
    private static final List<SqlScripts.Statement> PUBLICATION = SqlScripts.loadPublication();

    /**
     * Below this file size DuckDB's per-statement thread coordination costs more than it saves
     * (about 120 ms instead of 230 ms for the worked example), so small inputs run on one thread.
     */
    private static final long SINGLE_THREAD_MAX_BYTES = 4L * 1024 * 1024;

    private static final Pattern GLOB_CHARACTERS = Pattern.compile("[*?\\[\\]{}]");

    private ReferenceIndicators() {
    }

    /**
     * Computes every indicator row for the events in {@code eventsJsonl}, in CSV order: exact
     * values, as {@code peerpulse compute --no-suppress} writes them.
     */
    public static List<ReferenceRow> compute(Path eventsJsonl, ReferenceConfig config) {
        return run(eventsJsonl, config, false);
    }

    /**
     * Computes every indicator row and publishes it under {@code config.publication()}, in CSV
     * order: as {@code peerpulse compute} writes them (same keys as {@link #compute}).
     */
    public static List<ReferenceRow> computePublished(Path eventsJsonl, ReferenceConfig config) {
        return run(eventsJsonl, config, true);
    }

    private static List<ReferenceRow> run(Path eventsJsonl, ReferenceConfig config, boolean publish) {
        Objects.requireNonNull(config, "config");
        if (eventsJsonl == null || !Files.isRegularFile(eventsJsonl)) {
            throw new IllegalArgumentException("events file " + eventsJsonl + " does not exist or is not a file");
        }
        if (GLOB_CHARACTERS.matcher(eventsJsonl.toAbsolutePath().toString()).find()) {
            return computeOnCopy(eventsJsonl, config, publish);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            configure(statement, eventsJsonl, config);
            for (SqlScripts.Statement sql : STATEMENTS) {
                execute(statement, sql);
            }
            if (!publish) {
                return readRows(statement, "indicator_rows");
            }
            statement.execute("CREATE VIEW exact_rows AS SELECT * FROM indicator_rows");
            configurePublication(statement, config.publication());
            for (SqlScripts.Statement sql : PUBLICATION) {
                execute(statement, sql);
            }
            return readRows(statement, "published_rows");
        } catch (SQLException e) {
            throw new ReferenceComputationException("reference computation failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events file " + eventsJsonl, e);
        }
    }

    /** DuckDB's read_text takes a glob pattern, so a path with glob characters is read from a copy. */
    private static List<ReferenceRow> computeOnCopy(Path eventsJsonl, ReferenceConfig config, boolean publish) {
        try {
            Path copy = Files.createTempFile("peerpulse-reference-", ".jsonl");
            if (GLOB_CHARACTERS.matcher(copy.toAbsolutePath().toString()).find()) {
                Files.deleteIfExists(copy);
                throw new IllegalArgumentException("events file " + eventsJsonl
                        + " has glob characters in its path, and so has the temporary folder " + copy.getParent());
            }
            try {
                Files.copy(eventsJsonl, copy, StandardCopyOption.REPLACE_EXISTING);
                return run(copy, config, publish);
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy events file " + eventsJsonl, e);
        }
    }

    private static void configure(Statement statement, Path events, ReferenceConfig config)
            throws SQLException, IOException {
        statement.execute("SET TimeZone = 'UTC'");
        if (Files.size(events) <= SINGLE_THREAD_MAX_BYTES) {
            statement.execute("SET threads = 1");
        }
        statement.execute("SET VARIABLE events_path = " + sqlString(events.toAbsolutePath().toString()));
        statement.execute("SET VARIABLE lateness_days = " + config.latenessDays());
        statement.execute("SET VARIABLE future_horizon_days = " + config.futureHorizonDays());
        statement.execute("SET VARIABLE min_dose = " + config.minDose());
        statement.execute("SET VARIABLE threshold_hours = "
                + String.format(Locale.ROOT, "%s", config.thresholdHours()));
    }

    /** The publication step's settings as the SQL variables 95_publication.sql reads. */
    static void configurePublication(Statement statement, PublicationConfig publication) throws SQLException {
        statement.execute("SET VARIABLE suppression_rule = " + sqlString(publication.rule().configValue()));
        statement.execute("SET VARIABLE suppression_threshold = " + publication.threshold());
        statement.execute("SET VARIABLE rounding_base = " + publication.roundingBase());
        statement.execute("SET VARIABLE min_workers = " + publication.minWorkers());
    }

    static void execute(Statement statement, SqlScripts.Statement sql) {
        try {
            statement.execute(sql.sql());
        } catch (SQLException e) {
            throw new ReferenceComputationException(
                    "reference SQL failed at " + sql.location() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code table} ({@code indicator_rows} or {@code published_rows}). Large inputs give
     * millions of rows, and decoding strings through JDBC costs far more than the SQL, so the five
     * key strings travel once per distinct cell key and each row carries a key number, epoch days
     * and numbers.
     */
    static List<ReferenceRow> readRows(Statement statement, String table) throws SQLException {
        statement.execute("""
                CREATE TABLE output_keys AS
                SELECT row_number() OVER (ORDER BY indicator, site_id, programme, arm, period_type) AS key_no,
                       indicator, site_id, programme, arm, period_type
                FROM (SELECT DISTINCT indicator, site_id, programme, arm, period_type FROM %s)""".formatted(table));
        List<String[]> keys = new ArrayList<>();
        keys.add(null); // key_no starts at 1
        try (ResultSet rs = statement.executeQuery(
                "SELECT indicator, site_id, programme, arm, period_type FROM output_keys ORDER BY key_no")) {
            while (rs.next()) {
                keys.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        }
        List<ReferenceRow> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("""
                SELECT k.key_no,
                       r.period_start - DATE '1970-01-01', r.period_end - DATE '1970-01-01',
                       r.numerator, r.denominator, r.value, r.status = 'FINAL', r.suppressed, r.revision,
                       r.workers
                FROM %s AS r
                JOIN output_keys AS k USING (indicator, site_id, programme, arm, period_type)
                ORDER BY k.key_no, r.period_start, r.period_end""".formatted(table))) {
            while (rs.next()) {
                String[] key = keys.get(rs.getInt(1));
                rows.add(new ReferenceRow(key[0], key[1], key[2], key[3], key[4],
                        LocalDate.ofEpochDay(rs.getLong(2)), LocalDate.ofEpochDay(rs.getLong(3)),
                        nullableDouble(rs, 4), nullableDouble(rs, 5), nullableDouble(rs, 6),
                        rs.getBoolean(7) ? ReferenceRow.FINAL : ReferenceRow.PROVISIONAL,
                        rs.getBoolean(8), rs.getLong(9), nullableInteger(rs, 10)));
            }
        }
        rows.sort(ReferenceRow.CSV_ORDER); // already in this order; the sort makes it independent of collation
        return List.copyOf(rows);
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInteger(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static String sqlString(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
