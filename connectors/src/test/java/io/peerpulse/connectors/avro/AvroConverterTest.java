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
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
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

  // ---------------------------------------------------------------- edge cases

  @Test
  void tombstonesStayNullForKeysAndValuesWhateverTheSchemaAndRegisterNothing() {
    configure(Map.of());
    try (AvroConverter keys = new AvroConverter()) {
      keys.configure(Map.of("schema.registry.url", "mock://" + SCOPE), true);
      assertThat(keys.fromConnectData(TOPIC, Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
      assertThat(keys.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    }
    // a required struct schema with a null value is a tombstone too (a compacted topic's delete), not an error
    assertThat(converter.fromConnectData(TOPIC, EventStructs.SCHEMA, null)).isNull();
    assertThat(converter.fromConnectData(TOPIC, null, null)).isNull();
    assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(MockSchemaRegistry.clientForScope(SCOPE).getAllSubjects()).isEmpty();
  }

  @Test
  void asKeyConverterItRegistersUnderTheTopicsKeySubject() {
    try (AvroConverter keys = new AvroConverter()) {
      keys.configure(Map.of("schema.registry.url", "mock://" + SCOPE), true);
      byte[] bytes = keys.fromConnectData(TOPIC, Schema.STRING_SCHEMA, "ulm");

      assertThat(MockSchemaRegistry.clientForScope(SCOPE).getAllSubjects()).containsExactly(TOPIC + "-key");
      assertThat(keys.toConnectData(TOPIC, bytes)).isEqualTo(new SchemaAndValue(Schema.STRING_SCHEMA, "ulm"));
    }
  }

  private static final org.apache.avro.Schema UNIONS = new org.apache.avro.Schema.Parser().parse("""
      {"type":"record","name":"Payment","namespace":"io.peerpulse.test","fields":[
        {"name":"note","type":["null","string"],"default":null},
        {"name":"amount","type":["null","string","int"],"default":null}]}""");

  @Test
  void optionalAndGeneralUnionsReadAsConfluentDoesAndWriteBackUnderTheSameSchemaId() {
    configure(Map.of());
    List<GenericData.Record> records = List.of(payment("cash", 5), payment(null, "five"), payment(null, null));
    try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
      serializer.configure(Map.of("schema.registry.url", "mock://" + SCOPE), false);
      List<Struct> read = new java.util.ArrayList<>();
      for (GenericData.Record record : records) {
        byte[] bytes = serializer.serialize("payments", record);
        SchemaAndValue connect = converter.toConnectData("payments", bytes);
        read.add((Struct) connect.value());

        byte[] back = converter.fromConnectData("payments", connect.schema(), connect.value());
        assertThat(io.peerpulse.registry.serde.WireFormat.schemaId(back, "payments"))
            .isEqualTo(io.peerpulse.registry.serde.WireFormat.schemaId(bytes, "payments"));
        assertThat(back).isEqualTo(bytes);
      }
      Schema schema = read.get(0).schema();
      assertThat(schema.field("note").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
      assertThat(schema.field("amount").schema().name()).isEqualTo(AvroConnectData.UNION);
      assertThat(schema.field("amount").schema().isOptional()).isTrue();
      assertThat(read.get(0).getString("note")).isEqualTo("cash");
      assertThat(read.get(0).getStruct("amount").get("int")).isEqualTo(5);
      assertThat(read.get(0).getStruct("amount").get("string")).isNull();
      assertThat(read.get(1).getStruct("amount").get("string")).isEqualTo("five");
      assertThat(read.get(2).get("amount")).isNull();
    }
  }

  private static GenericData.Record payment(String note, Object amount) {
    GenericData.Record record = new GenericData.Record(UNIONS);
    record.put("note", note);
    record.put("amount", amount);
    return record;
  }

  @Test
  void fieldDefaultsCarryOverBothWaysAndAMissingValueIsWrittenAsItsDefault() {
    configure(Map.of());
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse("""
        {"type":"record","name":"Plan","namespace":"io.peerpulse.test","fields":[
          {"name":"planned_days","type":"int","default":182},
          {"name":"programme","type":"string","default":"UPSIDES"},
          {"name":"crisis","type":"boolean","default":false}]}""");
    Schema fromAvro = new AvroConnectData().toConnectSchema(avro);
    assertThat(fromAvro.field("planned_days").schema().defaultValue()).isEqualTo(182);
    assertThat(fromAvro.field("programme").schema().defaultValue()).isEqualTo("UPSIDES");
    assertThat(fromAvro.field("crisis").schema().defaultValue()).isEqualTo(false);

    Schema connect = SchemaBuilder.struct().name("io.peerpulse.test.Plan2")
        .field("planned_days", SchemaBuilder.int32().defaultValue(182).build())
        .field("site_id", Schema.STRING_SCHEMA).build();
    byte[] bytes = converter.fromConnectData("plans", connect, new Struct(connect).put("site_id", "ulm"));

    SchemaRegistryClient client = MockSchemaRegistry.clientForScope(SCOPE);
    org.apache.avro.Schema registered = client.getSchemaById(io.peerpulse.registry.serde.WireFormat.schemaId(bytes, "plans"));
    assertThat(registered.getField("planned_days").defaultVal()).isEqualTo(182);
    assertThat(registered.getField("site_id").hasDefaultValue()).isFalse();
    Struct read = (Struct) converter.toConnectData("plans", bytes).value();
    assertThat(read.getInt32("planned_days")).isEqualTo(182);
    assertThat(read.getString("site_id")).isEqualTo("ulm");
  }

  @Test
  void connectDecimalDateTimeAndTimestampBecomeAvroLogicalTypesAndReadBackEqual() {
    configure(Map.of());
    Schema schema = SchemaBuilder.struct().name("io.peerpulse.test.Measures")
        .field("fte", Decimal.schema(2))
        .field("budget", Decimal.builder(4).optional().build())
        .field("day", org.apache.kafka.connect.data.Date.SCHEMA)
        .field("at", Timestamp.SCHEMA)
        .field("time", Time.SCHEMA)
        .build();
    java.util.Date day = java.util.Date.from(Instant.parse("2021-03-04T00:00:00Z"));
    java.util.Date at = java.util.Date.from(Instant.parse("2021-03-04T10:15:30.123Z"));
    java.util.Date time = new java.util.Date(10 * 3_600_000L + 15 * 60_000L);
    Struct value = new Struct(schema).put("fte", new BigDecimal("0.75")).put("budget", new BigDecimal("-1234.5678"))
        .put("day", day).put("at", at).put("time", time);

    byte[] bytes = converter.fromConnectData("measures", schema, value);

    org.apache.avro.Schema registered = MockSchemaRegistry.clientForScope(SCOPE)
        .getSchemaById(io.peerpulse.registry.serde.WireFormat.schemaId(bytes, "measures"));
    assertThat(registered.getField("fte").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(64, 2));
    assertThat(registered.getField("day").schema().getLogicalType()).isEqualTo(LogicalTypes.date());
    assertThat(registered.getField("at").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    assertThat(registered.getField("time").schema().getLogicalType()).isEqualTo(LogicalTypes.timeMillis());
    SchemaAndValue read = converter.toConnectData("measures", bytes);
    assertThat(read.schema().fields()).isEqualTo(schema.fields());
    for (org.apache.kafka.connect.data.Field field : schema.fields()) {
      assertThat(((Struct) read.value()).get(field.name())).as(field.name()).isEqualTo(value.get(field));
    }
  }

  @Test
  void aSchemaRegisteredByAnotherClientOfARealRegistryIsFetchedByIdAndFoundAgainOnWrite() {
    try (RegistryServer server = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0).build());
        KafkaAvroSerializer other = new KafkaAvroSerializer();
        AvroConverter reader = new AvroConverter()) {
      Map<String, Object> configs = Map.of("schema.registry.url", server.url().toString());
      other.configure(configs, false);
      byte[] bytes = other.serialize("payments", payment("card", 12));
      reader.configure(configs, false); // its own client: it has never seen this schema

      SchemaAndValue read = reader.toConnectData("payments", bytes);
      assertThat(((Struct) read.value()).getStruct("amount").get("int")).isEqualTo(12);
      byte[] back = reader.fromConnectData("payments", read.schema(), read.value());
      assertThat(back).isEqualTo(bytes);
    }
  }

  @Test
  void anUnknownSchemaIdIsADataExceptionNamingTheIdAndTheTopic() {
    configure(Map.of());
    byte[] unknown = {0, 0, 0, 0x30, 0x39, 2, 'x'}; // schema id 12345

    assertThatThrownBy(() -> converter.toConnectData("payments", unknown))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("schema id 12345 is not in the registry")
        .hasMessageContaining("payments");
    assertThatThrownBy(() -> converter.toConnectData("payments", new byte[] {1, 2}))
        .isInstanceOf(DataException.class).hasMessageContaining("payments");
  }
}
