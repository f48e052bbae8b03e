package io.peerpulse.app.bench;

/** The stages of a benchmark run, after Kafka's SimpleBenchmark, in the order they run. */
public enum Stage {
  /** A consumer reading the events topic as bytes: the limit for this machine. */
  RAW("raw consumer (bytes)"),
  /** A consumer deserialising every event from Avro. */
  AVRO("consumer + Avro deserialise"),
  /** Kafka Streams reading, deserialising, re-serialising and producing every event (at-least-once). */
  PASSTHROUGH("pass-through streams"),
  /** The full indicator pipeline under exactly_once_v2. */
  EOS("full pipeline, exactly_once_v2"),
  /** The full indicator pipeline under at_least_once, commit interval 1 s. */
  ALOS("full pipeline, at_least_once"),
  /** Local state wiped, then the time until the exactly-once application runs again. */
  RESTORE("state restoration");

  private final String title;

  Stage(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
