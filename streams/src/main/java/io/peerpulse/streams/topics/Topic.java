package io.peerpulse.streams.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A topic with the serdes of its keys and values, so a topology never pairs a name with the wrong
 * serde (after kstreamplify's {@code TopicWithSerde}).
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  /** How a source node named {@code sourceName} reads this topic. */
  public Consumed<K, V> consumed(String sourceName) {
    return Consumed.with(keySerde, valueSerde).withName(sourceName);
  }

  /** How a sink node named {@code sinkName} writes this topic. */
  public Produced<K, V> produced(String sinkName) {
    return Produced.with(keySerde, valueSerde).withName(sinkName);
  }
}
