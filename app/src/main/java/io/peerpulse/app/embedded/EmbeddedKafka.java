package io.peerpulse.app.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in this JVM: KRaft, one process that is both controller and
 * broker (what {@code kafka-server-start.sh} runs with {@code process.roles=broker,controller}).
 * Its log directory is formatted once, as {@code kafka-storage.sh format} would, and only when it
 * holds no {@code meta.properties} yet, so topics, offsets and the cluster id (kept in
 * {@code meta.properties}) survive restarts.
 *
 * <p>Settings suit one broker: every internal topic (consumer offsets, transaction state, share
 * state) has one replica and {@code min.insync.replicas} 1, which is what lets exactly-once
 * Kafka Streams run on it; the internal topics have one partition, which keeps the first start
 * fast. The client listener binds to the loopback interface only: the broker has no
 * authentication, services reach it through the ingest API.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String META_PROPERTIES = "meta.properties";
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final String clusterId;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String clusterId) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.clusterId = clusterId;
  }

  /**
   * Formats {@code logDir} when needed, starts the broker and waits until it accepts requests.
   *
   * @param logDir the broker's log directory (created if missing)
   * @param port the client port on 127.0.0.1
   * @param controllerPort the KRaft controller port on 127.0.0.1 (only this broker connects to it)
   * @throws IllegalStateException when the broker does not become ready (the message says why)
   */
  public static EmbeddedKafka start(Path logDir, int port, int controllerPort) {
    return start(logDir, port, Node.single(controllerPort));
  }

  /**
   * As {@link #start(Path, int, int)}, as one node of a cluster of combined broker-controller
   * nodes (the reliability campaign's multi-broker cluster).
   */
  public static EmbeddedKafka start(Path logDir, int port, Node node) {
    Properties props = brokerProperties(logDir, port, node);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    String clusterId = formatIfNeeded(logDir, config, node);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    EmbeddedKafka kafka = new EmbeddedKafka(server, "localhost:" + port, clusterId);
    try {
      server.startup();
      kafka.awaitReady(node.nodeId());
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    LOG.info("Kafka broker {} ready on {} (cluster {}, data in {})", node.nodeId(), kafka.bootstrapServers, clusterId, logDir);
    return kafka;
  }

  /**
   * This node's place in its cluster. Every node is a broker and a KRaft controller voter, with
   * static voters ({@code controller.quorum.voters}), so the ports must stay the same across
   * restarts.
   *
   * @param nodeId {@code node.id}
   * @param controllerPort this node's controller port on 127.0.0.1
   * @param quorumVoters {@code controller.quorum.voters} of the whole cluster ({@code 1@127.0.0.1:9093,...})
   * @param clusterId the id every node is formatted with; null: a new one (single node)
   * @param replication replicas of the internal topics (offsets, transactions) and of new topics by
   *     default; with 3 or more, {@code min.insync.replicas} 2, so one broker may be down
   */
  public record Node(int nodeId, int controllerPort, String quorumVoters, String clusterId, int replication) {

    public Node {
      if (replication < 1) {
        throw new IllegalArgumentException("replication " + replication + ": expected at least 1");
      }
    }

    /** The demo's single node: id 1, the only voter, one replica everywhere. */
    public static Node single(int controllerPort) {
      return new Node(NODE_ID, controllerPort, NODE_ID + "@127.0.0.1:" + controllerPort, null, 1);
    }

    int minInsyncReplicas() {
      return replication >= 3 ? 2 : 1;
    }
  }

  /** The broker's configuration: a combined KRaft node, by default with one-replica internal topics. */
  static Properties brokerProperties(Path logDir, int port, Node node) {
    Properties props = new Properties();
    String replicas = Integer.toString(node.replication());
    String minIsr = Integer.toString(node.minInsyncReplicas());
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(node.nodeId()));
    props.put("controller.quorum.voters", node.quorumVoters());
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toAbsolutePath().toString());
    // Topics are created by `peerpulse topics` / the runtime with their settings, never by a typo.
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "1");
    props.put("default.replication.factor", replicas);
    props.put("min.insync.replicas", minIsr);
    props.put("offsets.topic.replication.factor", replicas);
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", replicas);
    props.put("transaction.state.log.min.isr", minIsr);
    props.put("transaction.state.log.num.partitions", "1");
    props.put("share.coordinator.state.topic.replication.factor", replicas);
    props.put("share.coordinator.state.topic.min.isr", minIsr);
    // One consumer group member at a time: no reason to wait 3 s for others to join.
    props.put("group.initial.rebalance.delay.ms", "0");
    // Registration and unfencing take a few heartbeats: 2 s each by default. 1 s, not less: the
    // controller times out a heartbeat that waited longer than the interval in its queue, which
    // happens on a loaded two-core machine.
    props.put("broker.heartbeat.interval.ms", "1000");
    // The cleaner's default 128 MiB dedupe buffer would be most of the heap of a small demo JVM.
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    props.put("log.cleaner.threads", "1");
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    props.put("num.recovery.threads.per.data.dir", "1");
    props.put("background.threads", "2");
    return props;
  }

  /**
   * The cluster id of {@code logDir}: read from its {@code meta.properties} when the directory is
   * formatted, otherwise a new one, written there by formatting it.
   */
  private static String formatIfNeeded(Path logDir, KafkaConfig config, Node node) {
    Path meta = logDir.resolve(META_PROPERTIES);
    if (Files.exists(meta)) {
      return readClusterId(meta);
    }
    String clusterId = node.clusterId() != null ? node.clusterId() : Uuid.randomUuid().toString();
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8))
          .setNodeId(node.nodeId())
          .setClusterId(clusterId)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(config.metadataLogDir())
          .addDirectory(logDir.toAbsolutePath().toString())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka data directory " + logDir + ": " + e.getMessage(), e);
    }
    LOG.info("Formatted Kafka data directory {} (new cluster {})", logDir, clusterId);
    return clusterId;
  }

  private static String readClusterId(Path meta) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + meta, e);
    }
    String id = properties.getProperty("cluster.id");
    if (id == null || id.isBlank()) {
      throw new IllegalStateException(meta + ": no cluster.id; the Kafka data directory is damaged (start with --fresh to recreate it)");
    }
    return id;
  }

  /**
   * Waits until the broker is unfenced: it then appears in the cluster description and can
   * create topics and lead partitions.
   */
  private void awaitReady(int nodeId) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      while (true) {
        try {
          if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == nodeId)) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // Not answering yet: the broker is still catching up with the metadata log.
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the Kafka broker on " + bootstrapServers + " was not ready within " + READY_TIMEOUT);
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  /** {@code localhost:<port>}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The id the log directory was formatted with; the same after every restart. */
  public String clusterId() {
    return clusterId;
  }

  /** Shuts the broker down cleanly (leaders moved, logs flushed, clean-shutdown marker written). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker on {} stopped", bootstrapServers);
  }
}
