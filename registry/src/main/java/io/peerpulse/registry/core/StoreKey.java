package io.peerpulse.registry.core;

/**
 * Key of one record in the {@code _schemas} log, in Confluent's model: {@code keytype} plus the
 * subject ({@code null} for global CONFIG and MODE) and, for SCHEMA keys only, the version.
 * {@link StoreCodec} writes them exactly as Confluent does, e.g.
 * {@code {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}}.
 */
public record StoreKey(KeyType keyType, String subject, Integer version) {

  /** Confluent's key types that this registry writes or understands. */
  public enum KeyType {
    SCHEMA, CONFIG, MODE, NOOP, DELETE_SUBJECT, CLEAR_SUBJECT
  }

  public static StoreKey schema(String subject, int version) {
    return new StoreKey(KeyType.SCHEMA, subject, version);
  }

  /** {@code subject == null} is the global config. */
  public static StoreKey config(String subject) {
    return new StoreKey(KeyType.CONFIG, subject, null);
  }

  /** {@code subject == null} is the global mode. */
  public static StoreKey mode(String subject) {
    return new StoreKey(KeyType.MODE, subject, null);
  }

  public static StoreKey deleteSubject(String subject) {
    return new StoreKey(KeyType.DELETE_SUBJECT, subject, null);
  }

  public static StoreKey clearSubject(String subject) {
    return new StoreKey(KeyType.CLEAR_SUBJECT, subject, null);
  }

  public static StoreKey noop() {
    return new StoreKey(KeyType.NOOP, null, null);
  }

  /** Confluent's key "magic": 1 for SCHEMA keys, 0 for the others. */
  public int magic() {
    return keyType == KeyType.SCHEMA ? 1 : 0;
  }
}
