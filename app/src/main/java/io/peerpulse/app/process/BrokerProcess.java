package io.peerpulse.app.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A KRaft broker ({@code peerpulse broker}) in a child JVM: a single node, or one node of a cluster. */
public final class BrokerProcess implements AutoCloseable {

  private static final String READY = "broker ready ";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /** A cluster node waits for a quorum of nodes starting at the same time on the same (loaded) machine. */
  private static final Duration NODE_START_TIMEOUT = Duration.ofSeconds(240);

  private final ChildJvm jvm;
  private final String bootstrapServers;

  private BrokerProcess(ChildJvm jvm, String bootstrapServers) {
    this.jvm = jvm;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker with its log directory in {@code dir}/kafka and its output in {@code dir}/broker.log,
   * and waits until it accepts requests.
   *
   * @param heap the broker's maximum heap, e.g. {@code 1g}
   */
  public static BrokerProcess start(Path dir, String heap) {
    createDirectories(dir);
    return start("broker", heap, List.of("broker", "--data-dir", dir.resolve("kafka").toString()), dir.resolve("broker.log"),
        START_TIMEOUT);
  }

  /**
   * Starts one node of a cluster in which every node is a broker and a controller voter, and
   * waits until it is unfenced (so the quorum must be reachable: start the nodes together).
   * Restarting a node with the same arguments keeps its data.
   *
   * @param dataDir the node's log directory (formatted on first use with {@code clusterId})
   * @param log the file that receives its output; a new one per start, since the ready line is
   *     looked for in the whole file
   * @param voters {@code controller.quorum.voters} of the cluster
   * @param replication replicas of the internal topics and of new topics by default
   */
  public static BrokerProcess startNode(Path dataDir, Path log, String heap, int nodeId, int port, int controllerPort,
      String voters, String clusterId, int replication) {
    createDirectories(dataDir);
    return start("broker-" + nodeId, heap, List.of("broker", "--data-dir", dataDir.toString(), "--node-id",
        Integer.toString(nodeId), "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
        "--voters", voters, "--cluster-id", clusterId, "--replication", Integer.toString(replication)), log,
        NODE_START_TIMEOUT);
  }

  private static BrokerProcess start(String name, String heap, List<String> arguments, Path log, Duration timeout) {
    ChildJvm jvm = ChildJvm.start(name, List.of("-Xmx" + heap, "-XX:+UseG1GC"), arguments, log);
    try {
      return new BrokerProcess(jvm, jvm.awaitLine(READY, timeout));
    } catch (RuntimeException e) {
      jvm.kill();
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** SIGKILL: no controlled shutdown, leadership moves only when the controller notices. */
  public void kill() {
    jvm.kill();
  }

  public boolean isAlive() {
    return jvm.isAlive();
  }

  /** The broker process's CPU time so far. */
  public Duration cpuTime() {
    return jvm.cpuTime();
  }

  @Override
  public void close() {
    jvm.close();
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
