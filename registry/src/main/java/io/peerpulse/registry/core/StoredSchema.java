package io.peerpulse.registry.core;

import java.util.List;

/** A schema as known by its global id: what {@code GET /schemas/ids/{id}} answers. */
public record StoredSchema(int id, String schemaType, String schema,
    List<SchemaReference> references) {
  public StoredSchema {
    references = List.copyOf(references);
  }
}
