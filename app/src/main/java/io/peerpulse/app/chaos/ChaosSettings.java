package io.peerpulse.app.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One reliability campaign run ({@code peerpulse chaos}); the flag of each setting is named in
 * its validation message.
 *
 * @param events valid generated events to stream (the first ones of the generator's history)
 * @param sites sites they come from
 * @param partitions partitions of the events topic and of the repartition topics
 * @param brokers broker nodes (each also a KRaft controller voter): 1, or 3 and more
 * @param instances application instances ({@code peerpulse run} child JVMs)
 * @param kills application SIGKILLs, each followed by a restart
 * @param killInterval time between two kills (the next one does not wait for the last victim to recover)
 * @param aimTimeout how long a kill may wait for an aimed moment ({@link KillAim}) before it takes the next
 *     instance in turn; at least the kill interval
 * @param guarantee {@code exactly_once_v2} or {@code at_least_once} (the negative control)
 * @param commitInterval the application's {@code commit.interval.ms}
 * @param brokerFaults also restart a broker cleanly and SIGKILL a partition leader mid-run
 * @param malformedFraction bad records sent per valid event, of every kind of {@link BadRow}
 * @param rate valid events sent per second (0: as fast as the cluster takes them)
 * @param seed generator and fault-schedule seed
 * @param workDir brokers' data, state directories and logs
 * @param catchUpTimeout how long the application may take to process everything after the input ends
 */
public record ChaosSettings(long events, int sites, int partitions, int brokers, int instances, int kills,
    Duration killInterval, Duration aimTimeout, String guarantee, long commitIntervalMs, boolean brokerFaults, double malformedFraction,
    int rate, long seed, Path workDir, Duration catchUpTimeout) {

  public ChaosSettings {
    Objects.requireNonNull(killInterval, "killInterval");
    Objects.requireNonNull(aimTimeout, "aimTimeout");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(catchUpTimeout, "catchUpTimeout");
    require(events >= 100, "--events " + events + ": expected at least 100");
    require(sites >= 1, "--sites " + sites + ": expected at least 1");
    require(partitions >= 1, "--partitions " + partitions + ": expected at least 1");
    require(brokers == 1 || brokers >= 3 && brokers <= 5, "--brokers " + brokers
        + ": expected 1, or 3 to 5 (every broker is a controller voter; with 2 a broker fault would lose the quorum)");
    require(instances >= 1 && instances <= 4, "--instances " + instances + ": expected 1 to 4");
    require(kills >= 0, "--kills " + kills + ": expected 0 or more");
    require(!killInterval.isNegative(), "--kill-interval-seconds: expected 0 or more");
    require(aimTimeout.compareTo(killInterval) >= 0, "--aim-seconds " + aimTimeout.toSeconds()
        + ": expected at least --kill-interval-seconds " + killInterval.toSeconds());
    require(StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) || StreamsConfig.AT_LEAST_ONCE.equals(guarantee),
        "--guarantee " + guarantee + ": expected exactly_once_v2 or at_least_once");
    require(commitIntervalMs >= 1, "--commit-interval-ms " + commitIntervalMs + ": expected at least 1");
    require(!brokerFaults || brokers >= 3, "--broker-faults needs --brokers 3 or more (one broker down must leave a quorum"
        + " and min.insync.replicas 2 in sync)");
    require(malformedFraction >= 0 && malformedFraction <= 1,
        "--malformed-fraction " + malformedFraction + ": expected a number between 0 and 1");
    require(rate >= 0, "--rate " + rate + ": expected 0 (unthrottled) or more events per second");
  }

  /**
   * The commit interval when none is given: 1 s under exactly-once (each commit waits for every
   * record it produced to be replicated; 100 ms, Kafka Streams' default, spent more time
   * committing than processing on two loaded cores), Kafka Streams' own 30 s under at-least-once.
   */
  public static long defaultCommitIntervalMs(String guarantee) {
    return StreamsConfig.AT_LEAST_ONCE.equals(guarantee) ? 30_000 : 1_000;
  }

  /** Replicas of every topic: all brokers, at most three. */
  public short replication() {
    return (short) Math.min(3, brokers);
  }

  public boolean exactlyOnce() {
    return StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
