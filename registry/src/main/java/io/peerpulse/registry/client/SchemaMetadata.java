package io.peerpulse.registry.client;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One registered version of a subject, as {@code GET /subjects/{s}/versions/{v}} and the lookup
 * {@code POST /subjects/{s}} answer it.
 *
 * @param schemaType {@code AVRO} when the registry left it out (Confluent omits it for Avro)
 */
public record SchemaMetadata(String subject, int version, int id, String schemaType,
    String schema) {

  public static final String AVRO = "AVRO";

  public SchemaMetadata {
    schemaType = schemaType == null || schemaType.isBlank() ? AVRO : schemaType;
    Objects.requireNonNull(schema, "schema");
  }

  /** Parses {@link #schema()} as Avro; each call parses anew, so callers cache the result. */
  public Schema avroSchema() {
    return AvroSchemaParser.parse(schema);
  }
}
