package dev.storyline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code storyline eval}: quality against labelled data. */
@Command(
    name = "eval",
    description = "Measure quality against labelled data (entities, figures, story clusters). Record results in "
        + "docs/QUALITY.md.",
    subcommands = {EvalEntitiesCommand.class, EvalFiguresCommand.class, EvalClustersCommand.class, CommandLine.HelpCommand.class})
final class EvalCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name an evaluation, e.g. storyline eval help");
  }
}
