package dev.storyline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: its results go to picocli's output writer and its diagnostics to
 * the error writer, so tests and embedding programs can capture both.
 */
abstract class StorylineSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
