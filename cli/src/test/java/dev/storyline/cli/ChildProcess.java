package dev.storyline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from the test's own classpath, for the reliability scenarios that kill a process
 * with SIGKILL ({@link Process#destroyForcibly()} on Unix); its output goes to a log file that a
 * failing test can show.
 */
final class ChildProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with {@code args} in a new JVM with the given heap. */
  static ChildProcess start(Path log, String heap, String mainClass, List<String> args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
        mainClass));
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new ChildProcess(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** kill -9: the process gets no chance to close anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
    }
  }

  /** The last lines of the process's output, for failure messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** Asks the process to stop (SIGTERM, its shutdown hooks run) and waits; kills it if it does not. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
