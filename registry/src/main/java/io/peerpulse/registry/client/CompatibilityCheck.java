package io.peerpulse.registry.client;

import java.util.List;

/**
 * Answer of {@code POST /compatibility/subjects/{s}/versions/{v}}.
 *
 * @param messages why not, when the registry was asked for {@code verbose=true} and gave reasons
 */
public record CompatibilityCheck(boolean compatible, List<String> messages) {
  public CompatibilityCheck {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
