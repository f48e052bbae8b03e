package io.peerpulse.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http.auth and http.tls keys: defaults, and errors that name the key without showing a secret. */
class HttpSecurityTest {

  private static final String TOKEN = "fV0d8Jq3Lr6Wz1Ys4Kt7Bn2Xc5Mh9Pe=";

  @TempDir static Path dir;
  private static Path tokens;
  private static Path keystore;

  @BeforeAll
  static void files() throws Exception {
    tokens = Files.writeString(dir.resolve("tokens"), "ingest service " + HttpCredentials.hashOf(TOKEN) + "\n");
    keystore = SelfSignedKeystore.create(dir.resolve("http.p12"));
  }

  @Test
  void nothingConfiguredIsPlainHttpWithoutAuthentication() {
    HttpSecurity security = HttpSecurity.from(Map.of("bootstrap.servers", "kafka:9092"));
    assertThat(security.mode()).isEqualTo(HttpSecurity.Mode.NONE);
    assertThat(security.scheme()).isEqualTo("http");
    assertThat(security.describe()).isEqualTo("HTTP API: no authentication, plain HTTP");
  }

  @Test
  void bearerWithAFileAndTls() {
    HttpSecurity security = HttpSecurity.from(Map.of(HttpSecurity.AUTH, "Bearer", HttpSecurity.TOKENS_FILE, tokens.toString(),
        HttpSecurity.TLS_KEYSTORE, keystore.toString(), HttpSecurity.TLS_KEYSTORE_PASSWORD, SelfSignedKeystore.PASSWORD));
    assertThat(security.mode()).isEqualTo(HttpSecurity.Mode.BEARER);
    assertThat(security.scheme()).isEqualTo("https");
    assertThat(security.describe()).isEqualTo("HTTP API: bearer authentication (1 principals), HTTPS");
  }

  @Test
  void inlineCredentialsAreSeparatedBySemicolons() {
    HttpSecurity security = HttpSecurity.from(Map.of(HttpSecurity.AUTH, "basic", HttpSecurity.TOKENS,
        "a service " + HttpCredentials.hashOf("one-long-secret-1") + "; b evaluator " + HttpCredentials.hashOf("one-long-secret-2")));
    assertThat(security.describe()).isEqualTo("HTTP API: basic authentication (2 principals), plain HTTP");
  }

  @Test
  void misconfigurationsNameTheKey() {
    assertThatThrownBy(() -> HttpSecurity.from(Map.of(HttpSecurity.AUTH, "token")))
        .hasMessage("http.auth: expected none, bearer or basic, got \"token\"");
    assertThatThrownBy(() -> HttpSecurity.from(Map.of(HttpSecurity.AUTH, "bearer")))
        .hasMessage("http.auth is bearer: set http.auth.tokens.file (or http.auth.tokens) to the principals' credentials");
    assertThatThrownBy(() -> HttpSecurity.from(Map.of(HttpSecurity.TOKENS_FILE, tokens.toString())))
        .as("credentials without a mode would leave the API open")
        .hasMessage("http.auth.tokens.file is set but http.auth is none, so nothing would be checked: set http.auth to bearer or basic");
    assertThatThrownBy(() -> HttpSecurity.from(Map.of(HttpSecurity.AUTH, "bearer", HttpSecurity.TOKENS_FILE, tokens.toString(),
        HttpSecurity.TOKENS, "x")))
        .hasMessage("http.auth.tokens.file and http.auth.tokens are both set: give the credentials once");
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> HttpSecurity.from(Map.of(HttpSecurity.AUTH, "bearer", HttpSecurity.TOKENS_FILE, missing.toString())))
        .hasMessageStartingWith("http.auth.tokens.file: cannot read " + missing);
  }

  @Test
  void tlsMisconfigurationsNameTheKeyNeverThePassword() {
    assertThatThrownBy(() -> HttpSecurity.from(Map.of(HttpSecurity.TLS_KEYSTORE_PASSWORD, "pw")))
        .hasMessage("http.tls.keystore.password is set but http.tls.keystore is not: set the keystore for HTTPS");
    assertThatThrownBy(() -> HttpSecurity.from(Map.of(HttpSecurity.TLS_KEYSTORE, dir.resolve("none.p12").toString())))
        .hasMessage("http.tls.keystore: no readable file " + dir.resolve("none.p12"));
    assertThatThrownBy(() -> HttpSecurity.from(Map.of(HttpSecurity.TLS_KEYSTORE, keystore.toString(),
        HttpSecurity.TLS_KEYSTORE_PASSWORD, "wrong-password-123")))
        .hasMessageStartingWith("http.tls.keystore: cannot open " + keystore + " as PKCS12 (wrong http.tls.keystore.password?)")
        .hasMessageNotContaining("wrong-password-123");
    assertThatThrownBy(() -> HttpSecurity.from(Map.of(HttpSecurity.TLS_KEYSTORE, keystore.toString(),
        HttpSecurity.TLS_KEYSTORE_TYPE, "NOPE")))
        .hasMessage("http.tls.keystore.type: unknown keystore type \"NOPE\" (PKCS12 or JKS)");
  }

  @Test
  void theKeysAreKnownSoTheyStayAwayFromKafka() {
    assertThat(HttpSecurity.isHttpSecurityKey("http.auth.tokens.file")).isTrue();
    assertThat(HttpSecurity.isHttpSecurityKey("http.tls.keystore.password")).isTrue();
    assertThat(HttpSecurity.isHttpSecurityKey("http.port")).isFalse();
    assertThat(HttpSecurity.isHttpSecurityKey("sasl.jaas.config")).isFalse();
  }
}
