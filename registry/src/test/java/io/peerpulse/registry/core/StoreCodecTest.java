package io.peerpulse.registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.registry.core.StoreValue.ClearSubjectValue;
import io.peerpulse.registry.core.StoreValue.ConfigValue;
import io.peerpulse.registry.core.StoreValue.DeleteSubjectValue;
import io.peerpulse.registry.core.StoreValue.ModeValue;
import io.peerpulse.registry.core.StoreValue.SchemaValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code _schemas} record format, against records as Confluent writes them. */
class StoreCodecTest {

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesKeysInConfluentsShape() {
    assertThat(text(StoreCodec.encodeKey(StoreKey.schema("s", 3))))
        .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":3,\"magic\":1}");
    assertThat(text(StoreCodec.encodeKey(StoreKey.config(null))))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"magic\":0}");
    assertThat(text(StoreCodec.encodeKey(StoreKey.config("s"))))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}");
    assertThat(text(StoreCodec.encodeKey(StoreKey.mode(null))))
        .isEqualTo("{\"keytype\":\"MODE\",\"magic\":0}");
    assertThat(text(StoreCodec.encodeKey(StoreKey.deleteSubject("s"))))
        .isEqualTo("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}");
    assertThat(text(StoreCodec.encodeKey(StoreKey.clearSubject("s"))))
        .isEqualTo("{\"keytype\":\"CLEAR_SUBJECT\",\"subject\":\"s\",\"magic\":0}");
  }

  @Test
  void writesValuesInConfluentsShape() {
    assertThat(text(StoreCodec.encodeValue(new SchemaValue("s", 1, 7, "AVRO", "\"string\"",
        List.of(), false))))
        .isEqualTo("{\"subject\":\"s\",\"version\":1,\"id\":7,\"schema\":\"\\\"string\\\"\","
            + "\"deleted\":false}");
    assertThat(text(StoreCodec.encodeValue(new SchemaValue("s", 2, 8, "AVRO", "\"T\"",
        List.of(new SchemaReference("T", "t", 1)), true))))
        .isEqualTo("{\"subject\":\"s\",\"version\":2,\"id\":8,\"references\":[{\"name\":\"T\","
            + "\"subject\":\"t\",\"version\":1}],\"schema\":\"\\\"T\\\"\",\"deleted\":true}");
    assertThat(text(StoreCodec.encodeValue(new ConfigValue(null, CompatibilityLevel.FULL))))
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(text(StoreCodec.encodeValue(new ModeValue("s", Mode.READONLY))))
        .isEqualTo("{\"subject\":\"s\",\"mode\":\"READONLY\"}");
    assertThat(text(StoreCodec.encodeValue(new DeleteSubjectValue("s", 4))))
        .isEqualTo("{\"subject\":\"s\",\"version\":4}");
    assertThat(text(StoreCodec.encodeValue(new ClearSubjectValue("s"))))
        .isEqualTo("{\"subject\":\"s\"}");
    assertThat(StoreCodec.encodeValue(null)).as("tombstone").isNull();
  }

  @Test
  void readsARecordWrittenByConfluentWithFieldsWeDoNotUse() throws IOException {
    StoreKey key = StoreCodec.decodeKey(bytes(
        "{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":2,\"magic\":1}"))
        .orElseThrow();
    assertThat(key).isEqualTo(StoreKey.schema("orders-value", 2));
    StoreValue value = StoreCodec.decodeValue(key, bytes("{\"subject\":\"orders-value\","
        + "\"version\":2,\"id\":11,\"md5\":\"abc\",\"schemaType\":\"AVRO\",\"metadata\":null,"
        + "\"schema\":\"\\\"long\\\"\",\"deleted\":false,\"ts\":1700000000000}"));
    assertThat(value).isEqualTo(new SchemaValue("orders-value", 2, 11, "AVRO", "\"long\"",
        List.of(), false));
  }

  @Test
  void readsGlobalAndSubjectSettingsAndTombstones() throws IOException {
    StoreKey global = StoreCodec.decodeKey(bytes("{\"keytype\":\"CONFIG\",\"subject\":null,"
        + "\"magic\":0}")).orElseThrow();
    assertThat(global).isEqualTo(StoreKey.config(null));
    assertThat(StoreCodec.decodeValue(global, bytes("{\"compatibilityLevel\":\"FORWARD\"}")))
        .isEqualTo(new ConfigValue(null, CompatibilityLevel.FORWARD));
    assertThat(StoreCodec.decodeValue(global, null)).isNull();

    StoreKey mode = StoreCodec.decodeKey(bytes("{\"keytype\":\"MODE\",\"subject\":\"s\","
        + "\"magic\":0}")).orElseThrow();
    assertThat(StoreCodec.decodeValue(mode, bytes("{\"mode\":\"IMPORT\"}")))
        .as("a mode we do not support reads as read-write")
        .isEqualTo(new ModeValue("s", Mode.READWRITE));
  }

  @Test
  void skipsKeyTypesItDoesNotKnowAndRejectsBrokenSchemaKeys() throws IOException {
    assertThat(StoreCodec.decodeKey(bytes("{\"keytype\":\"CONTEXT\",\"tenant\":\"default\","
        + "\"context\":\".x\",\"magic\":0}"))).isEmpty();
    assertThatThrownBy(() -> StoreCodec.decodeKey(bytes("{\"keytype\":\"SCHEMA\",\"magic\":1}")))
        .isInstanceOf(IOException.class).hasMessageContaining("subject or version");
    assertThatThrownBy(() -> StoreCodec.decodeValue(StoreKey.schema("s", 1),
        bytes("{\"subject\":\"s\",\"version\":1}")))
        .isInstanceOf(IOException.class).hasMessageContaining("'id'");
  }

  @Test
  void roundTripsEveryValueType() throws IOException {
    List<StoreKey> keys = List.of(StoreKey.schema("s", 1), StoreKey.config("s"),
        StoreKey.mode(null), StoreKey.deleteSubject("s"), StoreKey.clearSubject("s"));
    List<StoreValue> values = List.of(
        new SchemaValue("s", 1, 3, "AVRO", "\"int\"", List.of(new SchemaReference("a.B", "b", 2)),
            true),
        new ConfigValue("s", CompatibilityLevel.FULL_TRANSITIVE),
        new ModeValue(null, Mode.READONLY_OVERRIDE),
        new DeleteSubjectValue("s", 9),
        new ClearSubjectValue("s"));
    for (int i = 0; i < keys.size(); i++) {
      StoreKey key = StoreCodec.decodeKey(StoreCodec.encodeKey(keys.get(i))).orElseThrow();
      assertThat(key).isEqualTo(keys.get(i));
      assertThat(StoreCodec.decodeValue(key, StoreCodec.encodeValue(values.get(i))))
          .isEqualTo(values.get(i));
    }
  }
}
