package io.peerpulse.app.export;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The export's progress on standard error, at most twice a second: rewritten in place on a
 * terminal ({@code \r}), otherwise a new line at most every {@value #PLAIN_INTERVAL_SECONDS}
 * seconds (logs of scheduled exports). Small topics finish before the first line is due.
 */
public final class ProgressLine implements PublishedTopicReader.Progress {

  static final long PLAIN_INTERVAL_SECONDS = 5;
  private static final long TERMINAL_INTERVAL_NANOS = 500_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final boolean shown;
  private final long started = System.nanoTime();
  private long lastShown = started;
  private boolean rewriting;

  /**
   * @param terminal whether {@code err} is a terminal (rewrite one line in place)
   * @param shown false for {@code --quiet}
   */
  public ProgressLine(PrintWriter err, boolean terminal, boolean shown) {
    this.err = err;
    this.terminal = terminal;
    this.shown = shown;
  }

  @Override
  public void update(long recordsRead, long offsetsDone, long offsetsTotal) {
    long now = System.nanoTime();
    long interval = terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_SECONDS * 1_000_000_000L;
    if (!shown || now - lastShown < interval) {
      return;
    }
    lastShown = now;
    String line = text(recordsRead, offsetsDone, offsetsTotal, (now - started) / 1e9);
    if (terminal) {
      err.print("\r" + line + "   ");
      rewriting = true;
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Clears a line rewritten in place, so the summary starts on a clean line. */
  public void done() {
    if (rewriting) {
      err.print("\r\033[K");
      err.flush();
    }
  }

  /** Seconds since this was created. */
  public double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  static String text(long recordsRead, long offsetsDone, long offsetsTotal, double seconds) {
    double percent = offsetsTotal == 0 ? 100 : 100.0 * offsetsDone / offsetsTotal;
    // A compacted topic has fewer records than offsets: the total is an upper bound, the percentage exact.
    return String.format(Locale.ROOT, "export: %,d of at most %,d records read (%.0f%%), %,.0f records/s", recordsRead,
        offsetsTotal, percent, seconds > 0 ? recordsRead / seconds : 0);
  }
}
