package io.peerpulse.registry.serde;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/** Which Avro schema a Java value is written with. */
final class AvroData {

  private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
  private static final Schema INT = Schema.create(Schema.Type.INT);
  private static final Schema LONG = Schema.create(Schema.Type.LONG);
  private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
  private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
  private static final Schema STRING = Schema.create(Schema.Type.STRING);
  private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

  private AvroData() {
  }

  /**
   * Records, enums, fixed and arrays carry their schema; Java primitives, strings and byte
   * arrays map to Avro's primitive types, as in Confluent's serializer.
   */
  static Schema schemaOf(Object value, String topic) {
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    if (value instanceof CharSequence) {
      return STRING;
    }
    if (value instanceof Integer) {
      return INT;
    }
    if (value instanceof Long) {
      return LONG;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof Double) {
      return DOUBLE;
    }
    if (value instanceof Float) {
      return FLOAT;
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return BYTES;
    }
    throw new SerializationException("Unsupported Avro type " + value.getClass().getName()
        + " for topic " + topic + ": expected a GenericContainer (GenericRecord, SpecificRecord,"
        + " enum, fixed, array), a CharSequence, Integer, Long, Float, Double, Boolean, byte[] or"
        + " ByteBuffer");
  }

  /**
   * A datum of a {@code bytes} schema is the payload itself, with no Avro length prefix
   * (Confluent's convention, which other clients reading the topic expect).
   */
  static byte[] rawBytes(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
