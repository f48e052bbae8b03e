package io.peerpulse.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing the credential lines and checking tokens and Basic passwords against their hashes. */
class HttpCredentialsTest {

  private static final String INGEST_TOKEN = "tQ1s9kR0mZ7cV3xW8yB2nL5pA6dF4gH0jK1qE7rT9uI=";
  private static final String BOARD_SECRET = "Xy7pQ2wE9rT4uI1oP6aS3dF8gH5jK0lZ";
  private static final String ORIGIN = "http.auth.tokens.file tokens.txt";

  private static final HttpCredentials CREDENTIALS = HttpCredentials.parse(List.of(
      "# principal role hash",
      "",
      "ingest-ulm service " + HttpCredentials.hashOf(INGEST_TOKEN),
      "  board   evaluator,service   " + HttpCredentials.hashOf(BOARD_SECRET).toUpperCase().replace("SHA256", "sha256")),
      ORIGIN);

  @Test
  void aTokenFindsItsPrincipalWithItsRoles() {
    assertThat(CREDENTIALS.size()).isEqualTo(2);
    assertThat(CREDENTIALS.bearer(INGEST_TOKEN)).contains(new AccessPrincipal("ingest-ulm", Set.of(Role.SERVICE)));
    assertThat(CREDENTIALS.bearer(BOARD_SECRET)).contains(new AccessPrincipal("board", Set.of(Role.EVALUATOR, Role.SERVICE)));
    assertThat(CREDENTIALS.bearer(INGEST_TOKEN + "x")).isEmpty();
    assertThat(CREDENTIALS.bearer("")).isEmpty();
  }

  @Test
  void basicNeedsTheUserAndItsOwnSecret() {
    assertThat(CREDENTIALS.basic("board", BOARD_SECRET)).map(AccessPrincipal::name).contains("board");
    assertThat(CREDENTIALS.basic("board", INGEST_TOKEN)).as("another principal's secret").isEmpty();
    assertThat(CREDENTIALS.basic("nobody", BOARD_SECRET)).isEmpty();
    assertThat(CREDENTIALS.basicHeader(base64("board:" + BOARD_SECRET))).map(AccessPrincipal::name).contains("board");
    assertThat(CREDENTIALS.basicHeader(base64("board" + BOARD_SECRET))).as("no colon").isEmpty();
    assertThat(CREDENTIALS.basicHeader("not base64 %%")).isEmpty();
  }

  @Test
  void theHashIsTheSha256OfTheSecret() {
    // echo -n abc | sha256sum
    assertThat(HttpCredentials.hashOf("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void errorsNameTheOriginAndLineButNeverQuoteTheHash() {
    String hash = HttpCredentials.hashOf(INGEST_TOKEN);
    assertThatThrownBy(() -> HttpCredentials.parse(List.of("# comment", "ingest service"), ORIGIN))
        .hasMessage(ORIGIN + " line 2: expected '<principal> <role>[,<role>...] sha256:<64 hex digits>', got 2 field(s)");
    assertThatThrownBy(() -> HttpCredentials.parse(List.of("ingest admin " + hash), ORIGIN))
        .hasMessage(ORIGIN + " line 1: role: unknown role \"admin\": expected one of service, evaluator, operator");
    assertThatThrownBy(() -> HttpCredentials.parse(List.of("ingest service " + INGEST_TOKEN), ORIGIN))
        .hasMessageStartingWith(ORIGIN + " line 1: hash: expected sha256: and 64 hex digits")
        .hasMessageNotContaining(INGEST_TOKEN);
    assertThatThrownBy(() -> HttpCredentials.parse(List.of("in:gest service " + hash), ORIGIN))
        .hasMessageStartingWith(ORIGIN + " line 1: principal: expected letters");
    assertThatThrownBy(() -> HttpCredentials.parse(List.of("a service " + hash, "a evaluator " + HttpCredentials.hashOf("other")),
        ORIGIN)).hasMessageStartingWith(ORIGIN + " line 2: principal a is also on line 1");
    assertThatThrownBy(() -> HttpCredentials.parse(List.of("a service " + hash, "b evaluator " + hash), ORIGIN))
        .hasMessage(ORIGIN + " line 2: the same secret as line 1; every principal needs its own");
    assertThatThrownBy(() -> HttpCredentials.parse(List.of("# nothing"), ORIGIN))
        .hasMessageStartingWith(ORIGIN + ": no credentials");
  }

  @Test
  void operatorsMayUseEveryContextOthersOnlyTheirs() {
    AccessPrincipal operator = new AccessPrincipal("ops", Set.of(Role.OPERATOR));
    AccessPrincipal service = new AccessPrincipal("ingest", Set.of(Role.SERVICE));
    assertThat(operator.mayUse(Set.of(Role.EVALUATOR))).isTrue();
    assertThat(service.mayUse(Set.of(Role.SERVICE, Role.OPERATOR))).isTrue();
    assertThat(service.mayUse(Set.of(Role.EVALUATOR, Role.OPERATOR))).isFalse();
    assertThat(CREDENTIALS.toString()).isEqualTo("HttpCredentials[2 principals]");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
