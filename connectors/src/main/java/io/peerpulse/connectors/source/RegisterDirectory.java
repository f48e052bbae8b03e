package io.peerpulse.connectors.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The directories a register passes through: input → processing → finished (or error).
 *
 * <p>A task claims a register by renaming it atomically from input into processing as
 * {@code t<task>-<claim>__<name>}: the rename succeeds for exactly one task, so tasks sharing the
 * directory never read one register twice. The claim is part of the name for two reasons: a
 * restarted task finds its own unfinished registers (and those of tasks that no longer exist,
 * when {@code tasks.max} was lowered), and a register uploaded again under the same name is a new
 * claim, hence a new source partition, rather than one whose offsets say it is already done.
 */
final class RegisterDirectory {

  /** {@code t<task>-<claim>__<original name>}. */
  private static final Pattern CLAIMED = Pattern.compile("t(\\d+)-([0-9a-f]{12})__(.+)");

  private final Path input;
  private final Path processing;
  private final Path finished;
  private final Path error;
  private final Pattern names;

  RegisterDirectory(Path input, Path processing, Path finished, Path error, Pattern names) {
    this.input = input;
    this.processing = processing;
    this.finished = finished;
    this.error = error;
    this.names = names;
  }

  static RegisterDirectory of(RegisterSourceConfig config) {
    return new RegisterDirectory(config.inputDir(), config.processingDir(), config.finishedDir(), config.errorDir(),
        config.filePattern());
  }

  /** Checks input exists and creates the others; they must be on input's file system for atomic renames. */
  void prepare() {
    if (!Files.isDirectory(input)) {
      throw new ConnectException(RegisterSourceConfig.INPUT_DIR + " " + input + ": expected an existing directory");
    }
    for (Path dir : List.of(processing, finished, error)) {
      RegisterSourceConnector.createDirectories(dir);
    }
  }

  /** A claimed register: its path in processing and the name it was uploaded under. */
  record Claim(Path path, String originalName) {

    /** The processing file name: the source partition of its rows. */
    String claimName() {
      return path.getFileName().toString();
    }
  }

  /**
   * A register in processing this task should finish: its own claims, and claims of task
   * indexes at or above {@code taskCount} that map onto this task; except those in {@code skip}
   * (read already, waiting for acknowledgements).
   */
  Optional<Claim> unfinished(int taskIndex, int taskCount, java.util.Set<String> skip) {
    try (Stream<Path> files = Files.list(processing)) {
      return files.sorted()
          .map(path -> Map.entry(path, CLAIMED.matcher(path.getFileName().toString())))
          .filter(entry -> entry.getValue().matches() && owner(entry.getValue(), taskCount) == taskIndex)
          .filter(entry -> !skip.contains(entry.getKey().getFileName().toString()))
          .map(entry -> new Claim(entry.getKey(), entry.getValue().group(3)))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + processing + ": " + e.getMessage(), e);
    }
  }

  private static int owner(Matcher claimed, int taskCount) {
    long task = Long.parseLong(claimed.group(1));
    return (int) (task % taskCount);
  }

  /** Claims the first register in input (by name) that no other task claims first. */
  Optional<Claim> claimNext(int taskIndex) {
    List<Path> candidates;
    try (Stream<Path> files = Files.list(input)) {
      candidates = files.filter(path -> names.matcher(path.getFileName().toString()).matches())
          .filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
    }
    for (Path candidate : candidates) {
      String name = candidate.getFileName().toString();
      String claim = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      Path target = processing.resolve("t" + taskIndex + "-" + claim + "__" + name);
      try {
        Files.move(candidate, target, StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(new Claim(target, name));
      } catch (NoSuchFileException | FileAlreadyExistsException e) {
        // another task claimed it between the listing and the rename
      } catch (AtomicMoveNotSupportedException e) {
        throw new ConnectException("cannot claim registers atomically: " + input + " and " + processing
            + " must be on the same file system", e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot claim " + candidate + ": " + e.getMessage(), e);
      }
    }
    return Optional.empty();
  }

  /** Moves a register whose rows were all sent into finished. */
  Path finish(Claim claim) {
    return move(claim.path(), finished.resolve(claim.claimName()));
  }

  /** Moves a register that could not be read into error, with {@code <name>.error.txt} saying why. */
  Path fail(Claim claim, String why) {
    Path target = move(claim.path(), error.resolve(claim.claimName()));
    try {
      Files.writeString(error.resolve(claim.claimName() + ".error.txt"), why + System.lineSeparator(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reason beside " + target + ": " + e.getMessage(), e);
    }
    return target;
  }

  private static Path move(Path from, Path to) {
    try {
      return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      if (Files.exists(to)) {
        return to; // moved already, before a restart
      }
      throw new UncheckedIOException("cannot move " + from + " to " + to + ": it is gone", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }
}
