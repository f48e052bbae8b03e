package io.peerpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code peerpulse} command line: one subcommand per user task (spec/interfaces.md). */
@Command(
    name = "peerpulse",
    mixinStandardHelpOptions = true,
    versionProvider = PeerPulse.Version.class,
    description = "Peer-support implementation indicators from service events, on Kafka Streams.",
    subcommands = {DemoCommand.class, RunCommand.class, TopicsCommand.class, ComputeCommand.class, VerifyCommand.class, GenerateCommand.class, IngestCommand.class, ExportCommand.class, RegistryCommand.class, ResetCommand.class, BenchCommand.class, ChaosCommand.class, BrokerCommand.class, CommandLine.HelpCommand.class})
public final class PeerPulse implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new PeerPulse()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PeerPulse.class.getPackage().getImplementationVersion();
      return new String[] {"peerpulse " + (version == null ? "development build" : version)};
    }
  }
}
