package io.peerpulse.connectors.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.connectors.source.EventStructs;
import io.peerpulse.event.Arm;
import io.peerpulse.event.Contact;
import io.peerpulse.event.ContactMode;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.Setting;
import io.peerpulse.event.WorkerRole;
import io.peerpulse.registry.client.MockSchemaRegistry;
import io.peerpulse.registry.client.SchemaRegistryClient;
import io.peerpulse.registry.serde.KafkaAvroDeserializer;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroConverterTest {

  private static final String SCOPE = "avro-converter-test";
  private static final String TOPIC = "peerpulse.events.v1";

  private final AvroConverter converter = new AvroConverter();

  @AfterEach
  void dropRegistry() {
    converter.close();
    MockSchemaRegistry.drop(SCOPE);
  }

  private void configure(Map<String, Object> extra) {
    Map<String, Object> configs = new java.util.HashMap<>(Map.of("schema.registry.url", "mock://" + SCOPE));
    configs.putAll(extra);
    converter.configure(configs, false);
  }

  static Event enrolled() {
    return Event.newBuilder().setEventId("e-1").setSiteId("ulm").setOccurredAt("2021-02-01")
        .setRecordedAt(Instant.parse("2021-02-01T09:00:00Z")).setSource("register-upload")
        .setPayload(Enrolled.newBuilder().setPersonId("p1").setProgramme("UPSIDES").setArm(Arm.CONTROL)
            .setSetting(Setting.COMMUNITY).setPlannedDays(90).build())
        .build();
  }

  static Event contact() {
    return Event.newBuilder().setEventId("c-1").setSiteId("ulm").setOccurredAt("2021-02-09T10:15:00+01:00")
        .setRecordedAt(Instant.parse("2021-03-01T10:00:00Z")).setSource(null)
        .setPayload(Contact.newBuilder().setPersonIds(List.of("p1", "p2")).setWorkerId("w1").setWorkerRole(WorkerRole.PSW)
            .setMode(ContactMode.GROUP).setDurationMinutes(45).setOutcome(ContactOutcome.ATTENDED).setCrisis(true).build())
        .build();
  }

  @Test
  void anEventStructIsWrittenWithExactlyTheEventSchemaAndReadsBackAsTheSameEvent() {
    configure(Map.of());
    for (Event event : List.of(enrolled(), contact())) {
      byte[] bytes = converter.fromConnectData(TOPIC, EventStructs.SCHEMA, EventStructs.toStruct(event));

      // a Java consumer with the generated class reads the very event back
      try (KafkaAvroDeserializer specific = new KafkaAvroDeserializer()) {
        specific.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", true), false);
        assertThat(specific.deserialize(TOPIC, bytes)).isEqualTo(event);
      }
      SchemaAndValue back = converter.toConnectData(TOPIC, bytes);
      assertThat(back.schema()).isEqualTo(EventStructs.SCHEMA);
      assertThat(back.value()).isEqualTo(EventStructs.toStruct(event));
    }
    // one schema, the generated class's own: the connector and Java producers share one subject version
    SchemaRegistryClient client = MockSchemaRegistry.clientForScope(SCOPE);
    assertThat(client.getAllVersions(TOPIC + "-value")).containsExactly(1);
    assertThat(client.getSchemaById(client.getLatestVersion(TOPIC + "-value").id())).isEqualTo(Event.getClassSchema());
  }

  @Test
  void bytesWrittenByTheJavaSerializerOfTheEventClassConvertToTheConnectStruct() {
    configure(Map.of());
    byte[] bytes;
    try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
      serializer.configure(Map.of("schema.registry.url", "mock://" + SCOPE), false);
      bytes = serializer.serialize(TOPIC, contact());
    }
    Struct value = (Struct) converter.toConnectData(TOPIC, bytes).value();
    Struct payload = value.getStruct("payload").getStruct("Contact");
    assertThat(payload.getArray("person_ids")).containsExactly("p1", "p2");
    assertThat(payload.getString("mode")).isEqualTo("GROUP");
    assertThat(value.getString("source")).isNull();
    assertThat(value.get("recorded_at")).isEqualTo(java.util.Date.from(Instant.parse("2021-03-01T10:00:00Z")));
  }

  private static Schema row(boolean withNote) {
    SchemaBuilder builder = SchemaBuilder.struct().name("io.peerpulse.test.Row")
        .field("id", Schema.STRING_SCHEMA)
        .field("count", Schema.INT32_SCHEMA);
    if (withNote) {
      builder.field("note", Schema.OPTIONAL_STRING_SCHEMA);
    }
    return builder.build();
  }

  @Test
  void aNewOptionalFieldIsAcceptedAsASecondVersionAndOldRecordsStillRead() {
    configure(Map.of());
    Schema v1 = row(false);
    Schema v2 = row(true);
    byte[] old = converter.fromConnectData("rows", v1, new Struct(v1).put("id", "a").put("count", 1));
    byte[] evolved = converter.fromConnectData("rows", v2, new Struct(v2).put("id", "b").put("count", 2).put("note", "n"));

    SchemaRegistryClient client = MockSchemaRegistry.clientForScope(SCOPE);
    assertThat(client.getAllVersions("rows-value")).containsExactly(1, 2);
    Struct first = (Struct) converter.toConnectData("rows", old).value();
    assertThat(first.schema().fields()).isEqualTo(v1.fields());
    assertThat(List.of(first.get("id"), first.get("count"))).containsExactly("a", 1);
    Struct read = (Struct) converter.toConnectData("rows", evolved).value();
    assertThat(read.getString("note")).isEqualTo("n");
    assertThat(read.schema().field("note").schema().isOptional()).isTrue();
  }

  @Test
  void aNewRequiredFieldWithoutDefaultIsRefusedByTheRegistry() {
    configure(Map.of());
    Schema v1 = row(false);
    converter.fromConnectData("rows", v1, new Struct(v1).put("id", "a").put("count", 1));
    Schema breaking = SchemaBuilder.struct().name("io.peerpulse.test.Row")
        .field("id", Schema.STRING_SCHEMA).field("count", Schema.INT32_SCHEMA).field("site", Schema.STRING_SCHEMA).build();

    assertThatThrownBy(() -> converter.fromConnectData("rows", breaking,
        new Struct(breaking).put("id", "a").put("count", 1).put("site", "ulm")))
        .isInstanceOf(DataException.class).hasMessageContaining("rows");
  }

  @Test
  void withAutoRegisterOffAnUnregisteredSchemaIsRefusedAndUseLatestVersionWritesWithTheLatest() {
    configure(Map.of("auto.register.schemas", false, "use.latest.version", true));
    Schema v1 = row(false);
    assertThatThrownBy(() -> converter.fromConnectData("rows", v1, new Struct(v1).put("id", "a").put("count", 1)))
        .isInstanceOf(DataException.class);

    SchemaRegistryClient client = MockSchemaRegistry.clientForScope(SCOPE);
    int latest = client.register("rows-value", new AvroConnectData().fromConnectSchema(row(true)));
    byte[] bytes = converter.fromConnectData("rows", v1, new Struct(v1).put("id", "a").put("count", 1));
    assertThat(io.peerpulse.registry.serde.WireFormat.schemaId(bytes, "rows")).isEqualTo(latest);
    assertThat(((Struct) converter.toConnectData("rows", bytes).value()).getString("note")).isNull();
  }

  @Test
  void recordNameStrategyNamesTheSubjectAfterTheRecord() {
    configure(Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"));
    Schema v1 = row(false);
    converter.fromConnectData("rows", v1, new Struct(v1).put("id", "a").put("count", 1));
    assertThat(MockSchemaRegistry.clientForScope(SCOPE).getAllSubjects()).containsExactly("io.peerpulse.test.Row");
  }

  @Test
  void primitivesNullsAndRawBytes() {
    configure(Map.of());
    assertThat(converter.toConnectData("p", converter.fromConnectData("p", Schema.STRING_SCHEMA, "ulm")).value()).isEqualTo("ulm");
    assertThat(converter.toConnectData("q", converter.fromConnectData("q", Schema.INT64_SCHEMA, 7L)).value()).isEqualTo(7L);
    assertThat(converter.fromConnectData("p", Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
    assertThat(converter.toConnectData("p", null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(converter.fromConnectData("dlq", AvroConverter.RAW_BYTES_SCHEMA, new byte[] {'h', 'i'})).containsExactly('h', 'i');
  }

  @Test
  void withoutARegistryUrlTheConverterRefusesToStart() {
    assertThatThrownBy(() -> converter.configure(Map.of(), false)).hasMessageContaining("schema.registry.url");
  }
}
