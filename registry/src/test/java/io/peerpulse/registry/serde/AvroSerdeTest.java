package io.peerpulse.registry.serde;

import static io.peerpulse.registry.serde.TestSchemas.GREETING_V1;
import static io.peerpulse.registry.serde.TestSchemas.GREETING_V2;
import static io.peerpulse.registry.serde.TestSchemas.v1;
import static io.peerpulse.registry.serde.TestSchemas.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.registry.client.MockSchemaRegistry;
import io.peerpulse.registry.client.SchemaRegistryClient;
import io.peerpulse.registry.core.CompatibilityLevel;
import io.peerpulse.registry.testdata.Greeting;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Avro serdes against a {@code mock://} registry (a fresh scope per test). */
class AvroSerdeTest {

  private static final String TOPIC = "peerpulse.events.v1";

  private final String scope = "serde-" + UUID.randomUUID();
  private final SchemaRegistryClient client = MockSchemaRegistry.clientForScope(scope);

  @AfterEach
  void drop() {
    MockSchemaRegistry.drop(scope);
  }

  private Map<String, Object> configs(Object... keyValues) {
    Map<String, Object> configs = new HashMap<>();
    configs.put("schema.registry.url", "mock://" + scope);
    for (int i = 0; i < keyValues.length; i += 2) {
      configs.put((String) keyValues[i], keyValues[i + 1]);
    }
    return configs;
  }

  private KafkaAvroSerializer serializer(Object... keyValues) {
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(configs(keyValues), false);
    return serializer;
  }

  private KafkaAvroDeserializer deserializer(Object... keyValues) {
    KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    deserializer.configure(configs(keyValues), false);
    return deserializer;
  }

  private static int idOf(byte[] payload) {
    return WireFormat.schemaId(payload, TOPIC);
  }

  @Nested
  class RoundTrips {

    @Test
    void genericRecord() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer deserializer = deserializer()) {
        GenericRecord sent = v2("ab", 3, "hello");
        Object received = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, sent));
        assertThat(received).isInstanceOf(GenericRecord.class).isEqualTo(sent);
        assertThat(client.getAllSubjects()).containsExactly(TOPIC + "-value");
      }
    }

    @Test
    void specificRecordThroughConfigs() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer deserializer = deserializer("specific.avro.reader", "true")) {
        Greeting sent = Greeting.newBuilder().setName("ab").setN(3).setNote("x").build();
        Object received = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, sent));
        assertThat(received).isInstanceOf(Greeting.class).isEqualTo(sent);
      }
    }

    @Test
    void specificSerdeWithoutAClassFindsItByTheWritersName() {
      try (KafkaAvroSerializer serializer = serializer();
          SpecificAvroSerde<Greeting> serde = new SpecificAvroSerde<>()) {
        serde.configure(configs(), false);
        byte[] bytes = serializer.serialize(TOPIC, v2("ab", 3, null));
        assertThat(serde.deserializer().deserialize(TOPIC, bytes))
            .isEqualTo(Greeting.newBuilder().setName("ab").setN(3).build());
      }
    }

    @Test
    void specificSerdeForKeysRegistersTheKeySubject() {
      try (SpecificAvroSerde<Greeting> serde = new SpecificAvroSerde<>(Greeting.class)) {
        serde.configure(configs(), true);
        Greeting sent = Greeting.newBuilder().setName("k").setN(1).build();
        byte[] bytes = serde.serializer().serialize(TOPIC, sent);
        Greeting received = serde.deserializer().deserialize(TOPIC, bytes);
        assertThat(received).isEqualTo(sent);
        assertThat(client.getAllSubjects()).containsExactly(TOPIC + "-key");
      }
    }

    @Test
    void genericSerdeSharesGivenClient() {
      try (GenericAvroSerde serde = new GenericAvroSerde(client)) {
        serde.configure(Map.of(), false);
        Serializer<GenericRecord> serializer = serde.serializer();
        Deserializer<GenericRecord> deserializer = serde.deserializer();
        GenericRecord sent = v1("ab", 3);
        assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, sent)))
            .isEqualTo(sent);
      }
      // the serde did not own the client, so closing it left the client usable
      assertThat(client.getAllSubjects()).containsExactly(TOPIC + "-value");
    }

    @Test
    void genericSerdeRejectsNonRecordsClearly() {
      try (KafkaAvroSerializer serializer = serializer();
          GenericAvroSerde serde = new GenericAvroSerde(client)) {
        serde.configure(Map.of(), false);
        byte[] bytes = serializer.serialize(TOPIC, "just a string");
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Expected a org.apache.avro.generic.GenericRecord on topic "
                + TOPIC);
      }
    }

    @Test
    void primitives() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer deserializer = deserializer()) {
        assertThat(deserializer.deserialize("s", serializer.serialize("s", "héllo")))
            .isEqualTo("héllo");
        assertThat(deserializer.deserialize("i", serializer.serialize("i", 42))).isEqualTo(42);
        assertThat(deserializer.deserialize("l", serializer.serialize("l", -7L))).isEqualTo(-7L);
        assertThat(deserializer.deserialize("d", serializer.serialize("d", 2.5))).isEqualTo(2.5);
        assertThat(deserializer.deserialize("z", serializer.serialize("z", true))).isEqualTo(true);
        assertThat((byte[]) deserializer.deserialize("b",
            serializer.serialize("b", new byte[] {1, 2, 3}))).containsExactly(1, 2, 3);
      }
    }

    @Test
    void nullsAreTombstonesBothWays() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer deserializer = deserializer()) {
        assertThat(serializer.serialize(TOPIC, null)).isNull();
        assertThat(deserializer.deserialize(TOPIC, null)).isNull();
      }
    }
  }

  @Nested
  class SubjectNames {

    private String subjectAfterSerializing(Object strategy) {
      try (KafkaAvroSerializer serializer = serializer("value.subject.name.strategy", strategy)) {
        serializer.serialize(TOPIC, v1("ab", 3));
      }
      assertThat(client.getAllSubjects()).hasSize(1);
      return client.getAllSubjects().get(0);
    }

    @Test
    void topicNameIsTheDefault() {
      try (KafkaAvroSerializer serializer = serializer()) {
        serializer.serialize(TOPIC, v1("ab", 3));
      }
      assertThat(client.getAllSubjects()).containsExactly(TOPIC + "-value");
    }

    @Test
    void topicNameByConfluentClassName() {
      assertThat(subjectAfterSerializing("io.confluent.kafka.serializers.subject.TopicNameStrategy"))
          .isEqualTo(TOPIC + "-value");
    }

    @Test
    void recordNameByConfluentClassName() {
      assertThat(subjectAfterSerializing(
          "io.confluent.kafka.serializers.subject.RecordNameStrategy"))
          .isEqualTo("io.peerpulse.registry.testdata.Greeting");
    }

    @Test
    void topicRecordNameByConfluentClassName() {
      assertThat(subjectAfterSerializing(
          "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
          .isEqualTo(TOPIC + "-io.peerpulse.registry.testdata.Greeting");
    }

    @Test
    void ourClassNamesAndClassesWorkToo() {
      assertThat(new RecordNameStrategy().subjectName(TOPIC, false, GREETING_V1))
          .isEqualTo("io.peerpulse.registry.testdata.Greeting");
      assertThat(subjectAfterSerializing(TopicRecordNameStrategy.class.getName()))
          .isEqualTo(TOPIC + "-io.peerpulse.registry.testdata.Greeting");
      assertThat(SubjectNameStrategies.resolve("k", RecordNameStrategy.class))
          .isInstanceOf(RecordNameStrategy.class);
    }

    @Test
    void keyStrategyAppliesToKeys() {
      try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
        serializer.configure(configs("key.subject.name.strategy",
            "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"), true);
        serializer.serialize(TOPIC, v1("ab", 3));
      }
      assertThat(client.getAllSubjects())
          .containsExactly(TOPIC + "-io.peerpulse.registry.testdata.Greeting");
    }

    @Test
    void unknownStrategyIsAConfigError() {
      assertThatThrownBy(() -> serializer("value.subject.name.strategy", "com.example.Nope"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("value.subject.name.strategy")
          .hasMessageContaining("com.example.Nope");
    }
  }

  @Nested
  class Evolution {

    @Test
    void oldWriterNewSpecificReaderGetsTheDefault() {
      try (KafkaAvroSerializer serializer = serializer();
          SpecificAvroSerde<Greeting> serde = new SpecificAvroSerde<>(Greeting.class)) {
        serde.configure(configs(), false);
        byte[] written = serializer.serialize(TOPIC, v1("old", 1));
        Greeting read = serde.deserializer().deserialize(TOPIC, written);
        assertThat(read.getName()).isEqualTo("old");
        assertThat(read.getN()).isEqualTo(1);
        assertThat(read.getNote()).isNull();
      }
    }

    @Test
    void newWriterOldGenericReaderDropsTheNewField() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer oldReader = new KafkaAvroDeserializer(null, GREETING_V1)) {
        oldReader.configure(configs(), false);
        byte[] written = serializer.serialize(TOPIC, v2("new", 2, "dropped"));
        GenericRecord read = (GenericRecord) oldReader.deserialize(TOPIC, written);
        assertThat(read.getSchema()).isEqualTo(GREETING_V1);
        assertThat(read.get("name")).hasToString("new");
        assertThat(read.get("n")).isEqualTo(2);
        assertThat(read.hasField("note")).isFalse();
      }
    }

    @Test
    void genericReaderWithoutReaderSchemaSeesTheWriterSchema() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer deserializer = deserializer()) {
        byte[] written = serializer.serialize(TOPIC, v1("old", 1));
        serializer.serialize(TOPIC, v2("new", 2, null));
        assertThat(((GenericRecord) deserializer.deserialize(TOPIC, written)).getSchema())
            .isEqualTo(GREETING_V1);
      }
    }
  }

  @Nested
  class RegistrationModes {

    @Test
    void autoRegisterOffWithMissingSchemaIsAClearError() {
      try (KafkaAvroSerializer serializer = serializer("auto.register.schemas", "false")) {
        assertThatThrownBy(() -> serializer.serialize(TOPIC, v1("ab", 3)))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("not registered under subject " + TOPIC + "-value")
            .hasMessageContaining("auto.register.schemas=false")
            .hasMessageContaining("for topic " + TOPIC);
      }
      assertThat(client.getAllSubjects()).isEmpty();
    }

    @Test
    void autoRegisterOffUsesTheRegisteredId() {
      client.register("other", TestSchemas.parse("\"string\""));
      int id = client.register(TOPIC + "-value", GREETING_V1);
      try (KafkaAvroSerializer serializer = serializer("auto.register.schemas", false)) {
        assertThat(idOf(serializer.serialize(TOPIC, v1("ab", 3)))).isEqualTo(id).isEqualTo(2);
      }
    }

    @Test
    void useLatestVersionWritesAsTheLatestSchema() {
      client.register(TOPIC + "-value", GREETING_V1);
      int latest = client.register(TOPIC + "-value", GREETING_V2);
      try (KafkaAvroSerializer serializer = serializer("auto.register.schemas", "false",
              "use.latest.version", "true");
          KafkaAvroDeserializer deserializer = deserializer()) {
        byte[] written = serializer.serialize(TOPIC, v1("old", 7));
        assertThat(idOf(written)).isEqualTo(latest);
        GenericRecord read = (GenericRecord) deserializer.deserialize(TOPIC, written);
        assertThat(read.getSchema()).isEqualTo(GREETING_V2);
        assertThat(read.get("n")).isEqualTo(7);
        assertThat(read.get("note")).isNull();
      }
    }

    @Test
    void useLatestVersionStrictRejectsALatestThatCannotReadTheRecord() {
      client.updateCompatibility(null, CompatibilityLevel.NONE);
      client.register(TOPIC + "-value", TestSchemas.parse("""
          {"type":"record","name":"Greeting","namespace":"io.peerpulse.registry.testdata",
           "fields":[{"name":"other","type":"long"}]}"""));
      try (KafkaAvroSerializer strict = serializer("auto.register.schemas", "false",
          "use.latest.version", "true")) {
        assertThatThrownBy(() -> strict.serialize(TOPIC, v1("ab", 3)))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("subject " + TOPIC + "-value")
            .hasMessageContaining("latest.compatibility.strict=false");
      }
    }

    @Test
    void latestVersionIsCachedUntilItsTtl() {
      client.updateCompatibility(null, CompatibilityLevel.NONE);
      int first = client.register(TOPIC + "-value", GREETING_V1);
      try (KafkaAvroSerializer forever = serializer("auto.register.schemas", "false",
              "use.latest.version", "true");
          KafkaAvroSerializer expiring = serializer("auto.register.schemas", "false",
              "use.latest.version", "true", "latest.cache.ttl.sec", 0)) {
        assertThat(idOf(forever.serialize(TOPIC, v1("a", 1)))).isEqualTo(first);
        assertThat(idOf(expiring.serialize(TOPIC, v1("a", 1)))).isEqualTo(first);
        int second = client.register(TOPIC + "-value", GREETING_V2);
        assertThat(idOf(forever.serialize(TOPIC, v1("a", 1)))).isEqualTo(first);
        assertThat(idOf(expiring.serialize(TOPIC, v1("a", 1)))).isEqualTo(second);
      }
    }

    @Test
    void useLatestVersionOnTheReaderSide() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer deserializer = deserializer("use.latest.version", "true")) {
        byte[] old = serializer.serialize(TOPIC, v1("old", 1));
        client.register(TOPIC + "-value", GREETING_V2);
        GenericRecord read = (GenericRecord) deserializer.deserialize(TOPIC, old);
        assertThat(read.getSchema()).isEqualTo(GREETING_V2);
        assertThat(read.get("note")).isNull();
      }
    }
  }

  @Nested
  class BadPayloads {

    @Test
    void unknownMagicByte() {
      try (KafkaAvroDeserializer deserializer = deserializer()) {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {7, 0, 0, 0, 1, 2}))
            .isInstanceOf(SerializationException.class)
            .isNotInstanceOf(UnknownSchemaIdException.class)
            .hasMessage("Unknown magic byte 7 for topic " + TOPIC + " (expected 0)");
      }
    }

    @Test
    void unknownSchemaIdHasItsOwnException() {
      try (KafkaAvroDeserializer deserializer = deserializer()) {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 42, 2}))
            .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> {
              assertThat(e.schemaId()).isEqualTo(42);
              assertThat(e.topic()).isEqualTo(TOPIC);
            })
            .hasMessage("Schema id 42 not found in registry mock://" + scope + " for topic "
                + TOPIC);
      }
    }

    @Test
    void truncatedDatum() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer deserializer = deserializer()) {
        byte[] whole = serializer.serialize(TOPIC, v1("abc", 3));
        byte[] cut = Arrays.copyOf(whole, whole.length - 2);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, cut))
            .isInstanceOf(SerializationException.class)
            .isNotInstanceOf(UnknownSchemaIdException.class)
            .hasMessageStartingWith("Error deserializing Avro for topic " + TOPIC
                + " with writer schema id 1");
      }
    }

    @Test
    void truncatedHeader() {
      try (KafkaAvroDeserializer deserializer = deserializer()) {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Truncated payload for topic " + TOPIC + ": 3 bytes");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Empty payload for topic " + TOPIC);
      }
    }

    @Test
    void trailingDataOnlyFailsWhenAskedTo() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer lenient = deserializer();
          KafkaAvroDeserializer strict = deserializer("avro.fail.on.trailing.data", "true")) {
        byte[] whole = serializer.serialize(TOPIC, v1("abc", 3));
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThat(lenient.deserialize(TOPIC, longer)).isEqualTo(v1("abc", 3));
        assertThatThrownBy(() -> strict.deserialize(TOPIC, longer))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Trailing data");
      }
    }

    @Test
    void specificReaderWithoutTheClassNamesIt() {
      try (KafkaAvroSerializer serializer = serializer();
          KafkaAvroDeserializer deserializer = deserializer("specific.avro.reader", true)) {
        byte[] written = serializer.serialize(TOPIC, new org.apache.avro.generic.GenericData.Record(
            TestSchemas.parse("""
                {"type":"record","name":"Missing","namespace":"nowhere","fields":[]}""")));
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, written))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Could not find class nowhere.Missing");
      }
    }

    @Test
    void unconfiguredSerdesSayHow() {
      assertThatThrownBy(() -> new KafkaAvroSerializer().serialize(TOPIC, "x"))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("configure()");
    }
  }
}
