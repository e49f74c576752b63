package dev.storyline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the throw-away folders (broker log, Streams state, database) of benchmarks and evals. */
final class TemporaryFolders {

  private TemporaryFolders() {}

  /** Deletes {@code folder} with everything in it; nothing to do when it does not exist. */
  static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary folder " + folder, e);
    }
  }
}
