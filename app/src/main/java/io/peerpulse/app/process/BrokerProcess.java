package io.peerpulse.app.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A single-node KRaft broker ({@code peerpulse broker}) in a child JVM. */
public final class BrokerProcess implements AutoCloseable {

  private static final String READY = "broker ready ";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

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
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ChildJvm jvm = ChildJvm.start("broker", List.of("-Xmx" + heap, "-XX:+UseG1GC"),
        List.of("broker", "--data-dir", dir.resolve("kafka").toString()), dir.resolve("broker.log"));
    try {
      return new BrokerProcess(jvm, jvm.awaitLine(READY, START_TIMEOUT));
    } catch (RuntimeException e) {
      jvm.kill();
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker process's CPU time so far. */
  public Duration cpuTime() {
    return jvm.cpuTime();
  }

  @Override
  public void close() {
    jvm.close();
  }
}
