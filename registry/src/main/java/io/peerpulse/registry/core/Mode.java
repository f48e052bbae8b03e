package io.peerpulse.registry.core;

import java.util.Locale;

/**
 * Registry modes. {@code READONLY} and {@code READONLY_OVERRIDE} reject registrations and deletes
 * with 42205. Confluent's {@code IMPORT} (registering with caller-chosen ids) is not supported:
 * asking for it answers 42204.
 */
public enum Mode {
  READWRITE,
  READONLY,
  READONLY_OVERRIDE;

  public static final Mode DEFAULT = READWRITE;

  public boolean readOnly() {
    return this != READWRITE;
  }

  /** @throws RegistryException 42204 when {@code text} names no supported mode */
  public static Mode parse(String text) {
    if (text == null || text.isBlank()) {
      throw RegistryException.invalidMode(String.valueOf(text));
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RegistryException.invalidMode(text);
    }
  }
}
