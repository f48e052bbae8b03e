package io.peerpulse.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The principals allowed on the HTTP API, read from lines
 * {@code <principal> <role>[,<role>...] sha256:<64 hex digits>} ({@code #} starts a comment). The
 * hash is the SHA-256 of the secret: the bearer token, or the password of HTTP Basic for the user
 * named {@code <principal>}. Only hashes are stored, so the file can be read without learning a
 * secret; SHA-256 without salt is enough because secrets are random (32 bytes from
 * {@code openssl rand}, docs/security.md), not chosen by people.
 *
 * <p>Checks take the same time whatever matches: every entry is compared, with
 * {@link MessageDigest#isEqual}, and an unknown Basic user is compared against a dummy hash.
 */
public final class HttpCredentials {

  static final String HASH_PREFIX = "sha256:";
  /** Names that are safe in a log line and in an HTTP Basic user name (no ':'). */
  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String FORMAT = "'<principal> <role>[,<role>...] sha256:<64 hex digits>'";

  private record Entry(AccessPrincipal principal, byte[] hash) {}

  private final List<Entry> entries;
  private final Map<String, Entry> byName;
  private final byte[] dummyHash = new byte[32];

  private HttpCredentials(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    this.byName = new HashMap<>();
    entries.forEach(entry -> byName.put(entry.principal().name(), entry));
  }

  /**
   * Parses credential lines.
   *
   * @param origin where the lines came from, for messages ({@code "http.auth.tokens.file /etc/peerpulse/tokens"})
   * @throws IllegalArgumentException naming the origin and line; never quoting a line (it holds a hash)
   */
  public static HttpCredentials parse(List<String> lines, String origin) {
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> hashes = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int number = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length != 3) {
        throw problem(origin, number, "expected " + FORMAT + ", got " + fields.length + " field(s)");
      }
      String name = fields[0];
      if (!PRINCIPAL.matcher(name).matches()) {
        // not quoted: a secret pasted into the wrong column must not reach a terminal or log
        throw problem(origin, number, "principal: expected letters, digits and . _ @ - (at most 64, no ':')");
      }
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (String role : fields[1].split(",")) {
        try {
          roles.add(Role.parse(role));
        } catch (IllegalArgumentException e) {
          throw problem(origin, number, "role: " + e.getMessage());
        }
      }
      String hashText = fields[2];
      if (!hashText.regionMatches(true, 0, HASH_PREFIX, 0, HASH_PREFIX.length())
          || !HEX_64.matcher(hashText.substring(HASH_PREFIX.length())).matches()) {
        throw problem(origin, number, "hash: expected sha256: and 64 hex digits (the SHA-256 of the token or password,"
            + " never the secret itself)");
      }
      String hex = hashText.substring(HASH_PREFIX.length()).toLowerCase(Locale.ROOT);
      Integer earlier = names.putIfAbsent(name, number);
      if (earlier != null) {
        throw problem(origin, number, "principal " + name + " is also on line " + earlier
            + "; give one line per principal with all its roles (role,role)");
      }
      Integer sameSecret = hashes.putIfAbsent(hex, number);
      if (sameSecret != null) {
        throw problem(origin, number, "the same secret as line " + sameSecret + "; every principal needs its own");
      }
      entries.add(new Entry(new AccessPrincipal(name, roles), HexFormat.of().parseHex(hex)));
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(origin + ": no credentials (lines " + FORMAT + ")");
    }
    return new HttpCredentials(entries);
  }

  /** How many principals there are. */
  public int size() {
    return entries.size();
  }

  /** The principal whose token this is. */
  public Optional<AccessPrincipal> bearer(String token) {
    byte[] hash = sha256(token);
    AccessPrincipal found = null;
    for (Entry entry : entries) { // no early exit: the time does not depend on where the match is
      if (MessageDigest.isEqual(entry.hash(), hash)) {
        found = entry.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The principal {@code user} when {@code password} is its secret. */
  public Optional<AccessPrincipal> basic(String user, String password) {
    Entry entry = byName.get(user);
    boolean matches = MessageDigest.isEqual(entry == null ? dummyHash : entry.hash(), sha256(password));
    return entry != null && matches ? Optional.of(entry.principal()) : Optional.empty();
  }

  /**
   * The principal of an {@code Authorization: Basic <base64(user:password)>} value's credentials
   * part (after "Basic "); empty when it does not decode or does not match.
   */
  Optional<AccessPrincipal> basicHeader(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 1 ? Optional.empty() : basic(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** {@code sha256:<hex>} of a secret: what a credentials line holds (tests, docs). */
  public static String hashOf(String secret) {
    return HASH_PREFIX + HexFormat.of().formatHex(sha256(secret));
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static IllegalArgumentException problem(String origin, int line, String message) {
    return new IllegalArgumentException(origin + " line " + line + ": " + message);
  }

  @Override
  public String toString() {
    return "HttpCredentials[" + entries.size() + " principals]"; // never the hashes
  }
}
