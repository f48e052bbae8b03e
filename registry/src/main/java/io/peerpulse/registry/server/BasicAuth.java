package io.peerpulse.registry.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/** HTTP Basic check against one configured {@code user:password}; {@link #NONE} lets all in. */
final class BasicAuth {

  static final BasicAuth NONE = new BasicAuth(null);

  private final byte[] expected;

  private BasicAuth(byte[] expected) {
    this.expected = expected;
  }

  static BasicAuth of(String userColonPassword) {
    return userColonPassword == null ? NONE
        : new BasicAuth(userColonPassword.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code authorizationHeader} carries the configured credentials (always, if none). */
  boolean accepts(String authorizationHeader) {
    if (expected == null) {
      return true;
    }
    if (authorizationHeader == null) {
      return false;
    }
    String header = authorizationHeader.trim();
    if (!header.toLowerCase(Locale.ROOT).startsWith("basic ")) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    // Constant-time comparison, so response timing does not leak the password.
    return MessageDigest.isEqual(expected, given);
  }
}
