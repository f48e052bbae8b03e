package io.peerpulse.app.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code peerpulse} command in a child JVM on this process's class path (the shaded jar, or the
 * test class path), so it can be measured apart and killed with SIGKILL. Its output goes to a log
 * file; {@link #awaitLine} waits for the line that says it is ready.
 */
public final class ChildJvm implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code peerpulse <arguments>} in a new JVM.
   *
   * @param name what it is, for messages ("broker-1")
   * @param jvmOptions e.g. {@code -Xmx1g}
   * @param log the file that receives its standard output and error (appended)
   */
  public static ChildJvm start(String name, List<String> jvmOptions, List<String> arguments, Path log) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.peerpulse.app.PeerPulse");
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      return new ChildJvm(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the log has a line starting with {@code prefix} and returns the rest of that line.
   *
   * @throws IllegalStateException when the process ends first or {@code timeout} passes (with the log's tail)
   */
  public String awaitLine(String prefix, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines()) {
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready:\n" + tail());
      }
      sleep(100);
    }
    throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s:\n" + tail());
  }

  private List<String> lines() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        java.nio.file.Files.newInputStream(log), StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The last lines of the log, for error messages. */
  public String tail() {
    List<String> lines = lines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hooks, no flush, as in a crash or an OOM kill. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  /** SIGTERM, then SIGKILL if it has not ended within {@code grace}. */
  public void stop(Duration grace) {
    process.destroy();
    if (!waitFor(grace)) {
      kill();
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The child's total CPU time so far, when the operating system reports it. */
  public Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(30));
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
