package io.peerpulse.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.registry.core.CompatibilityLevel;
import io.peerpulse.registry.serde.KafkaAvroDeserializer;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.registry.serde.SpecificAvroSerde;
import io.peerpulse.registry.serde.UnknownSchemaIdException;
import io.peerpulse.registry.serde.WireFormat;
import io.peerpulse.registry.testdata.Greeting;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our client and serdes against an independent implementation of Confluent's protocol: Apicurio
 * Registry 3.3.3's {@code /apis/ccompat/v7} (a base URL with a path prefix), started once for
 * the class. Each test uses its own subjects. Deviations from Confluent found here are marked
 * "Apicurio deviation" and listed in registry/README.md.
 */
class ApicurioCompatibilityIT {

  private static final Schema V1 = new Schema.Parser().parse("""
      {"type":"record","name":"R","namespace":"it","fields":[{"name":"a","type":"int"}]}""");
  private static final Schema V2 = new Schema.Parser().parse("""
      {"type":"record","name":"R","namespace":"it","fields":[{"name":"a","type":"int"},
       {"name":"b","type":["null","string"],"default":null}]}""");
  private static final Schema INCOMPATIBLE = new Schema.Parser().parse("""
      {"type":"record","name":"R","namespace":"it","fields":[{"name":"a","type":"string"}]}""");

  private static ApicurioProcess apicurio;
  private static RestSchemaRegistryClient client;

  @BeforeAll
  static void start() {
    apicurio = ApicurioProcess.start();
    client = new RestSchemaRegistryClient(configs());
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (apicurio != null) {
      apicurio.close();
    }
  }

  private static Map<String, Object> configs() {
    Map<String, Object> configs = new HashMap<>();
    configs.put("schema.registry.url", apicurio.ccompatUrl());
    configs.put("retries.wait.ms", 10);
    return configs;
  }

  @Test
  void registerLookupAndReadBack() {
    int id1 = client.register("reg-value", V1);
    assertThat(client.register("reg-value", V1)).isEqualTo(id1);
    int id2 = client.register("reg-value", V2);
    assertThat(id2).isNotEqualTo(id1);
    assertThat(client.register("reg-other-value", V1)).as("same schema, same id").isEqualTo(id1);

    try (RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(configs())) {
      assertThat(fresh.getId("reg-value", V2)).isEqualTo(id2);
      assertThat(fresh.getVersion("reg-value", V1)).isEqualTo(1);
      assertThat(fresh.getSchemaById(id1)).isEqualTo(V1);
      assertThat(fresh.getAllVersions("reg-value")).containsExactly(1, 2);
      assertThat(fresh.getAllSubjects()).contains("reg-value", "reg-other-value");
      SchemaMetadata latest = fresh.getLatestVersion("reg-value");
      assertThat(latest.version()).isEqualTo(2);
      assertThat(latest.id()).isEqualTo(id2);
      assertThat(latest.avroSchema()).isEqualTo(V2);
      assertThat(fresh.getSchemaMetadata("reg-value", 1).id()).isEqualTo(id1);
    }
  }

  @Test
  void notFoundErrorsUseConfluentCodes() {
    client.register("nf-value", V1);
    assertThatThrownBy(() -> client.getSchemaById(987_654))
        .isInstanceOfSatisfying(RestClientException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(40403);
        });
    assertThatThrownBy(() -> client.getLatestVersion("nf-missing"))
        .isInstanceOfSatisfying(RestClientException.class,
            e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> client.getId("nf-value", V2))
        .isInstanceOfSatisfying(RestClientException.class,
            e -> assertThat(e.errorCode()).isEqualTo(40403));
  }

  @Test
  void compatibilityTestAndConfig() {
    // Apicurio deviation: the global default level is NONE (Confluent's is BACKWARD)
    assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.NONE);
    // Apicurio deviation: the level of a subject that does not exist yet is a 40401, where
    // Confluent (asked with defaultToGlobal=true, as our client does) answers the global level
    assertThatThrownBy(() -> client.getCompatibility("cmp-value"))
        .isInstanceOfSatisfying(RestClientException.class,
            e -> assertThat(e.errorCode()).isEqualTo(40401));

    client.register("cmp-value", V1);
    assertThat(client.getCompatibility("cmp-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(client.updateCompatibility("cmp-value", CompatibilityLevel.BACKWARD))
        .isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.getCompatibility("cmp-value")).isEqualTo(CompatibilityLevel.BACKWARD);

    assertThat(client.testCompatibility("cmp-value", V2)).isTrue();
    CompatibilityCheck incompatible =
        client.testCompatibility("cmp-value", "latest", INCOMPATIBLE.toString(), true);
    assertThat(incompatible.compatible()).isFalse();
    // Apicurio deviation: verbose=true gives no reasons ("messages" absent)
    assertThat(incompatible.messages()).isEmpty();
    assertThatThrownBy(() -> client.register("cmp-value", INCOMPATIBLE))
        .isInstanceOfSatisfying(RestClientException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(409);
        });
    assertThat(client.getMode()).isEqualTo("READWRITE");
  }

  @Test
  void serdeRoundTripCarriesApicuriosId() {
    GenericRecord sent = new GenericData.Record(V2);
    sent.put("a", 42);
    sent.put("b", "through apicurio");
    try (KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
      serializer.configure(configs(), false);
      deserializer.configure(configs(), false);
      byte[] bytes = serializer.serialize("serde.topic", sent);

      int apicuriosId = client.getId("serde.topic-value", V2);
      assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
      assertThat(WireFormat.schemaId(bytes, "serde.topic")).isEqualTo(apicuriosId);
      assertThat(deserializer.deserialize("serde.topic", bytes)).isEqualTo(sent);
    }
  }

  @Test
  void specificSerdeAndKeysThroughApicurio() {
    try (SpecificAvroSerde<Greeting> serde = new SpecificAvroSerde<>(Greeting.class)) {
      serde.configure(configs(), true);
      Greeting sent = Greeting.newBuilder().setName("k").setN(7).build();
      byte[] bytes = serde.serializer().serialize("specific.topic", sent);
      assertThat(serde.deserializer().deserialize("specific.topic", bytes)).isEqualTo(sent);
    }
    assertThat(client.getAllSubjects()).contains("specific.topic-key");
  }

  @Test
  void unknownIdThroughApicurioIsTheDedicatedException() {
    try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
      deserializer.configure(configs(), false);
      assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0x0f, 0x42, 0x40}))
          .isInstanceOfSatisfying(UnknownSchemaIdException.class,
              e -> assertThat(e.schemaId()).isEqualTo(1_000_000));
    }
  }

  @Test
  void failsOverFromADeadUrlToApicurio() {
    Map<String, Object> configs = configs();
    configs.put("schema.registry.url", FakeRegistry.deadUrl() + "," + apicurio.ccompatUrl());
    try (RestSchemaRegistryClient failover = new RestSchemaRegistryClient(configs)) {
      assertThat(failover.register("fo-value", V1)).isPositive();
    }
  }

  @Test
  void deletesSubjects() {
    client.register("del-value", V1);
    assertThat(client.deleteSubject("del-value")).containsExactly(1);
    assertThat(client.getAllSubjects()).doesNotContain("del-value");
    assertThat(client.deleteSubject("del-value", true)).containsExactly(1);
  }
}
