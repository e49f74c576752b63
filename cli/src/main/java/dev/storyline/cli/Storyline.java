package dev.storyline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code storyline} command: entry point of every Storyline process. */
@Command(
    name = "storyline",
    mixinStandardHelpOptions = true,
    // Every subcommand gets -h/--help (and -V/--version) too.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Storyline.Version.class,
    description = "News articles in, enriched articles and deduplicated story clusters out, on Apache Kafka.",
    commandListHeading = "%nCommands:%n",
    subcommands = {
        DemoCommand.class,
        UpCommand.class,
        BrokerCommand.class,
        IngestCommand.class,
        EnrichCommand.class,
        SinkCommand.class,
        StoriesCommand.class,
        StoryCommand.class,
        TailCommand.class,
        ReplayCommand.class,
        EvalCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure (the message says what to do)", "2:usage error"})
public final class Storyline implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Storyline.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Storyline's error handling: user errors are one line, not a stack trace. */
  public static CommandLine commandLine() {
    return new CommandLine(new Storyline())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          if (e instanceof UserError) {
            cmd.getErr().println("storyline " + cmd.getCommandName() + ": " + e.getMessage());
            log.debug("User error", e);
          } else {
            log.error("storyline {} failed", cmd.getCommandName(), e);
            cmd.getErr().println("storyline " + cmd.getCommandName() + ": " + e);
          }
          return 1;
        });
  }

  /** Reads the project version Maven wrote into the jar. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"storyline " + projectVersion()};
    }
  }

  /** The project version of this build. */
  static String projectVersion() {
    try (InputStream in = Storyline.class.getResourceAsStream("/storyline-cli.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
