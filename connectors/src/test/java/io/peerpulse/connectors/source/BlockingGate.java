package io.peerpulse.connectors.source;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A test transform that lets records pass until the {@code block.after}-th since {@link #arm},
 * then holds the task's thread there until {@link #release}: the task hangs mid-file, as one
 * whose worker died would, so stopping it makes the worker cancel it (its open transaction is
 * never committed). Static state: the in-process worker loads test classes from the test's own
 * class path, so the test and the worker see the same gate. Blocks once per {@link #arm}.
 */
public final class BlockingGate<R extends ConnectRecord<R>> implements Transformation<R> {

  private static final AtomicInteger PASSED = new AtomicInteger();
  private static volatile CountDownLatch reached = new CountDownLatch(1);
  private static volatile CountDownLatch released = new CountDownLatch(1);
  private static volatile boolean armed;

  private int blockAfter;

  /** Resets the gate: the next task that sees {@code block.after} records blocks. */
  static void arm() {
    PASSED.set(0);
    reached = new CountDownLatch(1);
    released = new CountDownLatch(1);
    armed = true;
  }

  /** Waits until a task is held at the gate. */
  static boolean awaitReached(long seconds) throws InterruptedException {
    return reached.await(seconds, TimeUnit.SECONDS);
  }

  /** Lets the held task (a cancelled zombie by then) go on. */
  static void release() {
    armed = false;
    released.countDown();
  }

  @Override
  public void configure(Map<String, ?> configs) {
    blockAfter = Integer.parseInt(String.valueOf(configs.get("block.after")));
  }

  @Override
  public R apply(R record) {
    if (armed && PASSED.incrementAndGet() == blockAfter) {
      armed = false;
      reached.countDown();
      try {
        released.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return record;
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef().define("block.after", ConfigDef.Type.INT, ConfigDef.Importance.HIGH, "records to let pass");
  }

  @Override
  public void close() {
  }
}
