package io.peerpulse.registry.core;

import java.util.List;

/**
 * Value of one record in the {@code _schemas} log; a {@code null} value is a tombstone (permanent
 * delete of a SCHEMA key, removal of a CONFIG or MODE key). Field names follow Confluent's
 * {@code SchemaValue}, {@code ConfigValue}, {@code ModeValue}, {@code DeleteSubjectValue} and
 * {@code ClearSubjectValue}.
 */
public sealed interface StoreValue {

  /**
   * A version of a subject. {@code deleted = true} is a soft delete. {@code schemaType} is
   * {@code "AVRO"} here even though the JSON omits it for Avro, as Confluent does.
   */
  record SchemaValue(String subject, int version, int id, String schemaType, String schema,
      List<SchemaReference> references, boolean deleted) implements StoreValue {
    public SchemaValue {
      schemaType = schemaType == null ? SchemaInput.AVRO : schemaType;
      references = references == null ? List.of() : List.copyOf(references);
    }

    SchemaValue withDeleted(boolean newDeleted) {
      return new SchemaValue(subject, version, id, schemaType, schema, references, newDeleted);
    }

    /** Same schema (type, text, references) regardless of where it is registered. */
    String identity() {
      return SchemaIdentity.of(schemaType, schema, references);
    }

    RegisteredSchema toRegistered() {
      return new RegisteredSchema(subject, version, id, schemaType, schema, references, deleted);
    }
  }

  /** Compatibility level of a subject, or of the registry when {@code subject == null}. */
  record ConfigValue(String subject, CompatibilityLevel compatibilityLevel) implements StoreValue {
  }

  /** Mode of a subject, or of the registry when {@code subject == null}. */
  record ModeValue(String subject, Mode mode) implements StoreValue {
  }

  /** Soft-deletes every version of {@code subject} up to and including {@code version}. */
  record DeleteSubjectValue(String subject, int version) implements StoreValue {
  }

  /** Drops what remains of a permanently deleted subject from the readers' caches. */
  record ClearSubjectValue(String subject) implements StoreValue {
  }

  /** Confluent writes NOOP records to probe the log; readers ignore them. */
  record NoopValue() implements StoreValue {
  }
}
