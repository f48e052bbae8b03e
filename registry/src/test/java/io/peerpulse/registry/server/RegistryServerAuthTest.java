package io.peerpulse.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP Basic authentication, and the server's configuration surface. */
class RegistryServerAuthTest {

  private RegistryServer server;

  @BeforeEach
  void start() {
    server = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0)
        .basicAuth("admin:s3cret:with-colon").build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestsWithoutTheConfiguredCredentialsGet401() throws Exception {
    RegistryHttp.Reply anonymous = new RegistryHttp(server.url()).get("/subjects");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.errorCode()).isEqualTo(401);
    assertThat(new RegistryHttp(server.url(), "admin:wrong").get("/subjects").status())
        .isEqualTo(401);
    HttpResponse<String> garbled = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(server.url().resolve("/subjects"))
            .header("Authorization", "Basic !!!not-base64").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(garbled.statusCode()).isEqualTo(401);
    assertThat(garbled.headers().firstValue("WWW-Authenticate")).contains(
        "Basic realm=\"SchemaRegistry\"");
  }

  @Test
  void requestsWithTheCredentialsAreServed() {
    RegistryHttp http = new RegistryHttp(server.url(), "admin:s3cret:with-colon");
    assertThat(http.registerOk("s", Schemas.V1)).isEqualTo(1);
    assertThat(http.get("/subjects").body()).isEqualTo("[\"s\"]");
  }

  @Test
  void portZeroPicksAFreePortAndTheUrlNamesIt() {
    assertThat(server.port()).isPositive();
    assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
    assertThat(server.registry().subjects(false)).isEmpty();
  }

  @Test
  void configDefaultsAndValidation() {
    RegistryServerConfig defaults = RegistryServerConfig.builder().build();
    assertThat(defaults.port()).isEqualTo(8081);
    assertThat(defaults.host()).isEqualTo("0.0.0.0");
    assertThat(defaults.topic()).isEqualTo("_schemas");
    assertThat(defaults.usesKafka()).isFalse();
    assertThat(RegistryServerConfig.builder().bootstrapServers(" ").build().usesKafka()).isFalse();
    assertThatThrownBy(() -> RegistryServerConfig.builder().basicAuth("no-colon").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user:password");
    assertThatThrownBy(() -> RegistryServerConfig.builder().port(70_000).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
  }
}
