package io.peerpulse.app.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.peerpulse.streams.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's meters, served as Prometheus text on {@code GET /metrics} ({@link OpsHttp}): JVM
 * (memory, GC, threads, class loading, CPU, uptime), Kafka Streams ({@code kafka_stream_*}), the
 * ingest producer ({@code kafka_producer_*}) and PeerPulse's own ({@link MicrometerPipelineMetrics}).
 *
 * <p>Closing stops every binder in the reverse order of binding (the GC listener, the Kafka
 * metric refreshers), then the registry. Thread-safe.
 */
public final class Observability implements AutoCloseable {

  /**
   * How often the Kafka binders look for new client metrics (stream threads and tasks come and go
   * with rebalances); Micrometer's default is a minute.
   */
  static final Duration KAFKA_REFRESH = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Deque<AutoCloseable> bound = new ArrayDeque<>();
  private final MicrometerPipelineMetrics pipeline = new MicrometerPipelineMetrics(registry);
  private boolean closed;

  /** A registry with the JVM meters bound. */
  public Observability() {
    for (MeterBinder binder : new MeterBinder[] {new JvmMemoryMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(),
        new ProcessorMetrics(), new UptimeMetrics()}) {
      binder.bindTo(registry);
    }
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    bound.push(gc);
  }

  /** The hook for the processors and the ingest ({@link io.peerpulse.streams.IndicatorApplication}, ingest service). */
  public PipelineMetrics pipeline() {
    return pipeline;
  }

  /** Binds Kafka Streams' own metrics ({@code kafka_stream_*}, and its clients'); closed with this. */
  public synchronized AutoCloseable bindStreams(KafkaStreams streams) {
    return bind(new KafkaStreamsMetrics(streams, Tags.empty(), newRefresher(), KAFKA_REFRESH));
  }

  /** Binds a producer's metrics ({@code kafka_producer_*}); closed with this, or earlier by the caller. */
  public synchronized AutoCloseable bindClient(Producer<?, ?> producer) {
    return bind(new KafkaClientMetrics(producer, Tags.empty(), newRefresher(), KAFKA_REFRESH));
  }

  /** Binds {@code binder} (a Kafka binder: both a {@link MeterBinder} and closeable). */
  private <B extends MeterBinder & AutoCloseable> AutoCloseable bind(B binder) {
    if (closed) {
      throw new IllegalStateException("metrics are closed");
    }
    binder.bindTo(registry);
    AutoCloseable once = new Once(binder);
    bound.push(once);
    return once;
  }

  private static java.util.concurrent.ScheduledExecutorService newRefresher() {
    // Micrometer's own default is a non-daemon thread per binder, which would keep a stopping JVM alive.
    return java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "peerpulse-kafka-metrics");
      thread.setDaemon(true);
      return thread;
    });
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!bound.isEmpty()) {
      AutoCloseable binder = bound.pop();
      try {
        binder.close();
      } catch (Exception e) {
        LOG.warn("Closing a metrics binder failed: {}", e.toString());
      }
    }
    registry.close();
  }

  /** Closes its binder at most once, whether its owner or {@link Observability#close()} comes first. */
  private static final class Once implements AutoCloseable {
    private final AutoCloseable target;
    private boolean done;

    Once(AutoCloseable target) {
      this.target = target;
    }

    @Override
    public synchronized void close() throws Exception {
      if (!done) {
        done = true;
        target.close();
      }
    }
  }
}
