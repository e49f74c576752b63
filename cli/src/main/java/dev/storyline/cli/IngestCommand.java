package dev.storyline.cli;

import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.ingest.FileIngest;
import dev.storyline.ingest.IngestOutcome;
import dev.storyline.ingest.IngestSummary;
import dev.storyline.ingest.OutcomeSink;
import dev.storyline.avro.Article;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code storyline ingest}: publishes articles from files and folders. */
@Command(
    name = "ingest",
    description = "Publish articles from files and folders to the articles topic; refused input goes to the "
        + "rejected topic with its reason.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every input was published",
        "1:failure (cluster unreachable, unreadable path)",
        "2:usage error",
        "3:finished, but some inputs were refused or not acknowledged (listed as FILE:LINE: reason)"})
final class IngestCommand extends StorylineSubcommand {

  static final int SOME_REFUSED = 3;

  @Mixin KafkaOptions kafka;
  @Mixin TopicOptions topicOptions;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Files or folders (read recursively). Formats by extension: .txt (the seeds/ form), "
          + ".json (one article), .jsonl/.ndjson (one article per line).")
  List<Path> paths;

  @Option(names = "--glob", paramLabel = "GLOB",
      description = "Only files in folders whose relative path or name matches, e.g. '*.jsonl' or '2025/**/*.txt'.")
  String glob;

  @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576",
      description = "Refuse articles whose body is larger than N bytes of UTF-8 (default: ${DEFAULT-VALUE}).")
  int maxBodyBytes;

  @Option(names = "--dry-run", description = "Validate and report, publish nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    if (maxBodyBytes <= 0) {
      throw new UserError("--max-body-bytes must be positive, was " + maxBodyBytes);
    }
    List<Path> files;
    try {
      files = FileIngest.files(paths, Optional.ofNullable(glob));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    IngestSummary summary = dryRun ? run(files, new DryRun()) : publish(files);
    summary.refused().forEach(r -> err().println(r.describe()));
    summary.failed().forEach(err()::println);
    out().println((dryRun ? "dry run: " : "") + summary.line());
    return summary.allPublished() ? 0 : SOME_REFUSED;
  }

  private IngestSummary publish(List<Path> files) {
    String bootstrap = kafka.bootstrapServers();
    TopicCreator.ensureTopics(kafka.clientProperties(), bootstrap, kafka.topics(),
        topicOptions.partitions(), topicOptions.replicationFactor());
    try (ArticlePublisher publisher = new ArticlePublisher(
        ArticlePublisher.config(kafka.clientProperties(), bootstrap), kafka.topics(), Clock.systemUTC())) {
      return run(files, publisher);
    }
  }

  private IngestSummary run(List<Path> files, OutcomeSink sink) {
    Progress progress = Progress.onStderr("ingest");
    ArticleParser parser = new ArticleParser(Clock.systemUTC(), maxBodyBytes);
    IngestSummary summary = new FileIngest(parser, sink,
        outcome -> progress.step(outcome instanceof IngestOutcome.Refused)).ingest(files);
    progress.finish();
    return summary;
  }

  /** Validates only: every outcome succeeds at once and nothing leaves the process. */
  private static final class DryRun implements OutcomeSink {
    @Override
    public CompletableFuture<?> publish(Article article) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<?> reject(IngestOutcome.Refused refused) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {}
  }
}
