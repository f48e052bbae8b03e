package io.peerpulse.registry.core;

import java.util.List;

/**
 * The key under which two registrations count as the same schema (and so share one global id):
 * type, canonical text and references. Text is compared after canonicalisation by the registry,
 * so whitespace and attribute order do not matter.
 */
final class SchemaIdentity {

  private SchemaIdentity() {
  }

  static String of(String schemaType, String canonicalSchema, List<SchemaReference> references) {
    StringBuilder key = new StringBuilder(schemaType).append('\u0000').append(canonicalSchema);
    for (SchemaReference ref : references) {
      key.append('\u0000').append(ref.name()).append('\u0001').append(ref.subject())
          .append('\u0001').append(ref.version());
    }
    return key.toString();
  }
}
