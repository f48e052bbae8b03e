package io.peerpulse.app.bench;

import io.peerpulse.app.generate.GeneratorSettings;
import io.peerpulse.app.generate.SiteProfile;
import io.peerpulse.app.generate.SiteProfile.Programme;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One benchmark run.
 *
 * @param events events preloaded on the events topic
 * @param sites sites they come from (UPSIDES-like and CTI-TS-like, then numbered copies)
 * @param partitions partitions of the events topic and of every repartition topic
 * @param seed generator seed
 * @param stages the stages to run, in {@link Stage} order
 * @param workDir broker data, state directories and logs (deleted afterwards unless kept)
 * @param eosCommitIntervalMs commit interval of the exactly-once stage (the application's default: 100)
 * @param latencyRate live events per second for the latency measurement (0: none)
 * @param latencySeconds how long to measure latency
 */
public record BenchSettings(long events, int sites, int partitions, long seed, Set<Stage> stages, Path workDir,
    long eosCommitIntervalMs, int latencyRate, int latencySeconds) {

  /** Years of simulated history the events are spread over (persons scale with the event count). */
  static final int YEARS = 3;
  /** Valid events a generated person produces over {@link #YEARS} years, roughly (measured: 11-13). */
  private static final double EVENTS_PER_PERSON = 30;

  public BenchSettings {
    Objects.requireNonNull(stages, "stages");
    Objects.requireNonNull(workDir, "workDir");
    stages = stages.isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(stages);
    if (events < 1_000) {
      throw new IllegalArgumentException("--events " + events + ": expected at least 1000");
    }
    if (sites < 1) {
      throw new IllegalArgumentException("--sites " + sites + ": expected at least 1");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("--partitions " + partitions + ": expected at least 1");
    }
    if (latencyRate < 0 || latencySeconds < 0) {
      throw new IllegalArgumentException("--latency-rate and --latency-seconds: expected 0 or more");
    }
  }

  public BenchSettings withEventsAndSites(long newEvents, int newSites) {
    return new BenchSettings(newEvents, newSites, partitions, seed, stages, workDir, eosCommitIntervalMs, latencyRate,
        latencySeconds);
  }

  public BenchSettings withStages(Set<Stage> newStages) {
    return new BenchSettings(events, sites, partitions, seed, newStages, workDir, eosCommitIntervalMs, latencyRate,
        latencySeconds);
  }

  /**
   * A generator configuration with at least {@code events} valid events (with a margin, since the
   * run stops after {@code events}): three years from 2020, persons per site scaled to the count,
   * the realistic mix (late uploads, duplicates, voids), no malformed rows.
   */
  public static GeneratorSettings generatorSettings(long events, int sites, long seed) {
    int personsPerSite = (int) Math.max(1, Math.ceil(events * 1.5 / (sites * EVENTS_PER_PERSON)));
    List<SiteProfile> profiles = SiteProfile.forProgrammes(EnumSet.of(Programme.UPSIDES, Programme.CTI_TS), sites, seed);
    return GeneratorSettings.of(seed, LocalDate.of(2020, 1, 1), YEARS, profiles, personsPerSite, 0.15, 0.0);
  }
}
