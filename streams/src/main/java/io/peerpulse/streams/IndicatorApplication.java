package io.peerpulse.streams;

import io.peerpulse.streams.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live streams application: {@link IndicatorTopology} in a {@link KafkaStreams} client
 * configured by {@link StreamsAppConfig} (exactly-once v2, application id
 * {@code peerpulse-indicators} and the other defaults there; every Kafka Streams, producer, consumer
 * and admin key of the given map is passed through, so {@code state.dir},
 * {@code num.standby.replicas}, {@code replication.factor}, {@code producer.*} ... work as
 * documented by Kafka).
 *
 * <pre>{@code
 * try (IndicatorApplication app = new IndicatorApplication(Map.of(
 *     "bootstrap.servers", "kafka:9092", "schema.registry.url", "http://registry:8081",
 *     "state.dir", "/var/lib/peerpulse"))) {
 *   app.start();
 *   app.awaitRunning(Duration.ofMinutes(2));
 *   ...
 * } // close(DEFAULT_CLOSE_TIMEOUT): commits, flushes and checkpoints local state
 * }</pre>
 *
 * <p>A stream thread that dies of a transient error (broker unreachable, timeouts, fencing after a
 * rebalance) is replaced; anything else shuts this client down, as does a storm of transient errors
 * ({@link IndicatorExceptionHandler}). {@link #stopped()} completes when the client reaches
 * {@code NOT_RUNNING} or {@code ERROR}, whoever caused it.
 */
public final class IndicatorApplication implements AutoCloseable {

  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(IndicatorApplication.class);

  private final String applicationId;
  private final Topology topology;
  private final KafkaStreams streams;
  private final IndicatorExceptionHandler exceptionHandler = new IndicatorExceptionHandler();
  private final CompletableFuture<State> stopped = new CompletableFuture<>();
  private final Object stateChange = new Object();
  /** Store partitions being restored from their changelogs now (readiness: not ready while any is). */
  private final AtomicInteger restoring = new AtomicInteger();
  /** Changelog records restored since start (benchmarks: restore rate). */
  private final AtomicLong restoredRecords = new AtomicLong();

  /**
   * Builds the topology and the Kafka Streams client; nothing connects before {@link #start()}.
   *
   * @param config one flat map of PeerPulse, serde and Kafka keys over {@link StreamsAppConfig#defaults()}
   * @throws IllegalArgumentException when a value is invalid, naming the key
   */
  public IndicatorApplication(Map<String, ?> config) {
    this(config, PipelineMetrics.NOOP);
  }

  /**
   * As {@link #IndicatorApplication(Map)}, with the processors reporting to {@code metrics}
   * (dead letters, late corrections, watermarks, latency; see {@link PipelineMetrics}).
   */
  public IndicatorApplication(Map<String, ?> config, PipelineMetrics metrics) {
    Objects.requireNonNull(metrics, "metrics");
    Properties props = streamsProperties(config);
    props.put(PipelineMetrics.CONFIG_KEY, metrics);
    this.applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    this.topology = IndicatorTopology.build(StreamsAppConfig.topologySettings(config));
    this.streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(exceptionHandler);
    streams.setStateListener(this::onStateChange);
    streams.setGlobalStateRestoreListener(new RestoreCounter());
  }

  /**
   * Checks a configuration as the constructor would, without creating any client.
   *
   * @throws IllegalArgumentException naming the first invalid key, its value and what was expected
   */
  public static void validate(Map<String, ?> config) {
    StreamsAppConfig.topologySettings(config);
    new StreamsConfig(streamsProperties(config));
  }

  private static Properties streamsProperties(Map<String, ?> config) {
    Objects.requireNonNull(config, "config");
    Properties props = StreamsAppConfig.streamsProperties(config);
    try {
      new StreamsConfig(props);
    } catch (ConfigException e) {
      // Kafka's message names the key and the value: "Invalid value x for configuration y: ..."
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return props;
  }

  /** Starts processing: joins the consumer group, restores local state, then runs. */
  public void start() {
    LOG.info("Starting streams application {}", applicationId);
    streams.start();
  }

  /**
   * Waits until the client is {@code RUNNING} (every assigned task restored and processing).
   *
   * @return true when running, false when {@code timeout} passed first
   * @throws IllegalStateException when the client stopped (see {@link #stopped()}) instead
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (stateChange) {
      while (true) {
        State state = streams.state();
        if (state == State.RUNNING) {
          return true;
        }
        if (!state.isRunningOrRebalancing() && state != State.CREATED) {
          throw new IllegalStateException("streams application " + applicationId + " is " + state + ", not running");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(stateChange, left);
      }
    }
  }

  public State state() {
    return streams.state();
  }

  /** Completes with {@code NOT_RUNNING} or {@code ERROR} when the client stops for whatever reason. */
  public CompletableFuture<State> stopped() {
    return stopped;
  }

  /**
   * Store partitions restoring from their changelogs right now. The client can be {@code RUNNING}
   * while some tasks still restore (the state updater restores in the background), so readiness
   * looks at this too.
   */
  public int restoringStores() {
    return Math.max(0, restoring.get());
  }

  /** Changelog records restored into local stores since this client was built (benchmarks: restore rate). */
  public long restoredRecords() {
    return restoredRecords.get();
  }

  /**
   * Deletes this application's local state directory ({@code <state.dir>/<application.id>}) with
   * {@link KafkaStreams#cleanUp()}; only before {@link #start()} or after {@link #close}. Used by
   * {@code peerpulse reset}: after the offsets and internal topics are reset, the local stores
   * must go too, or a restart would keep the old state.
   */
  public void cleanUpLocalState() {
    streams.cleanUp();
  }

  /** Stream threads replaced after transient errors since start. */
  public int threadsReplaced() {
    return exceptionHandler.replaced();
  }

  public String applicationId() {
    return applicationId;
  }

  public Topology topology() {
    return topology;
  }

  /** The client itself, for interactive queries and metrics; do not start or close it directly. */
  public KafkaStreams kafkaStreams() {
    return streams;
  }

  /**
   * Stops processing, waiting at most {@code timeout} ({@link Duration#ZERO}: signal and return at
   * once; the shutdown continues in the background). Local state is kept, never cleaned up.
   *
   * @return true when the client stopped within the timeout
   */
  public boolean close(Duration timeout) {
    if (!stopped.isDone()) {
      LOG.info("Closing streams application {} (waiting at most {})", applicationId, timeout);
    }
    return streams.close(timeout);
  }

  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /** Counts active restorations; Kafka Streams calls it from its restoring threads. */
  private final class RestoreCounter implements StateRestoreListener {
    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
      restoring.incrementAndGet();
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
      restoredRecords.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
      restoring.decrementAndGet();
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
      restoring.decrementAndGet(); // the task moved away before it finished: no longer restoring here
    }
  }

  private void onStateChange(State newState, State oldState) {
    LOG.info("Streams application {}: {} -> {}", applicationId, oldState, newState);
    synchronized (stateChange) {
      stateChange.notifyAll();
    }
    if (newState == State.NOT_RUNNING || newState == State.ERROR) {
      stopped.complete(newState);
    }
  }
}
