package io.peerpulse.app.chaos;

import io.peerpulse.app.bench.BenchSettings;
import io.peerpulse.app.bench.Benchmark;
import io.peerpulse.app.bench.CatchUp;
import io.peerpulse.app.embedded.EmbeddedRuntime;
import io.peerpulse.app.embedded.PortInUseException;
import io.peerpulse.app.export.PublishedTopicReader;
import io.peerpulse.app.generate.EventGenerator;
import io.peerpulse.app.ingest.IngestService;
import io.peerpulse.app.query.IndicatorFilter;
import io.peerpulse.app.verify.ComparableRow;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.reference.ReferenceConfig;
import io.peerpulse.reference.ReferenceIndicators;
import io.peerpulse.reference.ReferenceRow;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import io.peerpulse.streams.IndicatorTopology;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One reliability campaign run, after Kafka's {@code streams_eos_test}: a multi-broker cluster of
 * child JVMs, the schema registry here, {@code settings.instances()} application instances as
 * child JVMs ({@code peerpulse run}), a producer streaming generated events with the malformed
 * flood, and meanwhile SIGKILLs of application instances (each restarted at once) and, when asked,
 * a clean broker restart and a SIGKILL of a partition leader. After the input and the faults end
 * and the application has processed everything, the internal and published topics are compared
 * with the SQL reference over the events that reached the events topic, the dead-letter topic
 * with the bad records sent, and the captured logs are searched for pseudonyms.
 */
public final class ChaosRun {

  static final String APPLICATION_ID = "peerpulse-chaos";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration BROKER_RECOVERY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  /** How long the final values are re-read while they still change after a catch-up (punctuations, last commits). */
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration SETTLE_PAUSE = Duration.ofSeconds(5);

  private final ChaosSettings settings;
  private final PrintWriter out;
  private final Path logs;
  private final List<ChaosReport.Fault> faults = new ArrayList<>();

  private ChaosRun(ChaosSettings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
    this.logs = settings.workDir().resolve("logs");
  }

  /** Runs the campaign and returns its report (the caller prints and records it). */
  public static ChaosReport run(ChaosSettings settings, PrintWriter out) throws IOException, InterruptedException {
    return new ChaosRun(settings, out).run();
  }

  private ChaosReport run() throws IOException, InterruptedException {
    long start = System.nanoTime();
    Files.createDirectories(logs);
    Files.createDirectories(settings.workDir().resolve("config"));
    status(String.format(Locale.ROOT, "starting %d broker(s) (child JVMs) in %s", settings.brokers(), settings.workDir()));
    try (ChaosCluster cluster = ChaosCluster.start(settings.workDir(), settings.brokers(), settings.replication());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        RegistryServer registry = EmbeddedRuntime.startRegistry(RegistryServerConfig.builder().host("127.0.0.1")
            .port(PortInUseException.anyFree()).bootstrapServers(cluster.bootstrapServers()).build())) {
      TopicAdmin.ensure(admin, settings.partitions(), settings.replication());
      String registryUrl = registry.url().toString();
      Map<String, String> appConfig = applicationConfig(cluster.bootstrapServers(), registryUrl);
      List<AppInstance> instances = new ArrayList<>();
      try {
        for (int i = 1; i <= settings.instances(); i++) {
          instances.add(new AppInstance("app-" + i, withInstance(appConfig, "app-" + i), settings.workDir().resolve("config"),
              logs, PortInUseException.anyFree()));
        }
        status("starting " + settings.instances() + " application instance(s) (peerpulse run, " + settings.guarantee() + ")");
        for (AppInstance instance : instances) {
          instance.start();
        }
        for (AppInstance instance : instances) {
          instance.awaitReady(READY_TIMEOUT);
        }
        Path accepted = settings.workDir().resolve("accepted-events.jsonl");
        EventStream.Sent sent = streamWithFaults(cluster, admin, registryUrl, instances, accepted);
        status(String.format(Locale.ROOT, "input ended (%,d valid events, %,d bad records); waiting until the application"
            + " has processed everything", sent.validEvents(), sent.badRowCount()));
        long caughtUpFrom = System.nanoTime();
        Set<String> sourceTopics = Benchmark.sourceTopics(
            IndicatorTopology.build(StreamsAppConfig.topologySettings(appConfig)), APPLICATION_ID);
        awaitCatchUp(admin, sourceTopics, instances);
        double catchUpSeconds = (System.nanoTime() - caughtUpFrom) / 1e9;
        status(String.format(Locale.ROOT, "caught up after %.0f s; computing the SQL reference", catchUpSeconds));
        return check(cluster.bootstrapServers(), registryUrl, admin, sourceTopics, instances, accepted, sent, catchUpSeconds,
            start);
      } finally {
        instances.forEach(AppInstance::close);
      }
    }
  }

