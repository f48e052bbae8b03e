package io.peerpulse.app.demo;

import io.peerpulse.app.embedded.EventFeed;
import io.peerpulse.app.generate.GeneratedLine;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds generated lines to Kafka on its own thread: first the history (every line recorded at or
 * before the moment it starts) as fast as the producer takes it, then the rest paced in
 * accelerated time: {@code speed} simulated seconds per real second, the simulated clock starting
 * at the real start, so a line recorded an hour after the start is sent {@code 3600 / speed}
 * seconds after the history. Resumed after a restart ({@code sentUntil}), it skips what was sent
 * and the simulated clock starts where it stopped, if that was ahead of real time.
 */
public final class DemoFeeder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoFeeder.class);
  /** The longest single wait, so a stop request is noticed promptly. */
  private static final long MAX_WAIT_MS = 200;

  private final Supplier<Iterator<GeneratedLine>> lines;
  private final EventFeed feed;
  private final double speed;
  private final Thread thread;
  private final AtomicLong history = new AtomicLong();
  private final AtomicLong live = new AtomicLong();
  private final Instant sentUntil;
  private volatile Instant lastSent;
  private volatile Instant start;
  private volatile Instant liveSince;
  private volatile Duration historyTook;
  private volatile boolean finished;
  private volatile boolean stopping;

  /**
   * @param lines the generator's output, in ascending {@code recordedAt} order (opened on the
   *     feeder's thread: generating is work too)
   * @param speed simulated seconds per real second, &gt; 0
   * @param sentUntil the {@code recordedAt} of the last line a previous run sent (those up to it
   *     are skipped), or null
   */
  public DemoFeeder(Supplier<Iterator<GeneratedLine>> lines, EventFeed feed, double speed, Instant sentUntil) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("--speed: expected a number > 0, got " + speed);
    }
    this.lines = lines;
    this.feed = feed;
    this.speed = speed;
    this.sentUntil = sentUntil;
    this.lastSent = sentUntil;
    this.thread = new Thread(this::run, "peerpulse-demo-feeder");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    try {
      Instant now = Instant.now();
      Instant realStart = now;
      start = sentUntil != null && sentUntil.isAfter(now) ? sentUntil : now;
      Iterator<GeneratedLine> iterator = lines.get();
      GeneratedLine pending = null;
      while (!stopping && iterator.hasNext()) {
        GeneratedLine line = iterator.next();
        if (sentUntil != null && !line.recordedAt().isAfter(sentUntil)) {
          continue;
        }
        if (line.recordedAt().isAfter(start)) {
          pending = line;
          break;
        }
        send(line);
        history.incrementAndGet();
      }
      feed.flush();
      liveSince = Instant.now();
      historyTook = Duration.between(realStart, liveSince);
      LOG.info("History loaded: {} lines in {} ms ({} rejected so far)", history.get(), historyTook.toMillis(), feed.rejected());
      while (!stopping && pending != null) {
        if (awaitSimulated(pending.recordedAt())) {
          send(pending);
          live.incrementAndGet();
        }
        pending = iterator.hasNext() ? iterator.next() : null;
      }
      feed.flush();
      finished = !stopping;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.error("The demo feed stopped: {}", e.toString());
      }
    }
  }

  private void send(GeneratedLine line) {
    feed.send(line.json());
    lastSent = line.recordedAt();
  }

  /**
   * The {@code recordedAt} of the last line handed to the producer (to resume from after a
   * restart; the producer flushes on close), or the {@code sentUntil} it started with.
   */
  public Instant lastSent() {
    return lastSent;
  }

  /** Waits until the simulated clock reaches {@code due}; false when stopped first. */
  private boolean awaitSimulated(Instant due) throws InterruptedException {
    while (!stopping) {
      long waitMs = (long) (Duration.between(simulatedNow(), due).toMillis() / speed);
      if (waitMs <= 0) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(Math.min(waitMs, MAX_WAIT_MS));
    }
    return false;
  }

  /** The simulated time: the real start while the history loads, then advancing {@code speed} times faster than real time. */
  public Instant simulatedNow() {
    Instant since = liveSince;
    if (since == null) {
      return start == null ? Instant.now() : start;
    }
    long realMs = Duration.between(since, Instant.now()).toMillis();
    return start.plusMillis((long) (realMs * speed));
  }

  public long historyLines() {
    return history.get();
  }

  public long liveLines() {
    return live.get();
  }

  public long rejected() {
    return feed.rejected();
  }

  /** How long loading the history took, or null while it loads. */
  public Duration historyTook() {
    return historyTook;
  }

  /** Whether every line has been sent. */
  public boolean finished() {
    return finished;
  }

  /** Stops feeding (what was sent stays sent) and closes the producer. */
  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // still close the producer: it flushes what was sent
    }
    feed.close();
  }
}
