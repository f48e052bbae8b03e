package io.peerpulse.registry.core;

import java.util.List;

/** Outcome of a compatibility test; {@code messages} explain an incompatibility, else empty. */
public record CompatibilityResult(boolean compatible, List<String> messages) {
  public CompatibilityResult {
    messages = List.copyOf(messages);
  }

  public static CompatibilityResult ok() {
    return new CompatibilityResult(true, List.of());
  }
}
