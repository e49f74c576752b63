package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

class StorylineCommandTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void shouldListEverySubcommandWithAOneLineDescription() {
    // When
    Run help = run("--help");
    // Then
    assertThat(help.exitCode()).isZero();
    for (String command : List.of("demo", "up", "broker", "ingest", "enrich", "sink", "stories", "story", "tail", "replay", "eval", "bench", "help")) {
      assertThat(help.out()).containsPattern("(?m)^  " + command + " +\\S");
    }
  }

  @Test
  void shouldDescribeEveryOptionAndParameterOfEveryCommand() {
    List<String> undocumented = new ArrayList<>();
    CommandLine root = Storyline.commandLine();
    for (CommandLine command : root.getSubcommands().values()) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        if (String.join("", option.description()).isBlank()) {
          undocumented.add(command.getCommandName() + " " + option.longestName());
        }
      }
      for (PositionalParamSpec parameter : command.getCommandSpec().positionalParameters()) {
        if (String.join("", parameter.description()).isBlank()) {
          undocumented.add(command.getCommandName() + " " + parameter.paramLabel());
        }
      }
      assertThat(run(command.getCommandName(), "--help").exitCode()).as(command.getCommandName()).isZero();
    }
    assertThat(undocumented).isEmpty();
  }

  @Test
  void shouldExitWithUsageCodeAndNameTheProblemForBadOptions() {
    Run run = run("ingest");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Missing required parameter: 'PATH'");
  }

  @Test
  void shouldRefuseAMissingPathInOneLineWithoutAStackTrace() {
    Run run = run("ingest", "--dry-run", "no/such/folder");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("storyline ingest: no/such/folder: no such file or folder" + System.lineSeparator());
  }

  @Test
  void shouldValidateSeedsInADryRunWithoutKafka() {
    Run run = run("ingest", "--dry-run", "../seeds");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("dry run: 5 published, 0 refused, 0 failed" + System.lineSeparator());
  }
}
