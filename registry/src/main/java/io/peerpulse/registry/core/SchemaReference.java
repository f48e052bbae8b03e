package io.peerpulse.registry.core;

import java.util.Objects;

/**
 * A reference from one schema to a named type registered under another subject, as in
 * Confluent's {@code references} array: {@code name} is the Avro full name used in the referring
 * schema, {@code subject}/{@code version} locate the referenced schema.
 */
public record SchemaReference(String name, String subject, int version) {
  public SchemaReference {
    Objects.requireNonNull(name, "reference name");
    Objects.requireNonNull(subject, "reference subject");
  }
}
