package io.peerpulse.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiserTest {

  /** A test key, not a secret: real keys come from a file or the environment, never the repository. */
  static final String KEY = "peerpulse-test-key-not-a-secret-0001";

  @TempDir Path dir;

  /**
   * Vectors computed outside Java, independently of this code:
   * {@code printf '%s' 'MRN-0042-7731' | openssl dgst -sha256 -hmac 'peerpulse-test-key-not-a-secret-0001' -binary
   * | base64 | tr '+/' '-_' | tr -d '=' | cut -c1-22}, and for all three with Python:
   * {@code base64.urlsafe_b64encode(hmac.new(key, raw.encode('utf-8'), hashlib.sha256).digest()).decode().rstrip('=')[:22]}.
   */
  @Test
  void matchesHmacSha256VectorsComputedWithOpensslAndPython() {
    Pseudonymiser pseudonymiser = Pseudonymiser.ofKey(KEY, "test");

    assertThat(pseudonymiser.pseudonym("MRN-0042-7731")).isEqualTo("H2QSInrzypul4T29-ubcHb");
    assertThat(pseudonymiser.pseudonym("W-17")).isEqualTo("BrXR6VD8TaKvCeyK_MGgXl");
    assertThat(pseudonymiser.pseudonym("Zoë Ångström")).as("UTF-8 bytes of the raw value").isEqualTo("fJ-u6IlemcdhRlVrXfZBGg");
  }

  @Test
  void pseudonymsAreValidPersonIdsOfTwentyTwoCharacters() {
    Pseudonymiser pseudonymiser = Pseudonymiser.ofKey(KEY, "test");
    for (int i = 0; i < 1000; i++) {
      assertThat(pseudonymiser.pseudonym("raw-" + i)).matches("[A-Za-z0-9_-]{22}");
    }
  }

  @Test
  void aKeyFileWithATrailingNewlineGivesTheSamePseudonymsAsTheEnvironmentVariable() throws IOException {
    Path file = dir.resolve("key");
    Files.writeString(file, KEY + "\n", StandardCharsets.UTF_8);

    Pseudonymiser fromFile = Pseudonymiser.fromFile(file);
    Pseudonymiser fromEnv = Pseudonymiser.fromEnvironment(Map.of("K", KEY), "K").orElseThrow();

    assertThat(fromFile.pseudonym("MRN-0042-7731")).isEqualTo("H2QSInrzypul4T29-ubcHb");
    assertThat(fromEnv.pseudonym("MRN-0042-7731")).isEqualTo("H2QSInrzypul4T29-ubcHb");
    assertThat(Pseudonymiser.fromEnvironment(Map.of("K", "  "), "K")).isEmpty();
    assertThat(Pseudonymiser.fromEnvironment(Map.of(), "K")).isEmpty();
  }

  @Test
  void anotherKeyGivesOtherPseudonyms() {
    assertThat(Pseudonymiser.ofKey(KEY + "x", "test").pseudonym("MRN-0042-7731")).isNotEqualTo("H2QSInrzypul4T29-ubcHb");
  }

  @Test
  void neitherToStringNorErrorsShowTheKey() throws IOException {
    Pseudonymiser pseudonymiser = Pseudonymiser.ofKey(KEY, "environment variable X");
    assertThat(pseudonymiser.toString()).doesNotContain(KEY).contains("environment variable X");

    String shortKey = "tooshort-secret";
    assertThatThrownBy(() -> Pseudonymiser.ofKey(shortKey, "file /k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pseudonym key from file /k: expected at least 16 bytes, got 15")
        .message().doesNotContain(shortKey);
    Path file = dir.resolve("short");
    Files.writeString(file, shortKey);
    assertThatThrownBy(() -> Pseudonymiser.fromFile(file)).message().doesNotContain(shortKey).contains(file.toString());
    assertThatThrownBy(() -> Pseudonymiser.fromFile(dir.resolve("missing")))
        .isInstanceOf(IOException.class).hasMessageContaining("no such readable file");
  }
}
