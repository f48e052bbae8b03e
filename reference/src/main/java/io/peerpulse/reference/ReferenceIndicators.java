package io.peerpulse.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The independent oracle: recomputes the indicators of spec/indicators.md from a JSON-lines file
 * of canonical events with plain SQL (DuckDB, in memory), sharing no logic with the streaming
 * engine. The SQL lives in {@code src/main/resources/sql}, one file per indicator or family;
 * it is the readable definition an evaluator can check a number against.
 *
 * <p>Input: one schema-valid canonical JSON event per line (events.md), in arrival order. The
 * event-level rules (FUTURE_EVENT, duplicates first-wins, VOIDs) are applied in SQL.
 *
 * <p>Output: exact values ({@code suppressed = false}). {@code revision} is always 0: it depends
 * on arrival order and batching, which a recomputation from the final event set cannot see.
 */
public final class ReferenceIndicators {

    private static final List<SqlScripts.Statement> STATEMENTS = SqlScripts.load();

    /**
     * Below this file size DuckDB's per-statement thread coordination costs more than it saves
     * (about 120 ms instead of 230 ms for the worked example), so small inputs run on one thread.
     */
    private static final long SINGLE_THREAD_MAX_BYTES = 4L * 1024 * 1024;

    private ReferenceIndicators() {
    }

    /** Computes every indicator row for the events in {@code eventsJsonl}, in CSV order. */
    public static List<ReferenceRow> compute(Path eventsJsonl, ReferenceConfig config) {
        if (!Files.isRegularFile(eventsJsonl)) {
            throw new IllegalArgumentException("events file " + eventsJsonl + " does not exist or is not a file");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            configure(statement, eventsJsonl, config);
            for (SqlScripts.Statement sql : STATEMENTS) {
                execute(statement, sql);
            }
            return readRows(statement);
        } catch (SQLException e) {
            throw new ReferenceComputationException("DuckDB connection failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events file " + eventsJsonl, e);
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
        statement.execute("SET VARIABLE min_dose = " + config.minDose());
        statement.execute("SET VARIABLE threshold_hours = "
                + String.format(Locale.ROOT, "%s", config.thresholdHours()));
    }

    private static void execute(Statement statement, SqlScripts.Statement sql) {
        try {
            statement.execute(sql.sql());
        } catch (SQLException e) {
            throw new ReferenceComputationException(
                    "reference SQL failed at " + sql.location() + ": " + e.getMessage(), e);
        }
    }

    private static List<ReferenceRow> readRows(Statement statement) throws SQLException {
        List<ReferenceRow> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("""
                SELECT indicator, site_id, programme, arm, period_type,
                       CAST(period_start AS VARCHAR), CAST(period_end AS VARCHAR),
                       numerator, denominator, value, status, suppressed, revision
                FROM indicator_rows""")) {
            while (rs.next()) {
                rows.add(new ReferenceRow(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        LocalDate.parse(rs.getString(6)), LocalDate.parse(rs.getString(7)),
                        nullableDouble(rs, 8), nullableDouble(rs, 9), nullableDouble(rs, 10),
                        rs.getString(11), rs.getBoolean(12), rs.getLong(13)));
            }
        }
        rows.sort(ReferenceRow.CSV_ORDER);
        return List.copyOf(rows);
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static String sqlString(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
