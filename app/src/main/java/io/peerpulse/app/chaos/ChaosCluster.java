package io.peerpulse.app.chaos;

import io.peerpulse.app.embedded.PortInUseException;
import io.peerpulse.app.process.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster of child-JVM brokers ({@code peerpulse broker}), each node a broker and a
 * KRaft controller voter, so any one of three may be stopped or SIGKILLed and the others keep a
 * quorum, elect new partition leaders and, with {@code min.insync.replicas} 2, keep accepting
 * writes. Ports are fixed at the start (static voters), so a node restarts where it was.
 */
final class ChaosCluster implements AutoCloseable {

  private static final String BROKER_HEAP = "512m";

  private record NodeSpec(int id, int port, int controllerPort) {}

  private final Path dir;
  private final String clusterId = Uuid.randomUuid().toString();
  private final List<NodeSpec> nodes = new ArrayList<>();
  private final String voters;
  private final int replication;
  private final BrokerProcess[] running;
  private final int[] starts;

  private ChaosCluster(Path dir, int brokers, int replication) {
    this.dir = dir;
    this.replication = replication;
    Set<Integer> ports = new HashSet<>();
    for (int id = 1; id <= brokers; id++) {
      nodes.add(new NodeSpec(id, freePort(ports), freePort(ports)));
    }
    this.voters = nodes.stream().map(node -> node.id() + "@127.0.0.1:" + node.controllerPort())
        .collect(Collectors.joining(","));
    this.running = new BrokerProcess[brokers];
    this.starts = new int[brokers];
  }

  /** Starts every node at once (none is ready before a quorum is) and waits for all. */
  static ChaosCluster start(Path dir, int brokers, int replication) {
    ChaosCluster cluster = new ChaosCluster(dir, brokers, replication);
    List<CompletableFuture<Void>> starting = new ArrayList<>();
    for (int id = 1; id <= brokers; id++) {
      int node = id;
      starting.add(CompletableFuture.runAsync(() -> cluster.startNode(node)));
    }
    try {
      CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      cluster.close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    return cluster;
  }

  private static int freePort(Set<Integer> taken) {
    int port;
    do {
      port = PortInUseException.anyFree();
    } while (!taken.add(port));
    return port;
  }

  /** Every node's client address. */
  String bootstrapServers() {
    return nodes.stream().map(node -> "localhost:" + node.port()).collect(Collectors.joining(","));
  }

  int size() {
    return nodes.size();
  }

  /** Starts node {@code id} (1-based) and waits until it is unfenced. */
  void startNode(int id) {
    NodeSpec node = nodes.get(id - 1);
    int start = ++starts[id - 1];
    running[id - 1] = BrokerProcess.startNode(dir.resolve("broker-" + id), dir.resolve("logs").resolve("broker-" + id + "-" + start + ".log"),
        BROKER_HEAP, id, node.port(), node.controllerPort(), voters, clusterId, replication);
  }

  /** SIGTERM: a controlled shutdown (leadership moved first), waiting for the process to end. */
  void stopNode(int id) {
    running[id - 1].close();
  }

  /** SIGKILL: no controlled shutdown; leaders on it are re-elected once the controller notices. */
  void killNode(int id) {
    running[id - 1].kill();
  }

  /** The node leading partition {@code partition} of {@code topic}. */
  static int leaderOf(Admin admin, String topic, int partition) throws InterruptedException {
    try {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      TopicPartitionInfo info = description.partitions().get(partition);
      Node leader = info.leader();
      if (leader == null) {
        throw new IllegalStateException(topic + "-" + partition + " has no leader");
      }
      return leader.id();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot describe " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Waits until every partition of {@code topics} has all its replicas in sync again. */
  static void awaitFullIsr(Admin admin, List<String> topics, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        boolean full = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
            .flatMap(description -> description.partitions().stream())
            .allMatch(partition -> partition.isr().size() == partition.replicas().size());
        if (full) {
          return;
        }
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        // the cluster is still electing; ask again
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("replicas of " + topics + " not back in sync within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(200);
    }
  }

  /** SIGKILLs every node: the run's data is thrown away, and a clean shutdown of the last nodes would wait for a lost quorum. */
  @Override
  public void close() {
    for (BrokerProcess broker : running) {
      if (broker != null) {
        broker.kill();
      }
    }
  }
}
