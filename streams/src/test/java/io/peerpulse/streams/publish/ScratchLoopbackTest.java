package io.peerpulse.streams.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.topics.Topic;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class ScratchLoopbackTest {
  @Test
  void aTopicWrittenAndReadByOneTopologyIsPipedBack() throws Exception {
    Topic<IndicatorKey, IndicatorValue> in = PublishDriver.topic("exact-in");
    Topic<IndicatorKey, IndicatorValue> internal = PublishDriver.topic(PublishDriver.INTERNAL);
    Topic<IndicatorKey, IndicatorValue> out = PublishDriver.topic(PublishDriver.PUBLISHED);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in.name(), in.consumed("src")).to(internal.name(), internal.produced("write-internal"));
    PublishStage.build(builder, internal, out, SuppressionRule.NHS, 1);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "loop");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "x:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("loop").toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, Instant.EPOCH)) {
      driver.createInputTopic(in.name(), in.keySerde().serializer(), in.valueSerde().serializer())
          .pipeInput(PublishDriver.monthKey("REACH_30", "ulm"), PublishDriver.percent(12, 33));
      var published = driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer())
          .readKeyValuesToMap();
      assertThat(published.get(PublishDriver.monthKey("REACH_30", "ulm")).getNumerator()).isEqualTo(10.0);
    }
  }
}
