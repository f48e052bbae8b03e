package io.peerpulse.streams.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Event;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.indicator.LateCorrection;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.registry.client.MockSchemaRegistry;
import io.peerpulse.streams.EngineConfig;
import io.peerpulse.streams.TopologySettings;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.topology.PersonStage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The whole topology in a {@link TopologyRunner} for tests: its own {@code mock://} registry scope,
 * the production Streams settings (but at-least-once, see {@link TopologyRunner}), events written as
 * JSON lines.
 */
public final class Pipeline implements AutoCloseable {

  private final String scope = "test-" + UUID.randomUUID();
  private final TopologyRunner runner;

  public Pipeline() {
    this(EngineConfig.DEFAULTS);
  }

  public Pipeline(EngineConfig engine) {
    TopologySettings settings = new TopologySettings(engine, Map.of("schema.registry.url", "mock://" + scope),
        TopologySettings.DEFAULT_REPARTITION_PARTITIONS, Duration.ofSeconds(1), TopologySettings.DEFAULT_CELLS_FLUSH_MAX_CELLS, true);
    this.runner = new TopologyRunner(settings, Map.of());
  }

  public String registryUrl() {
    return "mock://" + scope;
  }

  /** Parses one canonical JSON event (it must be valid). */
  public static Event event(String json) {
    ParseResult result = EventJson.parse(json);
    assertThat(result).as("test event %s", json).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) result).event();
  }

  public Pipeline pipe(String... jsonLines) {
    for (String line : jsonLines) {
      runner.pipe(event(line));
    }
    return this;
  }

  public Pipeline pipe(Event event) {
    runner.pipe(event);
    return this;
  }

  public Pipeline pipeRaw(byte[] value) {
    runner.pipeRaw("ulm", value, Instant.parse("2021-03-01T00:00:00Z"));
    return this;
  }

  public Pipeline flush() {
    runner.flush();
    return this;
  }

  public Map<IndicatorKey, IndicatorValue> table() {
    return runner.table();
  }

  /** The published topic (suppression applied), by key. */
  public Map<IndicatorKey, IndicatorValue> publishedTable() {
    return runner.publishedTable();
  }

  /** The late corrections written so far, in order. */
  public List<KeyValue<IndicatorKey, LateCorrection>> lateCorrections() {
    return runner.lateCorrections();
  }

  public List<TopologyRunner.DeadLetter> deadLetters() {
    return runner.deadLetters();
  }

  /** The ids of a person's effective events, in arrival order. */
  public List<String> effectiveEventIds(String person) {
    KeyValueStore<String, List<SequencedEvent>> store = runner.driver().getKeyValueStore(PersonStage.EVENTS_STORE);
    List<SequencedEvent> events = store.get(person);
    return events == null ? List.of() : events.stream().map(e -> e.event().getEventId()).toList();
  }

  /** The value of one indicator row, if it exists. */
  public Optional<IndicatorValue> value(String indicator, String site, String periodType, String start) {
    return table().entrySet().stream()
        .filter(e -> e.getKey().getIndicator().equals(indicator) && e.getKey().getSiteId().equals(site)
            && e.getKey().getPeriodType().equals(periodType) && e.getKey().getPeriodStart().toString().equals(start))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  @Override
  public void close() {
    try {
      runner.close();
    } finally {
      MockSchemaRegistry.drop(scope);
    }
  }
}
