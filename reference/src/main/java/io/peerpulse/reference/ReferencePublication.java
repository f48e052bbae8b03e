package io.peerpulse.reference;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The independent publication step: turns a table of exact indicator rows into the published
 * table of indicators.md "Publication and suppression" with plain SQL
 * ({@code sql/95_publication.sql}, the same script {@link ReferenceIndicators#computePublished}
 * runs after the computation). It shares no logic with the streaming publication.
 *
 * <p>Workload rows need their {@code workers} count (as {@link ReferenceIndicators#compute} gives
 * them); a workload row without one counts as 0 workers and is withheld under the NHS rule.
 */
public final class ReferencePublication {

    private static final List<SqlScripts.Statement> STATEMENTS = SqlScripts.loadStandalonePublication();

    private static final int SINGLE_THREAD_MAX_ROWS = 200_000;

    private ReferencePublication() {
    }

    /**
     * Publishes {@code exact} (one row per key, exact values) under {@code config}; the result has
     * the same keys, in CSV order.
     */
    public static List<ReferenceRow> publish(List<ReferenceRow> exact, PublicationConfig config) {
        Objects.requireNonNull(exact, "exact");
        Objects.requireNonNull(config, "config");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            if (exact.size() <= SINGLE_THREAD_MAX_ROWS) {
                statement.execute("SET threads = 1");
            }
            statement.execute("""
                    CREATE TABLE exact_rows (
                        indicator    VARCHAR NOT NULL,
                        site_id      VARCHAR NOT NULL,
                        programme    VARCHAR NOT NULL,
                        arm          VARCHAR NOT NULL,
                        period_type  VARCHAR NOT NULL,
                        period_start DATE    NOT NULL,
                        period_end   DATE    NOT NULL,
                        numerator    DOUBLE,
                        denominator  DOUBLE,
                        value        DOUBLE,
                        status       VARCHAR NOT NULL,
                        suppressed   BOOLEAN NOT NULL,
                        revision     BIGINT  NOT NULL,
                        workers      INTEGER,
                        PRIMARY KEY (indicator, site_id, programme, arm, period_type, period_start, period_end)
                    )""");
            append(connection, exact);
            ReferenceIndicators.configurePublication(statement, config);
            for (SqlScripts.Statement sql : STATEMENTS) {
                ReferenceIndicators.execute(statement, sql);
            }
            return ReferenceIndicators.readRows(statement, "published_rows");
        } catch (SQLException e) {
            throw new ReferenceComputationException("reference publication failed: " + e.getMessage(), e);
        }
    }

    private static void append(Connection connection, List<ReferenceRow> rows) throws SQLException {
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(
                DuckDBConnection.DEFAULT_SCHEMA, "exact_rows")) {
            for (ReferenceRow row : rows) {
                appender.beginRow()
                        .append(row.indicator()).append(row.siteId()).append(row.programme()).append(row.arm())
                        .append(row.periodType()).append(row.periodStart()).append(row.periodEnd())
                        .append(row.numerator()).append(row.denominator()).append(row.value())
                        .append(row.status()).append(row.suppressed()).append(row.revision())
                        .append(row.workers())
                        .endRow();
            }
            appender.flush();
        }
    }
}
