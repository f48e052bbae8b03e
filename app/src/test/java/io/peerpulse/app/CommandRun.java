package io.peerpulse.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code peerpulse} commands in-process and keeps what they printed, for command tests. */
public final class CommandRun {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs one command line; returns its exit code. */
  public int run(String... args) {
    CommandLine cli = PeerPulse.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** Everything printed on standard output so far. */
  public String out() {
    return out.toString();
  }

  /** Everything printed on standard error so far. */
  public String err() {
    return err.toString();
  }
}