  /** The keys every instance's {@code --config} file holds. */
  private Map<String, String> applicationConfig(String bootstrapServers, String registryUrl) {
    Map<String, String> config = new HashMap<>();
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, registryUrl);
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.guarantee());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.commitIntervalMs()));
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(settings.replication()));
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    config.put(StreamsAppConfig.REPARTITION_PARTITIONS, Integer.toString(settings.partitions()));
    config.put(StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS, "1000");
    // A killed member keeps its partitions until it is back (static membership): no rebalance per kill.
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "60000");
    return config;
  }

  private Map<String, String> withInstance(Map<String, String> config, String name) {
    Map<String, String> instance = new HashMap<>(config);
    instance.put(StreamsConfig.STATE_DIR_CONFIG, settings.workDir().resolve("state").resolve(name).toString());
    instance.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, APPLICATION_ID + "-" + name); // see groupInstanceId
    return instance;
  }

  /** Streams the input on another thread while the faults are injected on this one. */
  private EventStream.Sent streamWithFaults(ChaosCluster cluster, Admin admin, String registryUrl, List<AppInstance> instances,
      Path accepted) throws InterruptedException {
    Map<String, Object> producerConfig = new HashMap<>();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    producerConfig.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, registryUrl);
    // A broker fault may take a leader election or two: wait it out instead of failing the batch.
    producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
    producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000);
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "peerpulse-chaos-ingest");
    Map<String, Object> rawConfig = new HashMap<>(producerConfig);
    rawConfig.remove(StreamsAppConfig.SCHEMA_REGISTRY_URL);
    rawConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "peerpulse-chaos-direct");
    rawConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    rawConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    rawConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
    EventGenerator generator = new EventGenerator(BenchSettings.generatorSettings(settings.events(), settings.sites(),
        settings.seed()));
    ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "peerpulse-chaos-producer"));
    try (IngestService ingest = IngestService.create(producerConfig, Optional.empty());
        KafkaProducer<String, byte[]> raw = new KafkaProducer<>(rawConfig, new StringSerializer(), new ByteArraySerializer());
        KafkaAvroSerializer avro = new KafkaAvroSerializer()) {
      avro.configure(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
      EventStream stream = new EventStream(settings, generator.lines(), ingest, raw, avro, accepted);
      status(String.format(Locale.ROOT, "streaming %,d events (%s) with %.2f %% bad records; %d kill(s) every %d s%s",
          settings.events(), settings.rate() == 0 ? "unthrottled" : settings.rate() + "/s", 100 * settings.malformedFraction(),
          settings.kills(), settings.killInterval().toSeconds(), settings.brokerFaults() ? ", broker faults" : ""));
      CompletableFuture<EventStream.Sent> sending = CompletableFuture.supplyAsync(() -> {
        try {
          return stream.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CompletionException(e);
        }
      }, sender);
      injectFaults(cluster, admin, instances, sending, stream);
      try {
        return sending.join();
      } catch (CompletionException e) {
        throw new IllegalStateException("the producer failed: " + e.getCause().getMessage(), e.getCause());
      }
    } finally {
      sender.shutdownNow();
    }
  }

  /** A killed instance on its way back. */
  private record Recovering(long killedAt, long pendingInput, boolean betweenWriteAndCommit) {}

  /**
   * The fault schedule: each kill is aimed (see {@link KillAim}) at the first instance that has
   * written a dead letter for an input record it has not committed yet, once half a kill interval
   * has passed since the previous kill; when no such moment comes within the aim timeout (at least
   * the kill interval), it takes the next ready instance in turn. A killed instance
   * is restarted at once and the next kill does not wait for it. The broker faults come after a
   * third and two thirds of the kills.
   */
  private void injectFaults(ChaosCluster cluster, Admin admin, List<AppInstance> instances,
      CompletableFuture<EventStream.Sent> sending, EventStream stream) throws InterruptedException {
    int brokerRestartAfter = settings.kills() / 3;
    int leaderKillAfter = 2 * settings.kills() / 3;
    Map<AppInstance, Recovering> recovering = new LinkedHashMap<>();
    Map<AppInstance, Long> startedAt = new HashMap<>(); // epoch ms of each instance's current process
    instances.forEach(instance -> startedAt.put(instance, Long.MIN_VALUE)); // any dead letter is theirs
    int next = 0;
    try (KillAim aim = new KillAim(cluster.bootstrapServers(), admin, APPLICATION_ID)) {
      for (int step = 0; step <= settings.kills(); step++) {
        if (settings.brokerFaults() && step == brokerRestartAfter) {
          restartBroker(cluster, admin, 1 + step % cluster.size());
        }
        if (settings.brokerFaults() && step == leaderKillAfter) {
          killLeader(cluster, admin);
        }
        if (step == settings.kills()) {
          break;
        }
        Choice choice = chooseVictim(aim, instances, next, recovering, startedAt, sending);
        AppInstance victim = choice.victim();
        Optional<KillAim.Aimed> aimed = choice.aimed();
        next = (instances.indexOf(victim) + 1) % instances.size();
        long killed = System.nanoTime();
        victim.kill();
        boolean betweenWriteAndCommit = aimed.isPresent() && aim.isUncommitted(aimed.get().target());
        startedAt.put(victim, System.currentTimeMillis());
        victim.start();
        long pending = pendingInput(admin);
        recovering.put(victim, new Recovering(killed, pending, betweenWriteAndCommit));
        status(String.format(Locale.ROOT, "kill %d/%d: %s SIGKILLed%s, %,d input records pending (%,d events sent)",
            step + 1, settings.kills(), victim.name(),
            betweenWriteAndCommit ? " between a dead letter's write and its input's commit" : "", pending, stream.validSent()));
      }
    }
    while (!recovering.isEmpty()) {
      noteRecoveries(recovering);
      Thread.sleep(200);
    }
  }

  /** The next instance to kill, and the moment it was aimed at, if it was. */
  private record Choice(AppInstance victim, Optional<KillAim.Aimed> aimed) {}

  /**
   * Waits for an aimed moment (not before half a kill interval) or the end of the aim timeout,
   * noting recoveries meanwhile; only ready instances are chosen, the next in turn from
   * {@code next} when nothing is aimed at.
   */
  private Choice chooseVictim(KillAim aim, List<AppInstance> instances, int next, Map<AppInstance, Recovering> recovering,
      Map<AppInstance, Long> startedAt, CompletableFuture<EventStream.Sent> sending) throws InterruptedException {
    long earliest = System.nanoTime() + settings.killInterval().toNanos() / 2;
    long windowEnd = System.nanoTime() + settings.aimTimeout().toNanos();
    while (true) {
      failIfProducerFailed(sending);
      noteRecoveries(recovering);
      Map<String, AppInstance> ready = new LinkedHashMap<>();
      Map<String, Long> readySince = new HashMap<>();
      for (int i = 0; i < instances.size(); i++) {
        AppInstance candidate = instances.get((next + i) % instances.size());
        if (!recovering.containsKey(candidate)) {
          ready.put(groupInstanceId(candidate), candidate);
          readySince.put(groupInstanceId(candidate), startedAt.get(candidate));
        }
      }
      if (ready.isEmpty()) {
        Thread.sleep(200);
        continue;
      }
      Optional<KillAim.Aimed> aimed = aim.aim(readySince); // polls for up to 100 ms
      if (aimed.isPresent() && System.nanoTime() >= earliest) {
        return new Choice(ready.get(aimed.get().groupInstanceId()), aimed);
      }
      if (System.nanoTime() >= windowEnd) {
        return new Choice(ready.values().iterator().next(), Optional.empty());
      }
    }
  }

  /** Records the instances that are ready again; fails when one died or did not come back in time. */
  private void noteRecoveries(Map<AppInstance, Recovering> recovering) {
    for (Iterator<Map.Entry<AppInstance, Recovering>> it = recovering.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<AppInstance, Recovering> entry = it.next();
      AppInstance instance = entry.getKey();
      Recovering kill = entry.getValue();
      double seconds = (System.nanoTime() - kill.killedAt()) / 1e9;
      if (instance.isReady()) {
        faults.add(new ChaosReport.Fault(ChaosReport.APPLICATION_KILL, instance.name(), seconds, kill.pendingInput(),
            kill.betweenWriteAndCommit()));
        status(String.format(Locale.ROOT, "%s ready again %.1f s after its kill", instance.name(), seconds));
        it.remove();
      } else if (!instance.isAlive()) {
        throw new IllegalStateException(instance.name() + " exited after its restart:\n" + instance.tail());
      } else if (seconds > READY_TIMEOUT.toSeconds()) {
        throw new IllegalStateException(instance.name() + " not ready " + READY_TIMEOUT.toSeconds() + " s after its kill:\n"
            + instance.tail());
      }
    }
  }

  private static String groupInstanceId(AppInstance instance) {
    return APPLICATION_ID + "-" + instance.name();
  }

  private static void failIfProducerFailed(CompletableFuture<EventStream.Sent> sending) {
    if (sending.isCompletedExceptionally()) {
      try {
        sending.join();
      } catch (CompletionException e) {
        throw new IllegalStateException("the producer failed: " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  private void restartBroker(ChaosCluster cluster, Admin admin, int node) throws InterruptedException {
    long pending = pendingInput(admin);
    long stopped = System.nanoTime();
    cluster.stopNode(node);
    cluster.startNode(node);
    ChaosCluster.awaitFullIsr(admin, applicationTopics(), BROKER_RECOVERY_TIMEOUT);
    double recovery = (System.nanoTime() - stopped) / 1e9;
    faults.add(new ChaosReport.Fault(ChaosReport.BROKER_RESTART, "broker-" + node, recovery, pending, false));
    status(String.format(Locale.ROOT, "broker-%d restarted (SIGTERM), replicas in sync again after %.1f s", node, recovery));
  }

  private void killLeader(ChaosCluster cluster, Admin admin) throws InterruptedException {
    int leader = ChaosCluster.leaderOf(admin, Topics.EVENTS, 0);
    long pending = pendingInput(admin);
    long killed = System.nanoTime();
    cluster.killNode(leader);
    cluster.startNode(leader);
    ChaosCluster.awaitFullIsr(admin, applicationTopics(), BROKER_RECOVERY_TIMEOUT);
    double recovery = (System.nanoTime() - killed) / 1e9;
    faults.add(new ChaosReport.Fault(ChaosReport.LEADER_KILL, "broker-" + leader + " (leader of " + Topics.EVENTS + "-0)",
        recovery, pending, false));
    status(String.format(Locale.ROOT, "broker-%d (leader of %s-0) SIGKILLed and restarted, replicas in sync again after %.1f s",
        leader, Topics.EVENTS, recovery));
  }

  private static List<String> applicationTopics() {
    return TopicAdmin.specs().stream().map(TopicAdmin.TopicSpec::name).toList();
  }

  /** Events-topic records the application has not committed yet (0 when its group has nothing to do). */
  private static long pendingInput(Admin admin) throws InterruptedException {
    try {
      Set<TopicPartition> partitions = CatchUp.partitionsOf(admin, List.of(Topics.EVENTS));
      Map<TopicPartition, Long> ends = CatchUp.stableEnds(admin, partitions);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      long pending = 0;
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata offset = committed.get(partition);
        pending += Math.max(0, ends.get(partition) - (offset == null ? 0 : offset.offset()));
      }
      return pending;
    } catch (ExecutionException | java.util.concurrent.TimeoutException | IllegalStateException e) {
      return -1; // unknown (the cluster is busy electing): reported as not under load
    }
  }

  private void awaitCatchUp(Admin admin, Set<String> sourceTopics, List<AppInstance> instances) throws InterruptedException {
    CatchUp.await(admin, APPLICATION_ID, sourceTopics, settings.catchUpTimeout(), () -> {
      for (AppInstance instance : instances) {
        if (!instance.isAlive()) {
          throw new IllegalStateException(instance.name() + " stopped on its own:\n" + instance.tail());
        }
      }
    });
  }

  /**
   * Reads the final values and compares them. Dirty cells are flushed by a wall-clock punctuation
   * and committed after it, so a table read right after the catch-up may still change: while it
   * differs, it is read again after another catch-up until the topics stop moving.
   */
  private ChaosReport check(String bootstrapServers, String registryUrl, Admin admin, Set<String> sourceTopics,
      List<AppInstance> instances, Path accepted, EventStream.Sent sent, double catchUpSeconds, long start)
      throws InterruptedException {
    ReferenceConfig referenceConfig = ReferenceConfig.defaults();
    List<ReferenceRow> exactReference = ReferenceIndicators.compute(accepted, referenceConfig);
    List<ReferenceRow> publishedReference = ReferenceIndicators.computePublished(accepted, referenceConfig);
    InputFacts facts = InputFacts.of(accepted);
    Topics topics = Topics.of(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, registryUrl));
    Set<TopicPartition> outputs = CatchUp.partitionsOf(admin, List.of(Topics.INDICATORS_INTERNAL, Topics.INDICATORS,
        Topics.EVENTS_DLQ));
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    Map<TopicPartition, Long> previousEnds = null;
    while (true) {
      Map<TopicPartition, Long> ends = CatchUp.stableEnds(admin, outputs);
      IndicatorCheck.Result internal = IndicatorCheck.compareWithReference("internal (exact)", exactReference,
          read(bootstrapServers, topics.indicatorsInternal()));
      IndicatorCheck.Result published = IndicatorCheck.compareWithReference("published", publishedReference,
          read(bootstrapServers, topics.indicators()));
      DeadLetterAudit.Result deadLetters = DeadLetterAudit.audit(sent.expected(), facts.orphanVoidTargets(),
          DeadLetterTopic.read(bootstrapServers, registryUrl));
      boolean exact = internal.exact() && published.exact() && deadLetters.exact();
      if (exact || ends.equals(previousEnds) || System.nanoTime() > deadline) {
        status("checking the captured logs for person and worker ids");
        long identifierLines = facts.identifierLinesIn(logs);
        return new ChaosReport(settings, sent, faults, internal, published, deadLetters, identifierLines, catchUpSeconds,
            (System.nanoTime() - start) / 1e9);
      }
      status(String.format(Locale.ROOT, "%d + %d cells and %d dead letters differ; reading again once the topics settle",
          internal.differences().size(), published.differences().size(), deadLetters.problems().size()));
      previousEnds = ends;
      Thread.sleep(SETTLE_PAUSE.toMillis());
      awaitCatchUp(admin, sourceTopics, instances);
    }
  }

  private static List<ComparableRow> read(String bootstrapServers, Topic<IndicatorKey, IndicatorValue> topic) {
    try {
      return new PublishedTopicReader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          ConsumerConfig.CLIENT_ID_CONFIG, "peerpulse-chaos-check"), topic, READ_TIMEOUT)
          .read(IndicatorFilter.ALL, (records, done, total) -> { })
          .rows().stream().map(ComparableRow::of).toList();
    } catch (io.peerpulse.app.export.ExportException e) {
      throw new IllegalStateException("cannot read " + topic.name() + ": " + e.getMessage(), e);
    }
  }

  private void status(String message) {
    out.println("chaos: " + message);
    out.flush();
  }
}
