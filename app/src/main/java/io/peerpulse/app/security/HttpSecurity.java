package io.peerpulse.app.security;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication and TLS of the HTTP API (docs/security.md, "HTTP API"), from the configuration
 * keys below; {@link #createServer} makes the server (HTTPS when a keystore is given) and installs
 * it for {@link HttpAccess}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #AUTH}</td><td>none</td><td>{@code none}, {@code bearer} ({@code Authorization: Bearer <token>})
 *       or {@code basic} (HTTP Basic, user = principal)</td></tr>
 *   <tr><td>{@value #TOKENS_FILE}</td><td>none</td><td>file of lines {@code <principal> <role>[,<role>] sha256:<hex>}</td></tr>
 *   <tr><td>{@value #TOKENS}</td><td>none</td><td>the same lines inline, separated by {@code ;} (e.g. from a secret
 *       in {@code PEERPULSE_HTTP_AUTH_TOKENS})</td></tr>
 *   <tr><td>{@value #TLS_KEYSTORE}</td><td>none</td><td>keystore with the server's key and certificate: HTTPS</td></tr>
 *   <tr><td>{@value #TLS_KEYSTORE_PASSWORD}</td><td>none</td><td>its password</td></tr>
 *   <tr><td>{@value #TLS_KEYSTORE_TYPE}</td><td>PKCS12</td><td>its type</td></tr>
 *   <tr><td>{@value #TLS_KEY_PASSWORD}</td><td>the keystore password</td><td>the private key's password</td></tr>
 * </table>
 */
public final class HttpSecurity {

  public static final String AUTH = "http.auth";
  public static final String TOKENS_FILE = "http.auth.tokens.file";
  public static final String TOKENS = "http.auth.tokens";
  public static final String TLS_KEYSTORE = "http.tls.keystore";
  public static final String TLS_KEYSTORE_PASSWORD = "http.tls.keystore.password";
  public static final String TLS_KEYSTORE_TYPE = "http.tls.keystore.type";
  public static final String TLS_KEY_PASSWORD = "http.tls.key.password";
  public static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";
  /** Every key read here; none of them is a Kafka key. */
  public static final Set<String> KEYS = Set.of(AUTH, TOKENS_FILE, TOKENS, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD,
      TLS_KEYSTORE_TYPE, TLS_KEY_PASSWORD);
  static final String REALM = "peerpulse";

  private static final Logger LOG = LoggerFactory.getLogger(HttpSecurity.class);

  /** How requests prove who they are. */
  public enum Mode {
    /** Nobody is asked (the local demo); protected contexts are open. */
    NONE,
    /** {@code Authorization: Bearer <token>}. */
    BEARER,
    /** {@code Authorization: Basic <base64(principal:secret)>}; what browsers ask for (the dashboard). */
    BASIC;

    static Mode parse(String text) {
      for (Mode mode : values()) {
        if (mode.name().equalsIgnoreCase(text.strip())) {
          return mode;
        }
      }
      throw new IllegalArgumentException(AUTH + ": expected none, bearer or basic, got \"" + text + "\"");
    }
  }

  /** Plain HTTP, nobody asked: the default, and what a server without {@link #createServer} gets. */
  public static final HttpSecurity NONE = new HttpSecurity(Mode.NONE, null, Optional.empty());

  private final Mode mode;
  private final HttpCredentials credentials;
  private final Optional<SSLContext> tls;

  private HttpSecurity(Mode mode, HttpCredentials credentials, Optional<SSLContext> tls) {
    this.mode = mode;
    this.credentials = credentials;
    this.tls = tls;
  }

  /** With {@code credentials} checked in {@code mode}, plain HTTP (tests, embedding). */
  public static HttpSecurity of(Mode mode, HttpCredentials credentials) {
    Objects.requireNonNull(mode, "mode");
    if (mode != Mode.NONE) {
      Objects.requireNonNull(credentials, "credentials");
    }
    return new HttpSecurity(mode, mode == Mode.NONE ? null : credentials, Optional.empty());
  }

  /**
   * Reads the keys of the class comment from a flat configuration; other keys are ignored.
   *
   * @throws IllegalArgumentException naming the key and what was expected (never a secret's value)
   */
  public static HttpSecurity from(Map<String, ?> config) {
    Mode mode = Mode.parse(string(config, AUTH).orElse("none"));
    Optional<String> file = string(config, TOKENS_FILE);
    Optional<String> inline = string(config, TOKENS);
    if (file.isPresent() && inline.isPresent()) {
      throw new IllegalArgumentException(TOKENS_FILE + " and " + TOKENS + " are both set: give the credentials once");
    }
    HttpCredentials credentials = null;
    if (mode == Mode.NONE) {
      if (file.isPresent() || inline.isPresent()) {
        // Credentials without a mode would leave the API open while the operator believes it closed.
        throw new IllegalArgumentException((file.isPresent() ? TOKENS_FILE : TOKENS) + " is set but " + AUTH
            + " is none, so nothing would be checked: set " + AUTH + " to bearer or basic");
      }
    } else if (file.isPresent()) {
      credentials = HttpCredentials.parse(readLines(Path.of(file.get())), TOKENS_FILE + " " + file.get());
    } else if (inline.isPresent()) {
      credentials = HttpCredentials.parse(Arrays.asList(inline.get().split("[;\\n]")), TOKENS);
    } else {
      throw new IllegalArgumentException(AUTH + " is " + mode.name().toLowerCase(Locale.ROOT) + ": set " + TOKENS_FILE
          + " (or " + TOKENS + ") to the principals' credentials");
    }
    return new HttpSecurity(mode, credentials, sslContext(config));
  }

  /** Whether {@code key} is one of {@link #KEYS} (so callers keep it away from Kafka's clients). */
  public static boolean isHttpSecurityKey(String key) {
    return KEYS.contains(key);
  }

  public Mode mode() {
    return mode;
  }

  /** Whether the server speaks HTTPS. */
  public boolean tls() {
    return tls.isPresent();
  }

  /** {@code https} or {@code http}, for printed URLs. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }

  /**
   * A server on {@code address}: HTTPS when a keystore is configured, else HTTP; installed for
   * {@link HttpAccess}, so contexts protected on it check these credentials.
   */
  public HttpServer createServer(InetSocketAddress address, int backlog) throws IOException {
    HttpServer server;
    if (tls.isPresent()) {
      HttpsServer https = HttpsServer.create(address, backlog);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
      server = https;
    } else {
      server = HttpServer.create(address, backlog);
    }
    HttpAccess.install(server, this);
    return server;
  }

  /** One line for the start-up log: the mode, how many principals, TLS or not; never a secret. */
  public String describe() {
    String auth = mode == Mode.NONE ? "no authentication"
        : mode.name().toLowerCase(Locale.ROOT) + " authentication (" + credentials.size() + " principals)";
    return "HTTP API: " + auth + ", " + (tls() ? "HTTPS" : "plain HTTP");
  }

  /** Logs {@link #describe()}, and a warning when Basic credentials would cross the network in clear text. */
  public void logSummary() {
    LOG.info(describe());
    if (mode == Mode.BASIC && !tls()) {
      LOG.warn("{}=basic without {}: passwords cross the network readable; terminate TLS in front of this port or set {}",
          AUTH, TLS_KEYSTORE, TLS_KEYSTORE);
    }
  }

  /** What a request with this {@code Authorization} header value may do on a context open to {@code allowed}. */
  Decision decide(String authorization, Set<Role> allowed) {
    if (mode == Mode.NONE) {
      return new Decision(Decision.Outcome.OPEN, null);
    }
    String scheme = mode == Mode.BEARER ? "Bearer" : "Basic";
    if (authorization == null || authorization.isBlank()) {
      return new Decision(Decision.Outcome.MISSING, null);
    }
    String value = authorization.strip();
    if (!value.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1)) {
      return new Decision(Decision.Outcome.INVALID, null);
    }
    String secret = value.substring(scheme.length() + 1).strip();
    Optional<AccessPrincipal> principal = mode == Mode.BEARER ? credentials.bearer(secret) : credentials.basicHeader(secret);
    if (principal.isEmpty()) {
      return new Decision(Decision.Outcome.INVALID, null);
    }
    return new Decision(principal.get().mayUse(allowed) ? Decision.Outcome.GRANTED : Decision.Outcome.FORBIDDEN,
        principal.get());
  }

  /** The {@code WWW-Authenticate} value of a 401 (RFC 6750 for bearer, RFC 7617 for Basic). */
  String challenge(boolean invalidCredentials) {
    if (mode == Mode.BASIC) {
      return "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
    }
    return "Bearer realm=\"" + REALM + "\"" + (invalidCredentials ? ", error=\"invalid_token\"" : "");
  }

  /** The outcome of {@link #decide}, with the principal when the credentials were valid. */
  record Decision(Outcome outcome, AccessPrincipal principal) {
    enum Outcome { OPEN, GRANTED, MISSING, INVALID, FORBIDDEN }
  }

  private static Optional<SSLContext> sslContext(Map<String, ?> config) {
    Optional<String> location = string(config, TLS_KEYSTORE);
    if (location.isEmpty()) {
      for (String key : List.of(TLS_KEYSTORE_PASSWORD, TLS_KEYSTORE_TYPE, TLS_KEY_PASSWORD)) {
        if (string(config, key).isPresent()) {
          throw new IllegalArgumentException(key + " is set but " + TLS_KEYSTORE + " is not: set the keystore for HTTPS");
        }
      }
      return Optional.empty();
    }
    Path path = Path.of(location.get());
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(TLS_KEYSTORE + ": no readable file " + path);
    }
    char[] storePassword = string(config, TLS_KEYSTORE_PASSWORD).map(String::toCharArray).orElse(null);
    char[] keyPassword = string(config, TLS_KEY_PASSWORD).map(String::toCharArray).orElse(storePassword);
    String type = string(config, TLS_KEYSTORE_TYPE).orElse(DEFAULT_KEYSTORE_TYPE);
    KeyStore store;
    try {
      store = KeyStore.getInstance(type);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(TLS_KEYSTORE_TYPE + ": unknown keystore type \"" + type + "\" (PKCS12 or JKS)", e);
    }
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, storePassword);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(TLS_KEYSTORE + ": cannot open " + path + " as " + type
          + " (wrong " + TLS_KEYSTORE_PASSWORD + "?): " + e.getMessage(), e);
    }
    try {
      if (!hasKey(store)) {
        throw new IllegalArgumentException(TLS_KEYSTORE + ": " + path + " holds no private key (the server's key and certificate)");
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, keyPassword);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return Optional.of(context);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(TLS_KEY_PASSWORD + ": cannot read the private key in " + path + ": "
          + e.getMessage(), e);
    }
  }

  private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
    for (String alias : java.util.Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(TOKENS_FILE + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> string(Map<String, ?> config, String key) {
    Object value = config.get(key);
    return value == null || String.valueOf(value).isBlank() ? Optional.empty() : Optional.of(String.valueOf(value).strip());
  }

  @Override
  public String toString() {
    return describe();
  }
}
