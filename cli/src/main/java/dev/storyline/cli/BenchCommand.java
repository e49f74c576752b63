package dev.storyline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code storyline bench}: throughput and latency benchmarks, each next to its ceiling. */
@Command(
    name = "bench",
    description = "Benchmarks on the embedded broker; each prints its figures next to the ceiling measured in the "
        + "same run. Record results in docs/BENCHMARKS.md.",
    subcommands = {BenchEnrichCommand.class, BenchSinkCommand.class, BenchIngestCommand.class, BenchClusterCommand.class, BenchReplayCommand.class,
        CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark, e.g. storyline bench help");
  }
}
