package io.peerpulse.streams.compute;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared examples: {@code -Dpeerpulse.shared.dir=...} when given, else {@code ../shared}
 * next to the repository root (found by walking up from the working directory).
 */
public final class SharedExamples {

  public static final String PROPERTY = "peerpulse.shared.dir";

  private SharedExamples() {}

  public static Path file(String name) {
    return sharedDir().resolve("examples").resolve(name);
  }

  public static Path sharedDir() {
    String given = System.getProperty(PROPERTY);
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared");
      if (Files.isDirectory(candidate.resolve("examples"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/examples not found above " + Path.of("").toAbsolutePath()
        + "; set -D" + PROPERTY + "=/path/to/shared");
  }
}
