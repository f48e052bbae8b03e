package io.peerpulse.registry.core;

/**
 * Storage SPI of the registry: an ordered log of {@link StoreKey}/{@link StoreValue} records that
 * every registry instance replays into the same state. The registry never reads the store
 * directly; it only receives records through the {@link Listener}, so an in-memory store and a
 * Kafka topic behave the same way.
 */
public interface SchemaStore extends AutoCloseable {

  /** Receives every record in log order; {@code value} is {@code null} for a tombstone. */
  @FunctionalInterface
  interface Listener {
    void onRecord(StoreKey key, StoreValue value);
  }

  /**
   * Starts delivering records to {@code listener}: returns once every record already in the log
   * has been delivered, then keeps delivering new ones (also those written by other instances).
   *
   * @throws RegistryException 50001/50002 when the log cannot be read
   */
  void start(Listener listener);

  /**
   * Appends a record and returns once the listener has received it (read-your-writes).
   *
   * @param value the value, or {@code null} to write a tombstone
   * @throws RegistryException 50001/50002 when the write fails or is not read back in time
   */
  void append(StoreKey key, StoreValue value);

  /** Returns once every record appended before this call, by any instance, has been delivered. */
  void sync();

  @Override
  void close();
}
