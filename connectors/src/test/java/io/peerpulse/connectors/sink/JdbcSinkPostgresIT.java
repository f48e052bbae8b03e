package io.peerpulse.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debezium's JDBC sink, configured by {@code config/jdbc-sink-postgres.json} with our
 * AvroConverter for key and value, copies {@code peerpulse.indicators.v1} into Postgres: one row
 * per indicator key with the key's latest value, revised values overwrite, tombstones delete.
 *
 * <p>In-process broker, Connect worker and registry server; the worker loads our plugin and
 * Debezium's from {@code target/plugin} ({@code plugin.path}), each isolated, as a deployed worker
 * does. The PostgreSQL server is a real one
 * ({@code -Dpeerpulse.it.postgres.url}, default the local {@code test} database). Each run writes
 * into a schema of its own, dropped afterwards, so reruns and parallel builds do not meet.
 */
class JdbcSinkPostgresIT {

  static final String TOPIC = "peerpulse.indicators.v1";
  private static final String TABLE = "peerpulse_indicators";
  private static final String POSTGRES_URL = System.getProperty("peerpulse.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String POSTGRES_USER = System.getProperty("peerpulse.it.postgres.user", "postgres");
  private static final String POSTGRES_PASSWORD = System.getProperty("peerpulse.it.postgres.password", "");
  private static final Instant COMPUTED_AT = Instant.parse("2025-03-02T04:05:06.789Z");

  private final String schema = "peerpulse_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  /** Latest value per key of everything produced; a tombstone removes the key. */
  private final Map<IndicatorKey, IndicatorValue> latest = new LinkedHashMap<>();
  private EmbeddedConnectCluster connect;
  private String connector;
  private RegistryServer registry;
  private KafkaProducer<byte[], byte[]> producer;
  private KafkaAvroSerializer keySerializer;
  private KafkaAvroSerializer valueSerializer;

  @BeforeEach
  void start() throws SQLException {
    try (Connection db = postgres(); Statement sql = db.createStatement()) {
      sql.execute("CREATE SCHEMA " + schema);
    }
    connect = new EmbeddedConnectCluster.Builder().name("peerpulse-jdbc-sink").numWorkers(1).numBrokers(1)
        .workerProps(new HashMap<>(Map.of("plugin.path", pluginPath(),
            // plugins from their ServiceLoader manifests only; scanning every class costs the worker ~20 s
            "plugin.discovery", "service_load"))).build();
    connect.start();
    registry = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0).build());
    // the published topic is compacted: its latest value per key is the table
    connect.kafka().createTopic(TOPIC, 3, 1, Map.of("cleanup.policy", "compact"));
    producer = connect.kafka().createProducer(Map.of());
    keySerializer = serializer(true);
    valueSerializer = serializer(false);
  }

  @AfterEach
  void stop() throws SQLException {
    if (producer != null) {
      producer.close();
      keySerializer.close();
      valueSerializer.close();
    }
    if (connect != null) {
      connect.stop();
    }
    if (registry != null) {
      registry.close();
    }
    try (Connection db = postgres(); Statement sql = db.createStatement()) {
      sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void theTableHoldsTheLatestValuePerIndicatorKeyWithRevisionsAppliedAndTombstonesDeleted() throws Exception {
    LocalDate january = LocalDate.of(2025, 1, 1);
    IndicatorKey ulm = key("REACH_30", "ulm", "INTERVENTION", january);
    IndicatorKey santiago = key("REACH_30", "santiago", "INTERVENTION", january);
    IndicatorKey total = key("REACH_30", "*", "INTERVENTION", january);
    IndicatorKey smallSite = key("REACH_30", "lyon", "INTERVENTION", january);
    IndicatorKey withdrawn = key("PSW_DIRECT_HOURS", "ulm", "*", january); // workload: programme = arm = "*"
    produce(ulm, value(12.0, 40.0, IndicatorStatus.FINAL, 0));
    produce(santiago, value(8.0, 20.0, IndicatorStatus.PROVISIONAL, 0));
    produce(total, value(20.0, 60.0, IndicatorStatus.PROVISIONAL, 0));
    produce(smallSite, suppressed());
    produce(withdrawn, value(31.0, 12.0, IndicatorStatus.PROVISIONAL, 0));

    Map<String, String> config = connectorConfig();
    connector = config.get("name");
    connect.configureConnector(connector, config);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1, "JDBC sink did not start");
    awaitTableEqualsLatest();

    // the upserts now hit existing rows: a late correction of a FINAL cell, a cell turning FINAL, a withdrawn cell
    produce(ulm, value(13.0, 40.0, IndicatorStatus.FINAL, 1));
    produce(santiago, value(9.0, 20.0, IndicatorStatus.FINAL, 0));
    produce(withdrawn, null);
    awaitTableEqualsLatest();
    assertThat(latest).hasSize(4).doesNotContainKey(withdrawn);

    assertThat(primaryKey()).as("primary key = the IndicatorKey fields")
        .containsExactlyInAnyOrderElementsOf(fieldNames(IndicatorKey.getClassSchema()));
    Map<String, String> types = columnTypes();
    assertThat(types.keySet()).containsExactlyInAnyOrderElementsOf(allFieldNames());
    // the layout connectors/README.md documents for evaluators' queries
    assertThat(types).containsEntry("period_start", "date").containsEntry("period_end", "date")
        .containsEntry("watermark", "date").containsEntry("value", "double precision")
        .containsEntry("revision", "integer").containsEntry("suppressed", "boolean")
        .containsEntry("computed_at", "timestamp without time zone");
  }

  /**
   * {@code target/plugin}, where {@code mvn package} puts our plugin and unpacks Debezium's
   * plugin archive: the worker loads both isolated, as a deployed one does.
   */
  private static String pluginPath() {
    Path plugins = Path.of(System.getProperty("peerpulse.plugin.dir", "target/plugin"));
    for (String plugin : List.of("peerpulse-connectors", "debezium-connector-jdbc")) {
      if (!Files.isDirectory(plugins.resolve(plugin))) {
        throw new IllegalStateException("JdbcSinkPostgresIT needs the plugin directory " + plugins.resolve(plugin)
            + ": run it through mvn verify (the package phase makes it), without -Djdbc.sink.plugin.skip");
      }
    }
    return plugins.toAbsolutePath().toString();
  }

  private Map<String, String> connectorConfig() throws Exception {
    Map<String, String> config = JdbcSinkConfigFiles.distributed();
    config.put("connection.url", POSTGRES_URL);
    config.put("connection.username", POSTGRES_USER);
    config.put("connection.password", POSTGRES_PASSWORD);
    config.put("collection.name.format", schema + "." + config.get("collection.name.format"));
    config.put("key.converter.schema.registry.url", registry.url().toString());
    config.put("value.converter.schema.registry.url", registry.url().toString());
    return config;
  }

  private void awaitTableEqualsLatest() {
    List<Map<String, Object>> expected = latest.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      failFastOnFailedTask();
      assertThat(tableRows()).containsExactlyInAnyOrderElementsOf(expected);
    });
  }

  private void failFastOnFailedTask() {
    ConnectorStateInfo status = connect.connectorStatus(connector);
    for (ConnectorStateInfo.TaskState task : status.tasks()) {
      if ("FAILED".equals(task.state())) {
        // not an AssertionError: Awaitility rethrows it at once instead of waiting for the timeout
        throw new IllegalStateException("JDBC sink task " + task.id() + " failed: " + task.trace());
      }
    }
  }

  // ---------------------------------------------------------------- produced records

  /** A MONTH cell; site "*" is the total row of its programme × arm (spec/indicators.md). */
  private static IndicatorKey key(String indicator, String site, String arm, LocalDate monthStart) {
    return IndicatorKey.newBuilder().setIndicator(indicator).setSiteId(site)
        .setProgramme(arm.equals("*") ? "*" : "UPSIDES").setArm(arm).setPeriodType("MONTH")
        .setPeriodStart(monthStart).setPeriodEnd(monthStart.plusMonths(1).minusDays(1)).build();
  }

  private static IndicatorValue value(double numerator, double denominator, IndicatorStatus status, int revision) {
    return IndicatorValue.newBuilder().setNumerator(numerator).setDenominator(denominator)
        .setValue(numerator / denominator * 100).setStatus(status).setSuppressed(false).setRevision(revision)
        .setDefinitionVersion(1).setComputedAt(COMPUTED_AT.plusSeconds(revision))
        .setWatermark(status == IndicatorStatus.FINAL ? LocalDate.of(2025, 2, 28) : LocalDate.of(2025, 1, 20))
        .setWorkers(null).build();
  }

  /** A published cell whose counts the publication rule withheld. */
  private static IndicatorValue suppressed() {
    return IndicatorValue.newBuilder().setNumerator(null).setDenominator(null).setValue(null)
        .setStatus(IndicatorStatus.FINAL).setSuppressed(true).setRevision(0).setDefinitionVersion(1)
        .setComputedAt(COMPUTED_AT).setWatermark(null).setWorkers(null).build();
  }

  private KafkaAvroSerializer serializer(boolean isKey) {
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(Map.of("schema.registry.url", registry.url().toString()), isKey);
    return serializer;
  }

  private void produce(IndicatorKey key, IndicatorValue value) throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, keySerializer.serialize(TOPIC, key),
        value == null ? null : valueSerializer.serialize(TOPIC, value))).get();
    if (value == null) {
      latest.remove(key);
    } else {
      latest.put(key, value);
    }
  }

  /** The row a (key, value) should become: one column per Avro field, values as JDBC reads them back. */
  private static Map<String, Object> row(IndicatorKey key, IndicatorValue value) {
    Map<String, Object> row = new HashMap<>();
    for (SpecificRecord record : List.<SpecificRecord>of(key, value)) {
      for (Schema.Field field : record.getSchema().getFields()) {
        Object fieldValue = record.get(field.pos());
        row.put(field.name(), fieldValue instanceof CharSequence || fieldValue instanceof Enum<?> ? fieldValue.toString() : fieldValue);
      }
    }
    return row;
  }

  private static List<String> fieldNames(Schema record) {
    return record.getFields().stream().map(Schema.Field::name).toList();
  }

  private static List<String> allFieldNames() {
    List<String> names = new ArrayList<>(fieldNames(IndicatorKey.getClassSchema()));
    names.addAll(fieldNames(IndicatorValue.getClassSchema()));
    return names;
  }

  // ---------------------------------------------------------------- Postgres

  private static Connection postgres() throws SQLException {
    try {
      return DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
    } catch (SQLException e) {
      throw new SQLException("JdbcSinkPostgresIT needs a PostgreSQL server at " + POSTGRES_URL + " (user " + POSTGRES_USER
          + "); start the local one (pg_ctlcluster <version> main start) or set -Dpeerpulse.it.postgres.url/.user/.password: "
          + e.getMessage(), e);
    }
  }

  /** Every row of the sink's table, column name to value; empty while the table does not exist. */
  private List<Map<String, Object>> tableRows() throws SQLException {
    try (Connection db = postgres()) {
      if (columnTypes(db).isEmpty()) {
        return List.of();
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT * FROM " + schema + "." + TABLE)) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnName(i), column(rs, i, meta.getColumnTypeName(i)));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  /** A column's value as the Java type the Avro field has (dates, instants), so rows compare with {@link #row}. */
  private static Object column(ResultSet rs, int index, String type) throws SQLException {
    return switch (type) {
      case "date" -> rs.getObject(index, LocalDate.class);
      // the sink writes timestamps as UTC wall-clock time (use.time.zone=UTC)
      case "timestamp" -> toInstant(rs.getObject(index, LocalDateTime.class));
      case "timestamptz" -> {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        yield value == null ? null : value.toInstant();
      }
      default -> rs.getObject(index);
    };
  }

  private static Instant toInstant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  private Map<String, String> columnTypes() throws SQLException {
    try (Connection db = postgres()) {
      return columnTypes(db);
    }
  }

  private Map<String, String> columnTypes(Connection db) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (PreparedStatement sql = db.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
        + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      sql.setString(1, schema);
      sql.setString(2, TABLE);
      try (ResultSet rs = sql.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return types;
  }

  private List<String> primaryKey() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection db = postgres(); PreparedStatement sql = db.prepareStatement("SELECT k.column_name"
        + " FROM information_schema.table_constraints c JOIN information_schema.key_column_usage k"
        + " ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name"
        + " WHERE c.table_schema = ? AND c.table_name = ? AND c.constraint_type = 'PRIMARY KEY'")) {
      sql.setString(1, schema);
      sql.setString(2, TABLE);
      try (ResultSet rs = sql.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    return columns;
  }
}
