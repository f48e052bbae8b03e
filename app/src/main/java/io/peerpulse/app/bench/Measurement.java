package io.peerpulse.app.bench;

/**
 * What one benchmark stage cost.
 *
 * @param stage the stage's name
 * @param events input events processed
 * @param bytes input bytes (keys and values as stored on the topic)
 * @param wallSeconds elapsed time
 * @param cpuSeconds CPU time of this process (the broker runs in its own process and is not counted)
 * @param peakHeapBytes the highest heap use sampled during the stage
 * @param note anything the figures need to be read right (e.g. records restored)
 * @param recordsWritten records the stage appended to each topic (repartition, changelog, output;
 *     transaction markers included), the measure of fan-out
 */
public record Measurement(String stage, long events, long bytes, double wallSeconds, double cpuSeconds, long peakHeapBytes,
    String note, java.util.Map<String, Long> recordsWritten) {

  public Measurement {
    recordsWritten = recordsWritten == null ? java.util.Map.of() : java.util.Map.copyOf(recordsWritten);
  }

  public Measurement withRecordsWritten(java.util.Map<String, Long> written) {
    return new Measurement(stage, events, bytes, wallSeconds, cpuSeconds, peakHeapBytes, note, written);
  }

  public double eventsPerSecond() {
    return events / Math.max(wallSeconds, 1e-9);
  }

  public double megabytesPerSecond() {
    return bytes / 1e6 / Math.max(wallSeconds, 1e-9);
  }

  /** CPU-seconds per million events. */
  public double cpuSecondsPerMillion() {
    return events == 0 ? 0 : cpuSeconds * 1e6 / events;
  }

  public double cpuMicrosPerEvent() {
    return events == 0 ? 0 : cpuSeconds * 1e6 / events;
  }
}
