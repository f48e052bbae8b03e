package io.peerpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.streams.intake.IntakeDeserializationHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsAppConfigTest {

  @Test
  void defaultsGiveExactlyOnceAndTheDeadLetterQueue() {
    Properties props = StreamsAppConfig.streamsProperties(Map.of());
    assertThat(props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("peerpulse-indicators");
    assertThat(props.getProperty(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(IntakeDeserializationHandler.class.getName());
    assertThat(props.getProperty(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("peerpulse.events-dlq.v1");
    assertThat(props).doesNotContainKeys(StreamsAppConfig.LATENESS_DAYS, StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS);
    new StreamsConfig(props);
  }

  @Test
  void givenValuesOverrideDefaultsAndReachTheTopologySettings() {
    Map<String, Object> given = Map.of(StreamsAppConfig.LATENESS_DAYS, "10", StreamsAppConfig.MIN_DOSE, 4,
        StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS, "250", StreamsAppConfig.REPARTITION_PARTITIONS, "12",
        "schema.registry.url", "mock://cfg", "auto.register.schemas", "false", "num.stream.threads", "3");
    TopologySettings settings = StreamsAppConfig.topologySettings(given);
    assertThat(settings.engine()).isEqualTo(new EngineConfig(10, 4, 20.0, 1));
    assertThat(settings.cellsFlushInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.repartitionPartitions()).isEqualTo(12);
    assertThat(settings.registryConfig()).containsEntry("schema.registry.url", "mock://cfg")
        .containsEntry("auto.register.schemas", "false").doesNotContainKey("num.stream.threads");
    assertThat(StreamsAppConfig.streamsProperties(given).getProperty("num.stream.threads")).isEqualTo("3");
  }

  @Test
  void aBadNumberNamesTheKey() {
    assertThatThrownBy(() -> StreamsAppConfig.topologySettings(Map.of(StreamsAppConfig.LATENESS_DAYS, "soon")))
        .hasMessage("lateness.days: expected an integer, got \"soon\"");
    assertThatThrownBy(() -> StreamsAppConfig.topologySettings(Map.of(StreamsAppConfig.CELLS_FLUSH_MAX_CELLS, "0")))
        .hasMessage("cells.flush.max.cells: expected an integer >= 1, got 0");
  }
}
