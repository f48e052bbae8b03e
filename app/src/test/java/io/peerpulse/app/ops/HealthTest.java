package io.peerpulse.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HealthTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void liveIsAlways200() throws Exception {
    Health.Answer live = Health.live();
    assertThat(live.status()).isEqualTo(200);
    assertThat(JSON.readTree(live.body()).get("status").asText()).isEqualTo("UP");
  }

  @Test
  void readyOnlyWhenRunningWithNothingRestoring() throws Exception {
    Health.Answer ready = Health.ready(new Health.StreamsStatus(State.RUNNING, 0));
    assertThat(ready.status()).isEqualTo(200);
    JsonNode body = JSON.readTree(ready.body());
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.get("state").asText()).isEqualTo("RUNNING");
    assertThat(body.has("message")).isFalse();
  }

  @Test
  void runningButRestoringIsNotReady() throws Exception {
    Health.Answer ready = Health.ready(new Health.StreamsStatus(State.RUNNING, 3));
    assertThat(ready.status()).isEqualTo(503);
    JsonNode body = JSON.readTree(ready.body());
    assertThat(body.get("status").asText()).isEqualTo("DOWN");
    assertThat(body.get("restoring_stores").asInt()).isEqualTo(3);
    assertThat(body.get("message").asText()).contains("3 store partition(s) still restoring");
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
  void everyOtherStateIs503NamingTheState(State state) throws Exception {
    Health.Answer ready = Health.ready(new Health.StreamsStatus(state, 0));
    assertThat(ready.status()).isEqualTo(503);
    JsonNode body = JSON.readTree(ready.body());
    assertThat(body.get("state").asText()).isEqualTo(state.name());
    assertThat(body.get("status").asText()).isEqualTo("DOWN");
    assertThat(body.get("message").asText()).isNotBlank();
  }

  @Test
  void beforeTheClientExistsItIsStarting() throws Exception {
    Health.Answer ready = Health.ready(null);
    assertThat(ready.status()).isEqualTo(503);
    assertThat(JSON.readTree(ready.body()).get("state").asText()).isEqualTo("STARTING");
  }
}
