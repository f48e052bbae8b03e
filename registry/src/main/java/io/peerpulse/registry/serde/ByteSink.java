package io.peerpulse.registry.serde;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer without {@link java.io.ByteArrayOutputStream}'s per-write lock: one
 * lives per thread and is reused for every record the thread serializes.
 */
final class ByteSink extends OutputStream {

  /** A buffer grown past this by one huge record is dropped rather than kept for ever. */
  static final int RETAIN_LIMIT = 1 << 20;

  private byte[] buffer = new byte[256];
  private int count;

  /** Empties the sink and reserves {@code header} bytes at its start. */
  void reset(int header) {
    count = 0;
    ensure(header);
    count = header;
  }

  @Override
  public void write(int b) {
    ensure(1);
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, count, length);
    count += length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, count);
  }

  int capacity() {
    return buffer.length;
  }

  private void ensure(int more) {
    if (count + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
    }
  }
}
