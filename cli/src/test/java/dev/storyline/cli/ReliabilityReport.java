package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.cli.reliability.ReliabilityChecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Prints a scenario's row of figures, appends it to {@code target/reliability-figures.md} (the
 * source of the table in docs/RELIABILITY.md), and asserts the values the suite requires.
 */
final class ReliabilityReport {

  static final String HEADER = "| scenario | inputs | lost | duplicated members | misrouted | unaccounted invalid "
      + "| ARI vs fault-free | recovery |";

  private ReliabilityReport() {}

  static void recordAndAssert(ReliabilityChecker.Figures figures, ReliabilityRun run) {
    System.out.println(HEADER);
    System.out.println(figures);
    if (!figures.duplicatedMembers().isEmpty()) {
      System.out.println("stories holding a duplicated member:\n" + run.storiesWith(figures.duplicatedMembers()));
    }
    try {
      Path file = Path.of("target", "reliability-figures.md");
      Files.createDirectories(file.getParent());
      Files.writeString(file, figures.row() + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(figures.lost()).as("lost: acknowledged valid inputs neither stored nor rejected").isEmpty();
    assertThat(figures.duplicatedMembers()).as("articles that are a story member more than once").isEmpty();
    assertThat(figures.misrouted()).as("valid inputs rejected or invalid inputs stored").isEmpty();
    assertThat(figures.unaccountedInvalid()).as("invalid inputs neither rejected nor stored").isEmpty();
    assertThat(figures.adjustedRandIndex()).as("adjusted Rand index against the fault-free run").isEqualTo(1.0);
  }
}
