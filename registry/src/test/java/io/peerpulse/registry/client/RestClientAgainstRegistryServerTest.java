package io.peerpulse.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.registry.core.CompatibilityLevel;
import io.peerpulse.registry.core.SubjectVersion;
import io.peerpulse.registry.serde.KafkaAvroDeserializer;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client and serdes against PeerPulse's own registry server over real HTTP. */
class RestClientAgainstRegistryServerTest {

  private static final Schema V1 = new Schema.Parser().parse("""
      {"type":"record","name":"R","namespace":"t","fields":[{"name":"a","type":"int"}]}""");
  private static final Schema V2 = new Schema.Parser().parse("""
      {"type":"record","name":"R","namespace":"t","fields":[{"name":"a","type":"int"},
       {"name":"b","type":["null","string"],"default":null}]}""");
  private static final Schema INCOMPATIBLE = new Schema.Parser().parse("""
      {"type":"record","name":"R","namespace":"t","fields":[{"name":"a","type":"string"}]}""");

  private RegistryServer server;
  private RestSchemaRegistryClient client;

  @BeforeEach
  void start() {
    server = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0)
        .basicAuth("app:pw").build());
    client = new RestSchemaRegistryClient(Map.of("schema.registry.url", server.url().toString(),
        "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "app:pw"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void registersLooksUpAndListsSchemas() {
    int id1 = client.register("s-value", V1);
    int id2 = client.register("s-value", V2);
    assertThat(client.register("other-value", V1)).as("same schema, same id").isEqualTo(id1);

    assertThat(client.getId("s-value", V2)).isEqualTo(id2);
    assertThat(client.getVersion("s-value", V1)).isEqualTo(1);
    assertThat(client.getSchemaById(id2)).isEqualTo(V2);
    assertThat(client.getAllVersions("s-value")).containsExactly(1, 2);
    assertThat(client.getAllSubjects()).containsExactlyInAnyOrder("s-value", "other-value");
    assertThat(client.getSubjectVersionsById(id1)).containsExactlyInAnyOrder(
        new SubjectVersion("s-value", 1), new SubjectVersion("other-value", 1));
    SchemaMetadata latest = client.getLatestVersion("s-value");
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.id()).isEqualTo(id2);
    assertThat(latest.schemaType()).isEqualTo("AVRO");
    assertThat(latest.avroSchema()).isEqualTo(V2);
    assertThat(client.getSchemaMetadata("s-value", 1).avroSchema()).isEqualTo(V1);
  }

  @Test
  void compatibilityAndConfig() {
    client.register("s-value", V1);
    assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.testCompatibility("s-value", V2)).isTrue();
    CompatibilityCheck check = client.testCompatibility("s-value", "latest",
        INCOMPATIBLE.toString(), true);
    assertThat(check.compatible()).isFalse();
    assertThat(check.messages()).isNotEmpty();
    assertThatThrownBy(() -> client.register("s-value", INCOMPATIBLE))
        .isInstanceOfSatisfying(RestClientException.class,
            e -> assertThat(e.status()).isEqualTo(409));

    assertThat(client.updateCompatibility("s-value", CompatibilityLevel.NONE))
        .isEqualTo(CompatibilityLevel.NONE);
    assertThat(client.getCompatibility("s-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(client.getCompatibility("no-own-level")).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.register("s-value", INCOMPATIBLE)).isPositive();
    assertThat(client.getMode()).isEqualTo("READWRITE");
  }

  @Test
  void errorsCarryConfluentCodes() {
    assertThatThrownBy(() -> client.getSchemaById(999))
        .isInstanceOfSatisfying(RestClientException.class,
            e -> assertThat(e.errorCode()).isEqualTo(RestClientException.SCHEMA_NOT_FOUND));
    assertThatThrownBy(() -> client.getLatestVersion("missing"))
        .isInstanceOfSatisfying(RestClientException.class,
            e -> assertThat(e.errorCode()).isEqualTo(RestClientException.SUBJECT_NOT_FOUND));
    client.register("s-value", V1);
    assertThatThrownBy(() -> client.getId("s-value", V2))
        .isInstanceOfSatisfying(RestClientException.class,
            e -> assertThat(e.errorCode()).isEqualTo(RestClientException.SCHEMA_NOT_FOUND));
  }

  @Test
  void deletesSubjectsAndForgetsTheirCachedIds() {
    client.register("s-value", V1);
    assertThat(client.deleteSubject("s-value")).containsExactly(1);
    assertThat(client.deleteSubject("s-value", true)).containsExactly(1);
    assertThat(client.getAllSubjects()).isEmpty();
    assertThat(client.register("s-value", V1)).isPositive();
    assertThat(client.getAllVersions("s-value")).containsExactly(1);
  }

  @Test
  void wrongCredentialsAreA401WithoutRetries() {
    try (RestSchemaRegistryClient intruder = new RestSchemaRegistryClient(Map.of(
        "schema.registry.url", server.url().toString(), "basic.auth.credentials.source",
        "USER_INFO", "basic.auth.user.info", "app:wrong"))) {
      assertThatThrownBy(intruder::getAllSubjects)
          .isInstanceOfSatisfying(RestClientException.class,
              e -> assertThat(e.status()).isEqualTo(401));
    }
  }

  @Test
  void serdeRoundTripThroughTheServer() {
    Map<String, Object> configs = Map.of("schema.registry.url", server.url().toString(),
        "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "app:pw");
    GenericRecord sent = new GenericData.Record(V2);
    sent.put("a", 5);
    sent.put("b", "x");
    try (KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
      serializer.configure(configs, false);
      deserializer.configure(configs, false);
      byte[] bytes = serializer.serialize("topic", sent);
      assertThat(bytes[0]).isZero();
      assertThat(deserializer.deserialize("topic", bytes)).isEqualTo(sent);
    }
    assertThat(client.getAllSubjects()).containsExactly("topic-value");
  }
}
