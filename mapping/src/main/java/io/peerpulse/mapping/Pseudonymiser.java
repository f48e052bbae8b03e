package io.peerpulse.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The privacy rule of spec/events.md: a raw identifier (hospital number, name) becomes
 * {@code HMAC-SHA-256(key, raw)} encoded base64url without padding, cut to {@value #LENGTH}
 * characters. The same key gives the same pseudonym for the same raw identifier at every site, so
 * one key per programme or country links a person across sites without revealing who they are.
 *
 * <p>The key is the UTF-8 text of a file or an environment variable with surrounding whitespace
 * removed (so {@code echo key > file} and {@code export VAR=key} give the same pseudonyms). It is
 * never logged, never part of an exception message, and not shown by {@link #toString()}; raw
 * identifiers are never shown either. Thread-safe.
 */
public final class Pseudonymiser {

  /** Characters of a pseudonym: 132 bits, far from collisions at any realistic population. */
  public static final int LENGTH = 22;
  /** The environment variable the CLI and the embedded runtime read the key from. */
  public static final String ENV_VARIABLE = "PEERPULSE_PSEUDONYM_KEY";
  /** A shorter key is a typo or a placeholder; HMAC keys should carry at least 128 bits. */
  public static final int MIN_KEY_BYTES = 16;

  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final String origin;
  /** Mac instances are not thread-safe; one per thread, initialised once. */
  private final ThreadLocal<Mac> macs;

  private Pseudonymiser(byte[] keyBytes, String origin) {
    if (keyBytes.length < MIN_KEY_BYTES) {
      int length = keyBytes.length;
      Arrays.fill(keyBytes, (byte) 0);
      throw new IllegalArgumentException("pseudonym key from " + origin + ": expected at least " + MIN_KEY_BYTES
          + " bytes, got " + length + (length == 0 ? " (empty)" : ""));
    }
    this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    Arrays.fill(keyBytes, (byte) 0);
    this.origin = origin;
    this.macs = ThreadLocal.withInitial(this::newMac);
    macs.get(); // fail here, not on the first row, if the JDK lacks the algorithm
  }

  /**
   * A pseudonymiser with the key's UTF-8 text (surrounding whitespace removed).
   *
   * @param origin where the key came from, for messages ("file /etc/peerpulse/key"); never the key
   */
  public static Pseudonymiser ofKey(String keyText, String origin) {
    Objects.requireNonNull(keyText, "keyText");
    return new Pseudonymiser(keyText.strip().getBytes(StandardCharsets.UTF_8), Objects.requireNonNull(origin, "origin"));
  }

  /** The key from a file (UTF-8 text, surrounding whitespace removed). */
  public static Pseudonymiser fromFile(Path file) throws IOException {
    String origin = "file " + file;
    if (!Files.isReadable(file)) {
      throw new IOException("pseudonym key from " + origin + ": no such readable file");
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      return ofKey(new String(bytes, StandardCharsets.UTF_8), origin);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The key from environment variable {@code variable} of {@code environment}, if it is set and not blank. */
  public static Optional<Pseudonymiser> fromEnvironment(Map<String, String> environment, String variable) {
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(ofKey(value, "environment variable " + variable));
  }

  /** The pseudonym of a raw identifier: exactly as given, UTF-8, no case or space folding. */
  public String pseudonym(String raw) {
    Objects.requireNonNull(raw, "raw");
    byte[] digest = macs.get().doFinal(raw.getBytes(StandardCharsets.UTF_8));
    return BASE64URL.encodeToString(digest).substring(0, LENGTH);
  }

  /** Where the key came from (never the key). */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "Pseudonymiser[HMAC-SHA-256, key from " + origin + "]";
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime must provide HmacSHA256; the message never includes the key.
      throw new IllegalStateException("HMAC-SHA-256 is not available in this Java runtime: " + e.getClass().getName());
    }
  }
}
