package io.peerpulse.app;

import io.peerpulse.streams.compute.OfflineCompute;
import java.io.PrintWriter;

/** The summary of an input file that {@code compute} and {@code verify} print on stderr. */
final class InputReport {

  private static final int LISTED_LINES = 20;

  private InputReport() {}

  static void print(PrintWriter err, String command, OfflineCompute.Result result) {
    err.printf("%s: %d lines read, %d events accepted%n", command, result.linesRead(), result.eventsPiped());
    result.rejectedByReason().forEach((reason, count) -> err.printf("%s:   rejected %-20s %d%n", command, reason, count));
    result.rejectedLines().stream().limit(LISTED_LINES).forEach(rejected ->
        err.printf("%s:   line %d: %s %s%n", command, rejected.line(), rejected.rejection().reason(),
            rejected.rejection().message()));
    if (result.rejectedLines().size() > LISTED_LINES) {
      err.printf("%s:   ... and more rejected lines%n", command);
    }
  }
}
