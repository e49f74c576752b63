package dev.storyline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Storyline command in a JVM of its own, started from this process's class path, with its
 * output in a log file: what {@code storyline bench scale-out} runs its enrich instances as, and
 * the reliability scenarios their broker nodes and enrich processes, so that one can be killed
 * (SIGKILL) as a crashed host would be.
 */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * The JVM flags a Storyline command runs with besides its heap, as the {@code storyline} script
   * and the container image give them: the C2 compiler alone, under which CoreNLP tags 1.3-1.5x
   * faster than with tiered compilation on JDK 17.
   */
  static final List<String> STORYLINE_JVM_FLAGS = List.of("-XX:-TieredCompilation");

  /**
   * Starts {@code mainClass} with {@code args} and the given maximum heap; Storyline's own main
   * class with {@link #STORYLINE_JVM_FLAGS} as well.
   */
  static ChildJvm start(Path log, String heap, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap));
    if (mainClass.equals(Storyline.class.getName())) {
      command.addAll(STORYLINE_JVM_FLAGS);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new ChildJvm(process, log);
    } catch (IOException e) {
      throw new UserError("cannot start " + mainClass + " in a new JVM: " + e.getMessage(), e);
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

  /** The last lines of the process's output, for error messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** Asks the process to stop (SIGTERM: its shutdown hooks run) and waits; kills it if it does not stop. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
