package io.peerpulse.registry.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: magic byte 0, the schema id as 4 bytes big-endian, then the Avro
 * binary encoding of the datum.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {
  }

  /** Writes the 5-byte header for {@code schemaId} into {@code target} at 0..4. */
  static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /**
   * The schema id in {@code payload}'s header.
   *
   * @throws SerializationException when the magic byte is not 0 or the header is cut short
   */
  public static int schemaId(byte[] payload, String topic) {
    if (payload.length == 0) {
      throw new SerializationException("Empty payload for topic " + topic
          + ": expected magic byte 0 and a 4-byte schema id (a tombstone is null, not empty)");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new SerializationException("Unknown magic byte " + payload[0] + " for topic " + topic
          + " (expected " + MAGIC_BYTE + ")");
    }
    if (payload.length < HEADER_SIZE) {
      throw new SerializationException("Truncated payload for topic " + topic + ": "
          + payload.length + " bytes, expected at least " + HEADER_SIZE
          + " (magic byte and 4-byte schema id)");
    }
    return ((payload[1] & 0xff) << 24) | ((payload[2] & 0xff) << 16)
        | ((payload[3] & 0xff) << 8) | (payload[4] & 0xff);
  }
}
