package io.peerpulse.app.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * What a demo run must remember for the next one on the same data directory, in
 * {@value #FILE} there: the generator's end date (the generated history depends on it, and
 * regenerating it on another day would produce other events under the same event ids, which the
 * engine rightly dead-letters as conflicting duplicates) and how far the feed got.
 *
 * @param end the last generated day
 * @param sentUntil {@code recorded_at} of the last line sent, or null before anything was sent
 */
public record DemoState(LocalDate end, Instant sentUntil) {

  public static final String FILE = "demo.properties";

  /** The state saved in {@code dataDir}, or a new one ending on {@code newEnd} when there is none. */
  public static DemoState load(Path dataDir, LocalDate newEnd) {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return new DemoState(newEnd, null);
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      String sent = properties.getProperty("sent.until");
      return new DemoState(LocalDate.parse(properties.getProperty("end", "")), sent == null ? null : Instant.parse(sent));
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalArgumentException(file + ": expected end=YYYY-MM-DD and sent.until=<instant> (start with --fresh"
          + " to begin a new demo): " + e.getMessage(), e);
    }
  }

  public DemoState withSentUntil(Instant value) {
    return new DemoState(end, value);
  }

  /** Writes the state atomically (a crash leaves the old or the new file, never half of one). */
  public void save(Path dataDir) {
    Properties properties = new Properties();
    properties.setProperty("end", end.toString());
    if (sentUntil != null) {
      properties.setProperty("sent.until", sentUntil.toString());
    }
    Path file = dataDir.resolve(FILE);
    Path temporary = dataDir.resolve(FILE + ".tmp");
    try {
      try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        properties.store(writer, "peerpulse demo: generator end date and feed progress");
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
