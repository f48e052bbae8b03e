package io.peerpulse.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The standalone and the distributed example of the JDBC sink say the same, apart from where
 * Postgres and the registry are and where the password comes from. JdbcSinkPostgresIT runs the
 * distributed one.
 */
class JdbcSinkConfigFilesTest {

  /** Host names (Compose services vs localhost) and the password's config provider differ on purpose. */
  private static final Set<String> PER_DEPLOYMENT = Set.of("connection.url", "connection.password",
      "key.converter.schema.registry.url", "value.converter.schema.registry.url");

  @Test
  void standaloneAndDistributedConfigsAgreeOnEverySettingButHostsAndPassword() throws Exception {
    Map<String, String> distributed = JdbcSinkConfigFiles.distributed();
    Map<String, String> standalone = JdbcSinkConfigFiles.standalone();
    assertThat(standalone.keySet()).containsExactlyInAnyOrderElementsOf(distributed.keySet());
    distributed.keySet().removeAll(PER_DEPLOYMENT);
    assertThat(standalone).containsAllEntriesOf(distributed);
  }

  @Test
  void theExamplesUpsertByTheRecordKeyDeleteOnTombstonesAndReadAvroWithOurConverter() throws Exception {
    Map<String, String> config = JdbcSinkConfigFiles.distributed();
    assertThat(config).containsEntry("connector.class", JdbcSinkConfigFiles.CONNECTOR_CLASS)
        .containsEntry("topics", JdbcSinkPostgresIT.TOPIC)
        .containsEntry("insert.mode", "upsert").containsEntry("primary.key.mode", "record_key")
        .containsEntry("delete.enabled", "true")
        .containsEntry("key.converter", "io.peerpulse.connectors.avro.AvroConverter")
        .containsEntry("value.converter", "io.peerpulse.connectors.avro.AvroConverter");
    // secrets come from a config provider, never from the file
    assertThat(config.get("connection.password")).startsWith("${env:");
    assertThat(JdbcSinkConfigFiles.standalone().get("connection.password")).startsWith("${file:");
  }
}
