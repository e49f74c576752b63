package dev.storyline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Ingests files and folders: every supported file under the given paths (recursively, optionally
 * filtered by a glob), in path order, each input published or refused, never both and never
 * neither. One bad input does not stop the others. The articles of a run are sent in publication
 * order, not file order (see {@link OutcomeBatch}).
 */
public final class FileIngest {

  private final ArticleParser parser;
  private final OutcomeSink sink;
  private final Consumer<IngestOutcome> progress;

  /**
   * @param parser reads each file
   * @param sink where outcomes go (Kafka, or a dry run that only counts)
   * @param progress called once per outcome, for progress displays
   */
  public FileIngest(ArticleParser parser, OutcomeSink sink, Consumer<IngestOutcome> progress) {
    this.parser = parser;
    this.sink = sink;
    this.progress = progress;
  }

  /**
   * The files a run would read: regular files under {@code paths} whose format is known and whose
   * path (relative to the folder given) matches {@code glob} when one is given. Sorted, so runs
   * are repeatable.
   *
   * @throws IllegalArgumentException naming the path when one does not exist
   */
  public static List<Path> files(List<Path> paths, Optional<String> glob) {
    Optional<PathMatcher> matcher = glob.map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g));
    List<Path> files = new ArrayList<>();
    for (Path root : paths) {
      if (!Files.exists(root)) {
        throw new IllegalArgumentException(root + ": no such file or folder");
      }
      if (Files.isRegularFile(root)) {
        files.add(root);
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> InputFormat.forFile(p).isPresent())
            .filter(p -> matcher.map(m -> m.matches(root.relativize(p)) || m.matches(p.getFileName())).orElse(true))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(root + ": cannot list folder: " + e.getMessage(), e);
      }
    }
    return files;
  }

  /**
   * Reads, validates and sends every file, the articles of the run in publication order (see
   * {@link OutcomeBatch}); returns once the sink has acknowledged everything.
   */
  public IngestSummary ingest(List<Path> files) {
    OutcomeBatch batch = new OutcomeBatch(sink, progress, true);
    for (Path file : files) {
      if (InputFormat.forFile(file).orElse(InputFormat.TEXT) == InputFormat.JSONL) {
        sendJsonLines(file, batch);
      } else {
        read(file).forEach(batch::add);
      }
    }
    return batch.finish();
  }

  /**
   * A JSONL file, streamed: parsed on a second thread while this one sends (a bulk load uses two
   * cores), with the same outcomes, line numbers and origins as {@link #read}.
   */
  private void sendJsonLines(Path file, OutcomeBatch batch) {
    try (InputStream in = Files.newInputStream(file)) {
      new StreamIngest(parser, sink, progress, Clock.systemUTC()).sendJsonLines(file.toString(), in, batch);
    } catch (IOException e) {
      // As read() refuses an unreadable file; lines sent before a failure mid-file stay sent.
      batch.add(new IngestOutcome.Refused(file + ":1", "cannot read file: " + e.getMessage(), new byte[0], null));
    }
  }

  /** The outcomes of one file, not yet sent. */
  public List<IngestOutcome> read(Path file) {
    try {
      return parse(file, Files.readAllBytes(file), Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      return List.of(new IngestOutcome.Refused(file + ":1", "cannot read file: " + e.getMessage(), new byte[0], null));
    }
  }

  /** The outcomes of a file's content, read by the caller (a folder watch hashes it too). */
  List<IngestOutcome> parse(Path file, byte[] bytes, Instant modified) {
    InputFormat format = InputFormat.forFile(file).orElse(InputFormat.TEXT);
    String name = file.getFileName().toString();
    String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    return parser.parse(file.toString(), bytes, format, stem, modified);
  }
}
