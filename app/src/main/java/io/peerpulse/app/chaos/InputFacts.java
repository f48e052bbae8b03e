package io.peerpulse.app.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the checks need to know about the events that were put on the events topic (the
 * reference's input file, canonical JSON lines): the voids whose target never arrived (the only
 * ones that may be reported as ORPHAN_VOID) and the person and worker pseudonyms (which no log may
 * contain).
 */
record InputFacts(Set<String> orphanVoidTargets, Set<String> identifiers) {

  private static final Pattern VOID_TARGET = Pattern.compile("\"voids_event_id\":\"([^\"]+)\"");
  private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");
  private static final Pattern SINGLE_ID = Pattern.compile("\"(?:person_id|worker_id)\":\"([^\"]+)\"");
  private static final Pattern PERSON_IDS = Pattern.compile("\"person_ids\":\\[([^\\]]*)\\]");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  /** Reads the file twice: void targets first (few), then which of them arrived, so memory stays small. */
  static InputFacts of(Path events) {
    Set<String> targets = new HashSet<>();
    Set<String> identifiers = new HashSet<>();
    forEachLine(events, line -> {
      Matcher target = VOID_TARGET.matcher(line);
      if (target.find()) {
        targets.add(target.group(1));
      }
      Matcher single = SINGLE_ID.matcher(line);
      while (single.find()) {
        identifiers.add(single.group(1));
      }
      Matcher group = PERSON_IDS.matcher(line);
      if (group.find()) {
        Matcher quoted = QUOTED.matcher(group.group(1));
        while (quoted.find()) {
          identifiers.add(quoted.group(1));
        }
      }
    });
    Set<String> orphans = new HashSet<>(targets);
    forEachLine(events, line -> {
      Matcher id = EVENT_ID.matcher(line);
      if (id.find()) {
        orphans.remove(id.group(1));
      }
    });
    return new InputFacts(Set.copyOf(orphans), Set.copyOf(identifiers));
  }

  private static void forEachLine(Path file, java.util.function.Consumer<String> action) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        action.accept(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Lines of the {@code .log} files under {@code dir} that contain one of {@link #identifiers} as a
   * whole token; counted, never printed (they would leak what they found).
   */
  long identifierLinesIn(Path dir) {
    Pattern separators = Pattern.compile("[^A-Za-z0-9_-]+");
    long found = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path log : files.filter(path -> path.toString().endsWith(".log")).toList()) {
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
          String line;
          while ((line = reader.readLine()) != null) {
            for (String token : separators.split(line)) {
              if (identifiers.contains(token)) {
                found++;
                break;
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the logs under " + dir, e);
    }
    return found;
  }
}
