package io.peerpulse.registry.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record names a schema id the registry does not know: written against another registry, or
 * its schema was hard-deleted. Distinct from other deserialization failures because no retry can
 * fix it; the pipeline dead-letters such records with reason {@code UNKNOWN_SCHEMA_ID}.
 */
public final class UnknownSchemaIdException extends SerializationException {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final int schemaId;

  public UnknownSchemaIdException(String topic, int schemaId, String registry, Throwable cause) {
    super("Schema id " + schemaId + " not found in registry " + registry + " for topic " + topic,
        cause);
    this.topic = topic;
    this.schemaId = schemaId;
  }

  public String topic() {
    return topic;
  }

  public int schemaId() {
    return schemaId;
  }
}
