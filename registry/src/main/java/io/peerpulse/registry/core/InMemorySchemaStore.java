package io.peerpulse.registry.core;

/**
 * A store that keeps nothing but delivers each record straight to the listener: for tests and
 * {@code mock://} registries, where the state lives only as long as the registry object.
 */
public final class InMemorySchemaStore implements SchemaStore {

  private Listener listener;

  @Override
  public synchronized void start(Listener newListener) {
    if (listener != null) {
      throw new IllegalStateException("store already started");
    }
    listener = newListener;
  }

  @Override
  public synchronized void append(StoreKey key, StoreValue value) {
    if (listener == null) {
      throw new IllegalStateException("store not started");
    }
    listener.onRecord(key, value);
  }

  @Override
  public void sync() {
    // Appends are delivered synchronously, so there is never anything to wait for.
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
