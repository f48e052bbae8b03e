package io.peerpulse.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.app.CommandRun;
import io.peerpulse.app.SingleBroker;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peerpulse export} against a real broker and registry: known records on the published
 * topic (two partitions), including a key updated later and a key deleted by a tombstone, give
 * exactly the expected CSV, its filtered subset, and a Parquet file with the same rows.
 */
class ExportCommandIT {

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
  }

  /** What the topic holds after compaction, as the indicator CSV (written by hand: the contract). */
  private static final String EXPECTED = IndicatorCsv.HEADER + "\n"
      + "MIN_DOSE_3,ulm,UPSIDES,INTERVENTION,WEEK,2021-01-04,2021-01-10,10,30,33.3333,FINAL,false,0\n"
      + "REACH_30,santiago,CTI_TS,CONTROL,MONTH,2021-01-01,2021-01-31,,,,PROVISIONAL,true,0\n"
      + "REACH_30,ulm,UPSIDES,INTERVENTION,MONTH,2021-01-01,2021-01-31,15,20,75,FINAL,false,1\n";

  @TempDir static Path dir;
  private static KafkaClusterTestKit cluster;
  private static RegistryServer registry;

  @BeforeAll
  static void startAndWriteTheTopic() throws Exception {
    cluster = SingleBroker.start();
    registry = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0).build());
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      TopicAdmin.ensure(admin, 2, (short) 1);
    }
    Topic<IndicatorKey, IndicatorValue> topic = Topics.of(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, registry.url().toString()))
        .indicators();
    IndicatorKey reachUlm = key("REACH_30", "ulm", "UPSIDES", "INTERVENTION", "MONTH", "2021-01-01", "2021-01-31");
    IndicatorKey reachSantiago = key("REACH_30", "santiago", "CTI_TS", "CONTROL", "MONTH", "2021-01-01", "2021-01-31");
    IndicatorKey minDose = key("MIN_DOSE_3", "ulm", "UPSIDES", "INTERVENTION", "WEEK", "2021-01-04", "2021-01-10");
    IndicatorKey deleted = key("ACTIVE_ENROLMENTS", "*", "*", "*", "DAY", "2021-01-05", "2021-01-05");
    try (KafkaProducer<IndicatorKey, IndicatorValue> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), reachUlm, value(10.0, 20.0, 50.0, IndicatorStatus.PROVISIONAL, false, 0)));
      producer.send(new ProducerRecord<>(topic.name(), deleted, value(20.0, null, 20.0, IndicatorStatus.FINAL, false, 0)));
      producer.send(new ProducerRecord<>(topic.name(), reachSantiago, value(null, null, null, IndicatorStatus.PROVISIONAL, true, 0)));
      producer.send(new ProducerRecord<>(topic.name(), minDose, value(10.0, 30.0, 100.0 / 3, IndicatorStatus.FINAL, false, 0)));
      producer.send(new ProducerRecord<>(topic.name(), reachUlm, value(15.0, 20.0, 75.0, IndicatorStatus.FINAL, false, 1)));
      producer.send(new ProducerRecord<>(topic.name(), deleted, null));
      producer.flush();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theCsvHoldsTheLatestValuePerKeyWithoutDeletedKeys() throws Exception {
    Path csv = dir.resolve("all.csv");
    CommandRun run = export(csv);
    assertThat(Files.readString(csv)).isEqualTo(EXPECTED);
    assertThat(run.err()).contains("export: 6 records read from 2 partition(s) of peerpulse.indicators.v1; 3 rows written to "
        + csv + " (csv)");
  }

  @Test
  void filtersSelectTheSameRowsAsTheQueryApi() throws Exception {
    Path csv = dir.resolve("filtered.csv");
    export(csv, "--indicator", "REACH_30", "--from", "2021-01-01", "--to", "2021-01-01", "--arm", "INTERVENTION");
    assertThat(Files.readString(csv)).isEqualTo(IndicatorCsv.HEADER + "\n"
        + "REACH_30,ulm,UPSIDES,INTERVENTION,MONTH,2021-01-01,2021-01-31,15,20,75,FINAL,false,1\n");
  }

  @Test
  void parquetHoldsTheSameRowsWithTypedColumns() throws Exception {
    Path parquet = dir.resolve("all.parquet");
    export(parquet);
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
      assertThat(ExportFormatTest.readBack(sql, parquet)).isEqualTo(EXPECTED);
    }
  }

  private static CommandRun export(Path output, String... filters) {
    List<String> args = new ArrayList<>(List.of("export", "--output", output.toString(), "--bootstrap-servers",
        cluster.bootstrapServers(), "--schema-registry-url", registry.url().toString(), "--timeout", "20"));
    args.addAll(List.of(filters));
    CommandRun run = new CommandRun();
    int exit = run.run(args.toArray(String[]::new));
    assertThat(exit).as(run.err()).isZero();
    return run;
  }

  private static IndicatorKey key(String indicator, String site, String programme, String arm, String periodType,
      String start, String end) {
    return IndicatorKey.newBuilder().setIndicator(indicator).setSiteId(site).setProgramme(programme).setArm(arm)
        .setPeriodType(periodType).setPeriodStart(LocalDate.parse(start)).setPeriodEnd(LocalDate.parse(end)).build();
  }

  private static IndicatorValue value(Double numerator, Double denominator, Double value, IndicatorStatus status,
      boolean suppressed, int revision) {
    return IndicatorValue.newBuilder().setNumerator(numerator).setDenominator(denominator).setValue(value).setStatus(status)
        .setSuppressed(suppressed).setRevision(revision).setComputedAt(Instant.parse("2021-02-10T00:00:00Z")).build();
  }
}
