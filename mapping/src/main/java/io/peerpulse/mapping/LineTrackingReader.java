package io.peerpulse.mapping;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * A reader that can tell the line of a character position already read, so a register row can be
 * reported at the line a user sees in an editor even when quoted cells span lines. Positions must
 * be asked in increasing order: newline offsets below the last position asked are dropped, so
 * memory stays bounded by the CSV parser's read-ahead however long the file is. A leading
 * byte-order mark (spreadsheets write one) is skipped.
 */
final class LineTrackingReader extends Reader {

  private static final char BOM = '\uFEFF';

  private final Reader in;
  private final ArrayDeque<Long> newlines = new ArrayDeque<>();
  private long position;
  private long linesDropped;
  private boolean started;

  LineTrackingReader(Reader in) {
    this.in = in;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0 && !started) {
      started = true;
      if (buffer[offset] == BOM) {
        System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
        n--;
        if (n == 0) {
          return read(buffer, offset, length);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (buffer[offset + i] == '\n') {
        newlines.addLast(position + i);
      }
    }
    if (n > 0) {
      position += n;
    }
    return n;
  }

  /** The 1-based line of character position {@code charPosition} (counted after the BOM). */
  long lineOf(long charPosition) {
    while (!newlines.isEmpty() && newlines.peekFirst() < charPosition) {
      newlines.removeFirst();
      linesDropped++;
    }
    return linesDropped + 1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
