package io.peerpulse.streams.publish;

import static io.peerpulse.streams.publish.PublishDriver.monthKey;
import static io.peerpulse.streams.publish.PublishDriver.percent;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.topics.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queryable store of published values holds the latest record per key, like the compacted topic. */
class PublishedStoreTest {

  @TempDir Path stateDir;

  @Test
  void theStoreHoldsTheLatestValuePerKeyAndForgetsDeletedKeysWhateverTheRecordTimestamps() throws Exception {
    Topic<IndicatorKey, IndicatorValue> topic = PublishDriver.topic(PublishDriver.PUBLISHED);
    StreamsBuilder builder = new StreamsBuilder();
    PublishedStore.build(builder, topic, TopologySettings.defaults(PublishDriver.REGISTRY_URL));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "published-store-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir.resolve("state")).toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
      TestInputTopic<IndicatorKey, IndicatorValue> published = driver.createInputTopic(topic.name(),
          topic.keySerde().serializer(), topic.valueSerde().serializer());
      IndicatorKey ulm = monthKey("REACH_30", "ulm");
      IndicatorKey total = monthKey("REACH_30", "*");
      IndicatorKey hamburg = monthKey("REACH_30", "hamburg");
      published.pipeInput(ulm, percent(10, 20), Instant.parse("2021-03-01T00:00:00Z"));
      published.pipeInput(total, percent(20, 40), Instant.parse("2021-03-01T00:00:00Z"));
      published.pipeInput(hamburg, percent(10, 20), Instant.parse("2021-03-02T00:00:00Z"));
      // An older cell revised after a newer one: its record's timestamp goes back.
      published.pipeInput(ulm, percent(15, 20), Instant.parse("2021-02-01T00:00:00Z"));
      published.pipeInput(hamburg, null, Instant.parse("2021-03-03T00:00:00Z"));

      KeyValueStore<IndicatorKey, IndicatorValue> store = driver.getKeyValueStore(PublishedStore.STORE);
      Map<IndicatorKey, IndicatorValue> contents = new HashMap<>();
      try (KeyValueIterator<IndicatorKey, IndicatorValue> all = store.all()) {
        all.forEachRemaining((KeyValue<IndicatorKey, IndicatorValue> entry) -> contents.put(entry.key, entry.value));
      }
      assertThat(contents).isEqualTo(Map.of(ulm, percent(15, 20), total, percent(20, 40)));
    }
  }
}
