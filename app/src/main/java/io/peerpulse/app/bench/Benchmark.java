package io.peerpulse.app.bench;

import io.peerpulse.app.embedded.EmbeddedRuntime;
import io.peerpulse.app.embedded.PortInUseException;
import io.peerpulse.app.generate.EventGenerator;
import io.peerpulse.app.generate.GeneratedLine;
import io.peerpulse.app.process.BrokerProcess;
import io.peerpulse.event.Event;
import io.peerpulse.registry.serde.SpecificAvroSerde;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import io.peerpulse.streams.IndicatorApplication;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One benchmark run on one machine, after Kafka's SimpleBenchmark: a broker in a child process
 * (so the client's CPU is measured alone), the events topic preloaded once with generated events,
 * then each {@link Stage} reading that same topic from the start.
 */
public final class Benchmark implements AutoCloseable {

  static final String PASSTHROUGH_TOPIC = "bench.passthrough.v1";
  private static final Duration STAGE_TIMEOUT = Duration.ofHours(6);

  private final BenchSettings settings;
  private final PrintWriter out;
  private final BrokerProcess broker;
  private final RegistryServer registry;
  private final Admin admin;
  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private Iterator<GeneratedLine> liveLines;
  /** Where the consumer stages leave a checksum of what they read, so the JIT cannot skip the work. */
  static volatile long blackhole;
  private Preload.Written preloaded;

  private Benchmark(BenchSettings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
    status("starting a broker (child JVM) in " + settings.workDir());
    this.broker = BrokerProcess.start(settings.workDir().resolve("broker"), "2g");
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    this.registry = EmbeddedRuntime.startRegistry(RegistryServerConfig.builder().port(PortInUseException.anyFree())
        .bootstrapServers(broker.bootstrapServers()).build());
  }

  /** Starts the broker and the registry and preloads the events topic. */
  public static Benchmark prepare(BenchSettings settings, PrintWriter out) {
    Benchmark benchmark = new Benchmark(settings, out);
    try {
      benchmark.preload();
    } catch (RuntimeException e) {
      benchmark.close();
      throw e;
    }
    return benchmark;
  }

  private void preload() {
    TopicAdmin.ensure(admin, settings.partitions(), (short) 1);
    createTopic(PASSTHROUGH_TOPIC);
    EventGenerator generator = Preload.generator(settings.events() + liveReserve(), settings.sites(), settings.seed());
    Iterator<GeneratedLine> lines = generator.lines();
    status(String.format(Locale.ROOT, "preloading %,d events from %d sites into %s (%d partitions)", settings.events(),
        settings.sites(), Topics.EVENTS, settings.partitions()));
    preloaded = Preload.send(lines, settings.events(), broker.bootstrapServers(), registry.url().toString(),
        n -> progress("preload", n, settings.events()));
    liveLines = lines;
    status(String.format(Locale.ROOT, "preloaded %,d events, %.1f MB, in %.1f s", preloaded.events(),
        preloaded.bytes() / 1e6, preloaded.seconds()));
    if (preloaded.events() < settings.events()) {
      status("note: the generator ran out at " + preloaded.events() + " events");
    }
  }

  private long liveReserve() {
    return (long) settings.latencyRate() * settings.latencySeconds();
  }

  /** Runs the configured stages in order; the latency measurement last, when asked for. */
  public Report run() throws InterruptedException {
    List<Measurement> measurements = new ArrayList<>();
    Latency.Result latency = null;
    IndicatorApplication eosApp = null;
    Map<String, Object> eosConfig = null;
    try {
      for (Stage stage : settings.stages()) {
        status("stage " + stage.title() + "...");
        Measurement measurement = switch (stage) {
          case RAW -> consume(stage, new ByteArrayDeserializer(), new ByteArrayDeserializer());
          case AVRO -> consume(stage, new StringDeserializer(), avroDeserializer());
          case PASSTHROUGH -> passThrough();
          case EOS -> {
            eosConfig = pipelineConfig("eos", StreamsConfig.EXACTLY_ONCE_V2, settings.eosCommitIntervalMs());
            try (IndicatorApplication app = new IndicatorApplication(eosConfig)) {
              yield pipeline(stage, app);
            }
          }
          case ALOS -> {
            try (IndicatorApplication app = new IndicatorApplication(pipelineConfig("alos", StreamsConfig.AT_LEAST_ONCE, 1_000))) {
              yield pipeline(stage, app);
            }
          }
          case RESTORE -> {
            if (eosConfig == null) {
              throw new IllegalArgumentException("stage RESTORE needs stage EOS (it restores that application's state)");
            }
            eosApp = new IndicatorApplication(eosConfig);
            eosApp.cleanUpLocalState();
            yield restore(eosApp);
          }
        };
        measurements.add(measurement);
        status(Report.line(measurement));
      }
      if (settings.latencyRate() > 0) {
        if (eosConfig == null) {
          throw new IllegalArgumentException("--latency-rate needs stage EOS (it measures that application, running)");
        }
        if (eosApp == null) {
          eosApp = new IndicatorApplication(eosConfig);
          eosApp.start();
          eosApp.awaitRunning(Duration.ofMinutes(10));
        }
        status(String.format(Locale.ROOT, "latency: %d live events/s for %d s, with probes...", settings.latencyRate(),
            settings.latencySeconds()));
        latency = Latency.measure(liveLines, settings.latencyRate(), Duration.ofSeconds(settings.latencySeconds()),
            broker.bootstrapServers(), registry.url().toString());
      }
    } finally {
      if (eosApp != null) {
        eosApp.close();
      }
    }
    return new Report(settings, preloaded, measurements, latency);
  }

  /** Stages 1 and 2: one consumer reads every partition from the start to the preloaded end. */
  private Measurement consume(Stage stage, Deserializer<?> keys, Deserializer<?> values) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
    long events = 0;
    long bytes = 0;
    long checksum = 0; // keeps the deserialised values alive, so the JIT cannot drop the work
    ProcessMeter meter = ProcessMeter.start();
    try (KafkaConsumer<?, ?> consumer = new KafkaConsumer<>(props, keys, values)) {
      List<TopicPartition> partitions = new ArrayList<>(CatchUp.partitionsOf(admin, List.of(Topics.EVENTS)));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long total = preloaded.events();
      while (events < total) {
        for (ConsumerRecord<?, ?> record : consumer.poll(Duration.ofMillis(500))) {
          events++;
          bytes += record.serializedKeySize() + record.serializedValueSize();
          checksum += record.value() == null ? 0 : record.value().hashCode();
        }
      }
    }
    blackhole = checksum;
    return meter.stop(stage.name(), events, bytes, "");
  }

  private Deserializer<Event> avroDeserializer() {
    SpecificAvroSerde<Event> serde = new SpecificAvroSerde<>(Event.class);
    serde.configure(Map.of("schema.registry.url", registry.url().toString()), false);
    return serde.deserializer();
  }

  /** Stage 3: the cost of Kafka Streams itself with the events' serdes, and of producing. */
  private Measurement passThrough() throws InterruptedException {
    SpecificAvroSerde<Event> serde = new SpecificAvroSerde<>(Event.class);
    serde.configure(Map.of("schema.registry.url", registry.url().toString()), false);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.EVENTS, Consumed.with(Serdes.String(), serde).withName("read-events"))
        .to(PASSTHROUGH_TOPIC, Produced.with(Serdes.String(), serde).withName("write-events"));
    Topology topology = builder.build();
    Properties props = new Properties();
    props.putAll(baseStreamsConfig("passthrough"));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
    ProcessMeter meter = ProcessMeter.start();
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.start();
      long done = CatchUp.await(admin, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
          sourceTopics(topology, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)), STAGE_TIMEOUT, () -> {});
      Measurement measured = meter.stop(Stage.PASSTHROUGH.name(), preloaded.events(), preloaded.bytes(), "");
      return adjustWall(measured, done);
    }
  }

  /** Stages 4 and 5: the indicator pipeline from an empty state to caught up. */
  private Measurement pipeline(Stage stage, IndicatorApplication app) throws InterruptedException {
    Map<String, Long> before = TopicTotals.endOffsets(admin);
    ProcessMeter meter = ProcessMeter.start();
    app.start();
    long done = CatchUp.await(admin, app.applicationId(), sourceTopics(app.topology(), app.applicationId()), STAGE_TIMEOUT,
        () -> {
          if (app.stopped().isDone()) {
            throw new IllegalStateException(stage + ": the streams application stopped: " + app.stopped().join());
          }
        });
    Measurement measured = adjustWall(meter.stop(stage.name(), preloaded.events(), preloaded.bytes(), ""), done);
    return measured.withRecordsWritten(TopicTotals.written(before, TopicTotals.endOffsets(admin), app.applicationId()));
  }

  /** Stage 6: from a wiped state directory to RUNNING with nothing left to restore. */
  private Measurement restore(IndicatorApplication app) throws InterruptedException {
    ProcessMeter meter = ProcessMeter.start();
    app.start();
    long deadline = System.nanoTime() + STAGE_TIMEOUT.toNanos();
    while (!(app.state() == KafkaStreams.State.RUNNING && app.restoringStores() == 0 && app.restoredRecords() > 0)) {
      if (System.nanoTime() > deadline || app.stopped().isDone()) {
        throw new IllegalStateException("RESTORE: the application did not run again (state " + app.state() + ")");
      }
      Thread.sleep(20);
    }
    long restored = app.restoredRecords();
    Measurement measured = meter.stop(Stage.RESTORE.name(), restored, 0, "records restored from changelogs");
    return measured;
  }

  /** The measurement with its wall time ending when the catch-up was first seen, not when it was confirmed. */
  private static Measurement adjustWall(Measurement measured, long doneNanos) {
    double confirmSeconds = (System.nanoTime() - doneNanos) / 1e9;
    return new Measurement(measured.stage(), measured.events(), measured.bytes(),
        Math.max(0, measured.wallSeconds() - confirmSeconds), measured.cpuSeconds(), measured.peakHeapBytes(), measured.note(),
        measured.recordsWritten());
  }

  private Map<String, Object> pipelineConfig(String name, String guarantee, long commitIntervalMs) {
    Map<String, Object> config = new HashMap<>(baseStreamsConfig(name));
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitIntervalMs));
    config.put(StreamsAppConfig.REPARTITION_PARTITIONS, Integer.toString(settings.partitions()));
    // Kafka Streams does not leave the group on close: a static member id lets the restore stage's
    // new client take the old one's place at once instead of waiting out its session.
    config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-member");
    return config;
  }

  private Map<String, Object> baseStreamsConfig(String name) {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + name + "-" + runId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, registry.url().toString());
    config.put(StreamsConfig.STATE_DIR_CONFIG, settings.workDir().resolve("state-" + name).toString());
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  /** Every topic the topology reads: its source topics, repartition topics under their full names. */
  public static Set<String> sourceTopics(Topology topology, String applicationId) {
    Set<String> topics = new LinkedHashSet<>();
    for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : subtopology.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          for (String topic : source.topicSet()) {
            topics.add(topic.endsWith("-repartition") ? applicationId + "-" + topic : topic);
          }
        }
      }
    }
    return topics;
  }

  private void createTopic(String name) {
    try {
      admin.createTopics(List.of(new NewTopic(name, settings.partitions(), (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new IllegalStateException("cannot create " + name + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  private long lastProgress;

  private void progress(String what, long done, long total) {
    long now = System.nanoTime();
    if (now - lastProgress > 500_000_000L) {
      lastProgress = now;
      out.printf(Locale.ROOT, "\r%s: %,d / %,d (%.0f %%)   ", what, done, total, 100.0 * done / total);
      out.flush();
    }
  }

  private void status(String message) {
    out.println("\rbench: " + message);
    out.flush();
  }

  @Override
  public void close() {
    try {
      admin.close(Duration.ofSeconds(5));
    } finally {
      try {
        registry.close();
      } finally {
        broker.close();
      }
    }
  }

  static Path defaultWorkDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "peerpulse-bench");
  }
}
