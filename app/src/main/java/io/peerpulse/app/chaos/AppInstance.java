package io.peerpulse.app.chaos;

import io.peerpulse.app.ops.OpsHttp;
import io.peerpulse.app.process.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One instance of the streams application, {@code peerpulse run --config <file>} in a child JVM,
 * started again after each SIGKILL with the same configuration and state directory, as a process
 * supervisor (systemd, Kubernetes) would. Ready means {@code GET /health/ready} answers 200:
 * Kafka Streams is RUNNING and no store is restoring.
 */
final class AppInstance implements AutoCloseable {

  private static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseG1GC");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path configFile;
  private final Path logDir;
  private final int httpPort;
  private ChildJvm jvm;
  private int starts;

  /**
   * @param config the keys of the {@code --config} file (bootstrap servers, guarantee, state.dir, ...)
   * @param httpPort the operations port (fixed, so the health check finds a restarted instance)
   */
  AppInstance(String name, Map<String, String> config, Path configDir, Path logDir, int httpPort) {
    this.name = name;
    this.configFile = configDir.resolve(name + ".properties");
    this.logDir = logDir;
    this.httpPort = httpPort;
    Properties properties = new Properties();
    properties.putAll(new TreeMap<>(config));
    properties.setProperty("http.port", Integer.toString(httpPort));
    try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      properties.store(writer, "peerpulse chaos: " + name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configFile, e);
    }
  }

  String name() {
    return name;
  }

  /** Starts the process (each start logs to its own file: {@code <name>-<n>.log}). */
  void start() {
    starts++;
    jvm = ChildJvm.start(name, JVM_OPTIONS, List.of("run", "--config", configFile.toString()),
        logDir.resolve(name + "-" + starts + ".log"));
  }

  /** SIGKILL, as a crash or an OOM kill: no shutdown hook, no commit, no flush. */
  void kill() {
    jvm.kill();
  }

  boolean isAlive() {
    return jvm != null && jvm.isAlive();
  }

  /** The log of the current process's last lines, for error messages. */
  String tail() {
    return jvm == null ? "" : jvm.tail();
  }

  /** Whether {@code GET /health/ready} answers 200 now. */
  boolean isReady() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + OpsHttp.READY_PATH))
        .timeout(Duration.ofSeconds(2)).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until the instance is ready.
   *
   * @throws IllegalStateException when its process ends first or {@code timeout} passes (with its log's tail)
   */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isReady()) {
      if (!isAlive()) {
        throw new IllegalStateException(name + " exited before it was ready:\n" + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s:\n" + tail());
      }
      Thread.sleep(200);
    }
  }

  /** SIGKILL at the end of a run: its state is thrown away, and a clean close would only cost time. */
  @Override
  public void close() {
    if (jvm != null && jvm.isAlive()) {
      jvm.kill();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
