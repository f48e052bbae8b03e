package io.peerpulse.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.registry.client.MockSchemaRegistry;
import io.peerpulse.registry.client.SchemaRegistryClient;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serializer's bytes against bytes worked out by hand from the Avro spec: Confluent's 5-byte
 * header (magic 0, schema id as a 4-byte big-endian int), then Avro binary, where int and long
 * are zig-zag varints ((n << 1) ^ (n >> 31), 7 bits per byte, low group first, high bit set on
 * all but the last byte) and a string is its byte length as such a varint, then UTF-8 bytes.
 * A fresh mock registry gives its first schema id 1.
 */
class WireFormatBytesTest {

  private final String scope = "bytes-" + UUID.randomUUID();
  private final SchemaRegistryClient client = MockSchemaRegistry.clientForScope(scope);
  private final KafkaAvroSerializer serializer =
      new KafkaAvroSerializer(client, Map.of("schema.registry.url", "mock://" + scope));

  private static final Schema PAIR = TestSchemas.parse("""
      {"type":"record","name":"Pair","namespace":"t","fields":[
        {"name":"name","type":"string"},{"name":"n","type":"int"}]}""");

  @AfterEach
  void drop() {
    serializer.close();
    MockSchemaRegistry.drop(scope);
  }

  private static GenericRecord pair(String name, int n) {
    GenericRecord record = new GenericData.Record(PAIR);
    record.put("name", name);
    record.put("n", n);
    return record;
  }

  private static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  @Test
  void recordNameAbNThreeWithIdOne() {
    // 00 | 00 00 00 01 | "ab": length 2 -> zig-zag 4 -> 0x04, then 'a' 0x61 'b' 0x62
    // | n = 3 -> zig-zag 6 -> 0x06
    assertThat(serializer.serialize("t", pair("ab", 3)))
        .containsExactly(bytes(0x00, 0x00, 0x00, 0x00, 0x01, 0x04, 0x61, 0x62, 0x06));
  }

  @Test
  void negativeAndMultiByteVarints() {
    serializer.serialize("t", pair("ab", 3)); // registers Pair as id 1
    // n = -2 -> zig-zag 3 -> 0x03; empty name -> length 0 -> 0x00
    assertThat(serializer.serialize("t", pair("", -2)))
        .containsExactly(bytes(0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x03));
    // n = 300 -> zig-zag 600 = 0b100_1011000 -> low 7 bits 0x58 | 0x80 = 0xD8, then 0x04
    // n = -65 -> zig-zag 129 = 0b1_0000001 -> 0x81, 0x01
    assertThat(serializer.serialize("t", pair("é", 300)))
        // "é" is 2 UTF-8 bytes C3 A9 -> length 2 -> 0x04
        .containsExactly(bytes(0x00, 0x00, 0x00, 0x00, 0x01, 0x04, 0xC3, 0xA9, 0xD8, 0x04));
    assertThat(serializer.serialize("t", pair("", -65)))
        .containsExactly(bytes(0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x81, 0x01));
  }

  @Test
  void schemaIdIsBigEndian() {
    byte[] header = new byte[WireFormat.HEADER_SIZE];
    WireFormat.writeHeader(header, 0x01020304);
    assertThat(header).containsExactly(bytes(0x00, 0x01, 0x02, 0x03, 0x04));
    assertThat(WireFormat.schemaId(header, "t")).isEqualTo(0x01020304);
    WireFormat.writeHeader(header, 258);
    assertThat(header).containsExactly(bytes(0x00, 0x00, 0x00, 0x01, 0x02));
  }

  @Test
  void primitivesUseAvroPrimitiveSchemasAndBytesGoRaw() {
    // "hi" registered as schema "string" -> id 1: length 2 -> 0x04, 'h' 0x68, 'i' 0x69
    assertThat(serializer.serialize("s", "hi"))
        .containsExactly(bytes(0x00, 0x00, 0x00, 0x00, 0x01, 0x04, 0x68, 0x69));
    // long 1 under "long" -> id 2: zig-zag 2 -> 0x02
    assertThat(serializer.serialize("l", 1L))
        .containsExactly(bytes(0x00, 0x00, 0x00, 0x00, 0x02, 0x02));
    // bytes under "bytes" -> id 3: the payload follows the header with no length prefix
    assertThat(serializer.serialize("b", ByteBuffer.wrap(bytes(0xCA, 0xFE))))
        .containsExactly(bytes(0x00, 0x00, 0x00, 0x00, 0x03, 0xCA, 0xFE));
  }

  @Test
  void nullIsATombstoneNotAnAvroNull() {
    assertThat(serializer.serialize("t", null)).isNull();
    assertThat(client.getAllSubjects()).isEmpty();
  }
}
