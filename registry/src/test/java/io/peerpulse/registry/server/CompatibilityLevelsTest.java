package io.peerpulse.registry.server;

import static io.peerpulse.registry.server.Schemas.field;
import static io.peerpulse.registry.server.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.registry.server.RegistryHttp.Reply;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of Confluent's seven compatibility levels with one change it accepts and one it rejects,
 * through the REST API: the registration answers 200 or 409/40901, and the compatibility
 * endpoint agrees. The transitive cases are built so that the candidate fits the latest version
 * but not an earlier one, which only the transitive level notices.
 */
class CompatibilityLevelsTest {

  private static final String A = field("a", "string");
  private static final String A_B_INT = record("E", A + "," + field("b", "int"));
  private static final String A_B_INT_DEFAULT = record("E", A + "," + field("b", "int", "0"));
  private static final String A_ONLY = record("E", A);
  private static final String A_B_STRING = record("E", A + "," + field("b", "string"));
  private static final String A_B_STRING_DEFAULT =
      record("E", A + "," + field("b", "string", "\"\""));
  private static final String A_AS_INT = record("E", field("a", "int"));

  private static RegistryServer server;
  private static RegistryHttp http;
  private static int subjectCounter;

  @BeforeAll
  static void start() {
    server = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0).build());
    http = new RegistryHttp(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // level, history (oldest first), candidate, accepted
        Arguments.of("NONE", List.of(A_ONLY), A_AS_INT, true),
        Arguments.of("NONE", List.of(A_ONLY), A_B_INT, true),
        Arguments.of("BACKWARD", List.of(A_ONLY), A_B_INT_DEFAULT, true),
        Arguments.of("BACKWARD", List.of(A_ONLY), A_B_INT, false),
        Arguments.of("BACKWARD_TRANSITIVE", List.of(A_ONLY), A_B_INT_DEFAULT, true),
        // fits v2 (A_ONLY) but cannot read v1's int b as a string
        Arguments.of("BACKWARD", List.of(A_B_INT, A_ONLY), A_B_STRING_DEFAULT, true),
        Arguments.of("BACKWARD_TRANSITIVE", List.of(A_B_INT, A_ONLY), A_B_STRING_DEFAULT, false),
        Arguments.of("FORWARD", List.of(A_ONLY), A_B_INT, true),
        Arguments.of("FORWARD", List.of(A_B_INT), A_ONLY, false),
        Arguments.of("FORWARD_TRANSITIVE", List.of(A_ONLY), A_B_INT, true),
        // v2 (A_ONLY) reads it, v1 cannot read a string b as its int b
        Arguments.of("FORWARD", List.of(A_B_INT_DEFAULT, A_ONLY), A_B_STRING, true),
        Arguments.of("FORWARD_TRANSITIVE", List.of(A_B_INT_DEFAULT, A_ONLY), A_B_STRING, false),
        Arguments.of("FULL", List.of(A_ONLY), A_B_INT_DEFAULT, true),
        Arguments.of("FULL", List.of(A_ONLY), A_B_INT, false),
        Arguments.of("FULL_TRANSITIVE", List.of(A_ONLY), A_B_INT_DEFAULT, true),
        Arguments.of("FULL", List.of(A_B_INT_DEFAULT, A_ONLY), A_B_STRING_DEFAULT, true),
        Arguments.of("FULL_TRANSITIVE", List.of(A_B_INT_DEFAULT, A_ONLY), A_B_STRING_DEFAULT,
            false));
  }

  @ParameterizedTest(name = "{0}: history {1} then {2} accepted={3}")
  @MethodSource("cases")
  void levelDecidesRegistration(String level, List<String> history, String candidate,
      boolean accepted) {
    String subject = "levels-" + (++subjectCounter);
    assertThat(http.put("/config/" + subject, "{\"compatibility\":\"" + level + "\"}").status())
        .isEqualTo(200);
    for (String schema : history) {
      http.registerOk(subject, schema);
    }
    Reply check = http.post("/compatibility/subjects/" + subject + "/versions/latest",
        RegistryHttp.schemaBody(candidate));
    assertThat(check.json().get("is_compatible").asBoolean()).isEqualTo(accepted);

    Reply reply = http.register(subject, candidate);
    if (accepted) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(http.get("/subjects/" + subject + "/versions").json()).hasSize(history.size() + 1);
    } else {
      assertThat(reply.status()).as(reply.body()).isEqualTo(409);
      assertThat(reply.errorCode()).isEqualTo(40901);
      assertThat(http.get("/subjects/" + subject + "/versions").json()).hasSize(history.size());
    }
  }
}
