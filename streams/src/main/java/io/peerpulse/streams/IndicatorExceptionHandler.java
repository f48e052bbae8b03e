package io.peerpulse.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.LockException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies. A transient error (a retriable client error such as a
 * timeout or an unreachable broker, fencing or a migrated task after a rebalance) replaces the
 * thread: under exactly-once its open transaction is aborted and the new thread resumes from the
 * last commit. Anything else (a bug, a corrupt record on an internal topic, a missing topic) shuts
 * this client down, so it fails visibly instead of looping; so do more than
 * {@value #MAX_REPLACEMENTS} replacements within {@link #WINDOW}.
 *
 * <p>Logs never carry event bodies or ids: an exception's message may quote a record or a domain
 * value, so only the exception classes of the cause chain, the task, the source frame of the root
 * cause and the messages of Kafka's own client errors (about brokers and topics) are logged.
 */
final class IndicatorExceptionHandler implements StreamsUncaughtExceptionHandler {

  static final int MAX_REPLACEMENTS = 10;
  static final Duration WINDOW = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(IndicatorExceptionHandler.class);

  private final LongSupplier nanoClock;
  private final Deque<Long> recentReplacements = new ArrayDeque<>();
  private final AtomicInteger replaced = new AtomicInteger();

  IndicatorExceptionHandler() {
    this(System::nanoTime);
  }

  IndicatorExceptionHandler(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    String description = describe(exception);
    if (!isTransient(exception)) {
      LOG.error("Stream thread failed with a non-transient error, shutting this client down: {}", description);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    if (!withinBudget()) {
      LOG.error("Stream thread failed with a transient error, but {} threads were already replaced within {}; "
          + "shutting this client down: {}", MAX_REPLACEMENTS, WINDOW, description);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    LOG.warn("Stream thread failed with a transient error, replacing it (replacement {}): {}",
        replaced.incrementAndGet(), description);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  int replaced() {
    return replaced.get();
  }

  private synchronized boolean withinBudget() {
    long now = nanoClock.getAsLong();
    while (!recentReplacements.isEmpty() && now - recentReplacements.peekFirst() > WINDOW.toNanos()) {
      recentReplacements.removeFirst();
    }
    if (recentReplacements.size() >= MAX_REPLACEMENTS) {
      return false;
    }
    recentReplacements.addLast(now);
    return true;
  }

  static boolean isTransient(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof Error || t instanceof SerializationException) {
        return false;
      }
      if (t instanceof RetriableException || t instanceof TaskMigratedException || t instanceof TaskCorruptedException
          || t instanceof LockException || t instanceof ProducerFencedException
          || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The exception without data: classes of the cause chain, the task, the root cause's first frame
   * and messages only of Kafka client errors, which name brokers, topics and partitions.
   */
  static String describe(Throwable exception) {
    StringBuilder text = new StringBuilder();
    Throwable root = exception;
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (text.length() > 0) {
        text.append(" caused by ");
      }
      text.append(t.getClass().getName());
      if (t instanceof StreamsException streamsException && streamsException.taskId().isPresent()) {
        text.append(" [task ").append(streamsException.taskId().get()).append(']');
      }
      if (isClientError(t) && t.getMessage() != null) {
        text.append(": ").append(t.getMessage());
      }
      root = t;
      if (t.getCause() == t) {
        break;
      }
    }
    StackTraceElement[] frames = root.getStackTrace();
    if (frames.length > 0) {
      text.append(" at ").append(frames[0]);
    }
    return text.toString();
  }

  private static boolean isClientError(Throwable t) {
    return t.getClass().getPackageName().equals("org.apache.kafka.common.errors")
        && !(t instanceof SerializationException) && !(t instanceof RecordDeserializationException);
  }
}
