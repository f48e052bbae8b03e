package io.peerpulse.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The embedded runtime's data directory: {@code kafka/} (the broker's log directory: topics,
 * offsets, schemas, the cluster id) and {@code streams/} (Kafka Streams' local state), marked by a
 * file {@value #MARKER}. The marker is what makes {@code --fresh} safe: a directory is only ever
 * wiped when it carries it, and a non-empty directory without it is not used at all, so a typo in
 * {@code --data-dir} can neither delete nor litter someone's files.
 */
public final class DataDirectory {

  public static final String MARKER = "peerpulse-data-dir";

  private final Path root;

  private DataDirectory(Path root) {
    this.root = root;
  }

  /**
   * Prepares {@code dir}: creates it (with the marker) when missing or empty; with {@code fresh},
   * first deletes everything in it.
   *
   * @throws IllegalArgumentException when {@code dir} is a file, or a non-empty directory without
   *     the marker (naming the flag, the directory and what was expected)
   */
  public static DataDirectory prepare(Path dir, boolean fresh) {
    Path root = dir.toAbsolutePath().normalize();
    check(root, fresh);
    try {
      if (fresh && Files.exists(root)) {
        deleteContents(root);
      }
      Files.createDirectories(root);
      Path marker = root.resolve(MARKER);
      if (!Files.exists(marker)) {
        Files.writeString(marker, "PeerPulse embedded runtime data (Kafka logs, Kafka Streams state); created "
            + Instant.now() + ". `peerpulse demo --fresh` deletes this directory's contents.\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("--data-dir " + root + ": " + e.getMessage(), e);
    }
    return new DataDirectory(root);
  }

  /**
   * Throws when {@code dir} may not be used as a data directory (see {@link #prepare}); changes
   * nothing.
   */
  public static void check(Path dir, boolean fresh) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.exists(root)) {
      return;
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("--data-dir " + root + ": is a file, expected a directory");
    }
    if (Files.exists(root.resolve(MARKER)) || isEmpty(root)) {
      return;
    }
    throw new IllegalArgumentException("--data-dir " + root + ": does not look like a PeerPulse data directory (it is not"
        + " empty and has no " + MARKER + " file); " + (fresh ? "refusing to delete its contents" : "refusing to write into it")
        + ". Choose an empty or new directory with --data-dir.");
  }

  public Path root() {
    return root;
  }

  /** The Kafka broker's log directory. */
  public Path kafka() {
    return root.resolve("kafka");
  }

  /** Kafka Streams' {@code state.dir}. */
  public Path streams() {
    return root.resolve("streams");
  }

  /** The registers of {@code demo --with-connect}: {@code input/} (drop CSVs here), {@code processing/}, {@code finished/}, {@code error/}. */
  public Path registers() {
    return root.resolve("registers");
  }

  /** The embedded Connect worker's own files (its source offsets). */
  public Path connect() {
    return root.resolve("connect");
  }

  /** Whether the broker's log directory has been formatted, i.e. this is not a first start. */
  public boolean hasKafkaData() {
    return Files.exists(kafka().resolve("meta.properties"));
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("--data-dir " + dir + ": cannot be listed: " + e.getMessage(), e);
    }
  }

  /** Deletes everything below {@code root}, not following symbolic links out of it. */
  private static void deleteContents(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        if (!dir.equals(root)) {
          Files.delete(dir);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
