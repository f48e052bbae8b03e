package io.peerpulse.app.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a principal of the HTTP API may do (docs/security.md, "HTTP API"). A context is protected
 * for some roles ({@link HttpAccess#protect}); {@link #OPERATOR} may use every protected context.
 */
public enum Role {
  /** Sends data: {@code POST /v1/events}, {@code POST /v1/registers}. */
  SERVICE,
  /** Reads published figures: {@code GET /v1/indicators}, the dashboard. */
  EVALUATOR,
  /** Runs the system: everything, {@code /metrics} and explanations included. */
  OPERATOR;

  /** The name in the credentials file and in messages ({@code service}, ...). */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role named {@code text} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known roles
   */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.configName().equalsIgnoreCase(text.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role \"" + text + "\": expected one of " + names());
  }

  static String names() {
    return Arrays.stream(values()).map(Role::configName).collect(Collectors.joining(", "));
  }
}
