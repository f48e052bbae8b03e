package io.peerpulse.app;

import io.peerpulse.app.embedded.EmbeddedKafka;
import io.peerpulse.app.embedded.PortInUseException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peerpulse broker}: one single-node KRaft broker in this process until it is stopped
 * (SIGTERM: clean shutdown; SIGKILL: a crash the broker recovers from on restart). Benchmarks and
 * the reliability campaign start brokers as child processes with it, so a broker's CPU is not
 * counted as the application's and a broker can be killed on its own.
 */
@Command(
    name = "broker",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Runs a single-node KRaft Kafka broker in the foreground (for benchmarks and the reliability campaign).",
      "Prints 'broker ready <bootstrap servers>' on standard output when it accepts requests."
    })
final class BrokerCommand implements Callable<Integer> {

  /** The line a parent process waits for, followed by the bootstrap servers. */
  static final String READY = "broker ready ";

  @Option(names = "--data-dir", required = true, description = "The broker's log directory (formatted on first use).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "0", description = "Client port on 127.0.0.1 (default: any free one).")
  int port;

  @Option(names = "--node-id", defaultValue = "1", description = "node.id in a multi-node cluster (default: ${DEFAULT-VALUE}).")
  int nodeId;

  @Option(names = "--controller-port", defaultValue = "0",
      description = "KRaft controller port on 127.0.0.1 (default: any free one; fixed when --voters is given).")
  int controllerPort;

  @Option(names = "--voters", paramLabel = "ID@HOST:PORT,...",
      description = "controller.quorum.voters of a multi-node cluster, each node a broker and a voter (default: this node alone).")
  String voters;

  @Option(names = "--cluster-id", description = "Cluster id every node of a multi-node cluster is formatted with.")
  String clusterId;

  @Option(names = "--replication", defaultValue = "1",
      description = "Replicas of the offsets and transaction topics and of new topics (default: ${DEFAULT-VALUE}; 3+: min.insync.replicas 2).")
  int replication;

  @Override
  public Integer call() throws InterruptedException {
    if (voters != null && controllerPort == 0) {
      System.err.println("broker: --voters needs --controller-port (this node's own port among the voters)");
      return 2;
    }
    int clientPort = port == 0 ? PortInUseException.anyFree() : port;
    int quorumPort = controllerPort == 0 ? PortInUseException.anyFree() : controllerPort;
    EmbeddedKafka.Node node = voters == null
        ? EmbeddedKafka.Node.single(quorumPort)
        : new EmbeddedKafka.Node(nodeId, quorumPort, voters, clusterId, replication);
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, clientPort, node);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "peerpulse-broker-shutdown"));
    System.out.println(READY + kafka.bootstrapServers());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
