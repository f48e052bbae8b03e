package io.peerpulse.registry.client;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Parses schema text from a registry. */
final class AvroSchemaParser {

  private AvroSchemaParser() {
  }

  /**
   * A new {@link Schema.Parser} per call: a parser remembers every name it has seen and is not
   * thread-safe, so sharing one would make the second parse of a record fail as a redefinition.
   */
  static Schema parse(String text) {
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new IllegalArgumentException("Invalid Avro schema from registry: " + e.getMessage(), e);
    }
  }
}
