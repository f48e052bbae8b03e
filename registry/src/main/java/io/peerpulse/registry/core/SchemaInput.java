package io.peerpulse.registry.core;

import java.util.List;
import java.util.Objects;

/**
 * A schema as a caller submits it: text, type ({@code AVRO} when absent) and references.
 */
public record SchemaInput(String schemaType, String schema, List<SchemaReference> references) {

  public static final String AVRO = "AVRO";

  public SchemaInput {
    schemaType = schemaType == null || schemaType.isBlank() ? AVRO : schemaType;
    references = references == null ? List.of() : List.copyOf(references);
    Objects.requireNonNull(schema, "schema");
  }

  public static SchemaInput avro(String schema) {
    return new SchemaInput(AVRO, schema, List.of());
  }
}
