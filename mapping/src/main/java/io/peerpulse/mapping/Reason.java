package io.peerpulse.mapping;

/**
 * Why an input was rejected: exactly the reason codes of spec/events.md ("Bad input"). The JSON
 * parser produces MALFORMED_JSON, UNKNOWN_TYPE, MISSING_FIELD, BAD_VALUE, UNKNOWN_FIELD,
 * BAD_TIMESTAMP and FUTURE_EVENT; the others come from the Avro deserializer (SCHEMA_VIOLATION,
 * UNKNOWN_SCHEMA_ID) and the streams application (DUPLICATE_CONFLICT, ORPHAN_VOID).
 */
public enum Reason {
  MALFORMED_JSON,
  SCHEMA_VIOLATION,
  UNKNOWN_TYPE,
  MISSING_FIELD,
  BAD_VALUE,
  UNKNOWN_FIELD,
  BAD_TIMESTAMP,
  FUTURE_EVENT,
  DUPLICATE_CONFLICT,
  UNKNOWN_SCHEMA_ID,
  ORPHAN_VOID
}
