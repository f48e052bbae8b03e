package io.peerpulse.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures one stage in this process: wall time, process CPU time and the peak of heap use,
 * sampled every 50 ms by a daemon thread (the per-pool peaks of the JMX beans would add peaks
 * reached at different moments). A full GC before the stage gives each the same starting heap.
 */
final class ProcessMeter {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final long startNanos;
  private final long startCpu;
  private final Thread sampler;
  private volatile long peakHeap;
  private volatile boolean running = true;

  private ProcessMeter() {
    System.gc();
    startNanos = System.nanoTime();
    startCpu = OS.getProcessCpuTime();
    peakHeap = MEMORY.getHeapMemoryUsage().getUsed();
    sampler = new Thread(this::sample, "peerpulse-bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  static ProcessMeter start() {
    return new ProcessMeter();
  }

  private void sample() {
    while (running) {
      peakHeap = Math.max(peakHeap, MEMORY.getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Ends the measurement. */
  Measurement stop(String stage, long events, long bytes, String note) {
    long wall = System.nanoTime() - startNanos;
    long cpu = OS.getProcessCpuTime() - startCpu;
    running = false;
    sampler.interrupt();
    return new Measurement(stage, events, bytes, wall / 1e9, cpu / 1e9, peakHeap, note, null);
  }
}
