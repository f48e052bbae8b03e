package io.peerpulse.registry.client;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Apicurio Registry (unpacked by the build into {@code target/apicurio}) as a child process on
 * free loopback ports with its default in-memory storage, its output in
 * {@code target/apicurio.log}. Apicurio 3.3.3 is compiled for Java 21, so it runs on the first
 * Java 21+ found: {@code -Dapicurio.java}, {@code APICURIO_JAVA}, this JVM, {@code JAVA_HOME},
 * then the JDKs under {@code /usr/lib/jvm}.
 */
final class ApicurioProcess implements AutoCloseable {

  private static final int MIN_JAVA = 21;
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);
  private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)",
      Pattern.MULTILINE);

  private final Process process;
  private final Path log;
  private final String ccompatUrl;

  private ApicurioProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.ccompatUrl = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  static ApicurioProcess start() {
    Path home = Path.of(System.getProperty("apicurio.home", "target/apicurio"));
    Path runner = home.resolve("quarkus-run.jar");
    if (!Files.isRegularFile(runner)) {
      throw new IllegalStateException(runner + " is missing: run through Maven ('mvn verify'),"
          + " whose pre-integration-test phase unpacks io.apicurio:apicurio-registry-app");
    }
    Path java = java21();
    int port = freePort();
    int managementPort = freePort();
    Path log = home.resolveSibling("apicurio.log");
    Path work = home.resolveSibling("apicurio-work");
    try {
      Files.createDirectories(work);
      Process process = new ProcessBuilder(java.toString(), "-Xmx512m",
          "-Dquarkus.http.host=127.0.0.1",
          "-Dquarkus.http.port=" + port,
          "-Dquarkus.management.host=127.0.0.1",
          "-Dquarkus.management.port=" + managementPort,
          "-Dapicurio.storage.snapshot.location=" + work.toAbsolutePath(),
          "-jar", runner.toAbsolutePath().toString())
          .directory(work.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      ApicurioProcess apicurio = new ApicurioProcess(process, log, port);
      apicurio.awaitReady();
      return apicurio;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Apicurio with " + java, e);
    }
  }

  /** Base URL of the Confluent-compatible API. */
  String ccompatUrl() {
    return ccompatUrl;
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl + "/subjects"))
        .timeout(Duration.ofSeconds(5)).build();
    await("Apicurio answering " + probe.uri() + " (log: " + log + ")")
        .atMost(STARTUP_LIMIT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> !process.isAlive() || answers(http, probe));
    if (!process.isAlive()) {
      throw new IllegalStateException("Apicurio exited with " + process.exitValue()
          + " before becoming ready; last lines of " + log + ":\n" + tail());
    }
  }

  private static boolean answers(HttpClient http, HttpRequest probe) {
    try {
      return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path java21() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty("apicurio.java")).map(Path::of)
        .ifPresent(candidates::add);
    Optional.ofNullable(System.getenv("APICURIO_JAVA")).map(Path::of).ifPresent(candidates::add);
    if (Runtime.version().feature() >= MIN_JAVA) {
      candidates.add(Path.of(System.getProperty("java.home"), "bin", "java"));
    }
    Optional.ofNullable(System.getenv("JAVA_HOME"))
        .filter(home -> featureVersion(Path.of(home)) >= MIN_JAVA)
        .map(home -> Path.of(home, "bin", "java")).ifPresent(candidates::add);
    candidates.addAll(installedJdks());
    return candidates.stream().filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new IllegalStateException("Apicurio Registry 3.3.3 needs Java "
            + MIN_JAVA + "+ and none was found (this JVM is " + Runtime.version() + "): set"
            + " -Dapicurio.java=/path/to/bin/java, or skip integration tests with -DskipITs"));
  }

  /** JDKs under /usr/lib/jvm new enough, newest first. */
  private static List<Path> installedJdks() {
    Path root = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> homes = Files.list(root)) {
      return homes.filter(home -> featureVersion(home) >= MIN_JAVA)
          .sorted(Comparator.comparingInt(ApicurioProcess::featureVersion).reversed())
          .map(home -> home.resolve("bin").resolve("java"))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The major version in a JDK's {@code release} file, or 0. */
  private static int featureVersion(Path home) {
    try {
      Matcher matcher = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
