package io.peerpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.TopologyException;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;

/**
 * Pins {@code topology.describe()}: node, store and internal topic names are public contract for
 * operators (changelog and repartition topics, metrics, state directories), so a rename must be a
 * deliberate edit of {@code indicator-topology.txt}. When the topology changes on purpose, copy the
 * text the failure writes to {@code <build dir>/indicator-topology.actual.txt}.
 */
class IndicatorTopologyDescribeTest {

  private static final String PINNED = "indicator-topology.txt";

  @Test
  void describeMatchesThePinnedTopology() throws IOException {
    String actual = IndicatorTopology.build(TopologySettings.defaults("mock://describe-test")).describe().toString();
    String expected = pinned();
    if (!actual.equals(expected)) {
      Path written = Path.of(System.getProperty("buildDirectory", "target"), "indicator-topology.actual.txt");
      Files.createDirectories(written.getParent());
      Files.writeString(written, actual);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void everyStoreAndInternalTopicIsNamed() {
    String description = IndicatorTopology.build(TopologySettings.defaults("mock://describe-test")).describe().toString();
    assertThat(description).doesNotContain("KSTREAM-", "KTABLE-", "STATE-STORE-");
  }

  @Test
  void theBuildRejectsAnUnnamedStore() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "naming-check");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).toTable();
    assertThatThrownBy(builder::build).isInstanceOf(TopologyException.class);
  }

  private static String pinned() throws IOException {
    try (InputStream in = IndicatorTopologyDescribeTest.class.getResourceAsStream(PINNED)) {
      return in == null ? "(no pinned topology: " + PINNED + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
