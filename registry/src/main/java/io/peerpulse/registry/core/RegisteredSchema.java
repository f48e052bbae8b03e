package io.peerpulse.registry.core;

import java.util.List;

/**
 * One version of a subject: what {@code GET /subjects/{s}/versions/{v}} and the lookup
 * {@code POST /subjects/{s}} answer. {@code schema} is the canonical text the registry stores.
 */
public record RegisteredSchema(String subject, int version, int id, String schemaType,
    String schema, List<SchemaReference> references, boolean deleted) {
  public RegisteredSchema {
    references = List.copyOf(references);
  }
}
