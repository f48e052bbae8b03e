package io.peerpulse.registry.core;

import java.util.Locale;

/** Confluent's seven compatibility levels; the registry default is {@link #BACKWARD}. */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** The new schema must read data written with the old one(s). */
  public boolean backward() {
    return backward;
  }

  /** The old schema(s) must read data written with the new one. */
  public boolean forward() {
    return forward;
  }

  /** Check against every live earlier version, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /**
   * Parses a level case-insensitively, as Confluent does.
   *
   * @throws RegistryException 42203 when {@code text} names no level
   */
  public static CompatibilityLevel parse(String text) {
    if (text == null || text.isBlank()) {
      throw RegistryException.invalidCompatibilityLevel(String.valueOf(text));
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RegistryException.invalidCompatibilityLevel(text);
    }
  }
}
