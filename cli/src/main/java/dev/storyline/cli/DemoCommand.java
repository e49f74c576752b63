package dev.storyline.cli;

import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.ingest.FileIngest;
import dev.storyline.ingest.IngestOutcome;
import dev.storyline.ingest.IngestSummary;
import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryDetail;
import dev.storyline.sink.StoryFilter;
import dev.storyline.sink.StoryQueries;
import dev.storyline.sink.StorySummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code storyline demo}: the whole pipeline over the seed articles, then the stories it made. */
@Command(
    name = "demo",
    description = "Start the embedded broker, enrich and sink, publish the articles in seeds/, wait until every "
        + "one is in a story, print the stories and stop. Running it again adds nothing: ids are stable and "
        + "the sink is idempotent.")
final class DemoCommand extends StorylineSubcommand {

  @Mixin KafkaOptions kafka;
  @Mixin TopicOptions topicOptions;
  @Mixin DataOptions data;
  @Mixin DatabaseOptions database;

  @Option(names = "--seeds", paramLabel = "DIR", defaultValue = "seeds",
      description = "Folder of articles to run through the pipeline (default: ${DEFAULT-VALUE}).")
  Path seeds;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
      description = "Give up when the articles are not all in stories after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    List<Path> files;
    try {
      files = FileIngest.files(List.of(seeds), Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new UserError("--seeds: " + e.getMessage(), e);
    }
    AtomicReference<String> failure = new AtomicReference<>();
    try (Pipeline pipeline = Pipeline.start(kafka, topicOptions, data, database, failure::set)) {
      Set<String> ids = new TreeSet<>();
      IngestSummary summary;
      try (ArticlePublisher publisher = new ArticlePublisher(
          ArticlePublisher.config(kafka.clientProperties(), pipeline.bootstrapServers()), kafka.topics(),
          Clock.systemUTC())) {
        summary = new FileIngest(new ArticleParser(Clock.systemUTC(), ArticleParser.DEFAULT_MAX_BODY_BYTES),
            publisher, outcome -> {
              if (outcome instanceof IngestOutcome.Accepted accepted) {
                ids.add(accepted.article().getId());
              }
            }).ingest(files);
      }
      summary.refused().forEach(r -> err().println(r.describe()));
      err().printf("demo: %s from %s (Kafka on %s)%n", summary.line(), seeds, pipeline.bootstrapServers());
      if (!summary.failed().isEmpty()) {
        throw new UserError("Kafka did not acknowledge every article: " + summary.failed());
      }
      StoryQueries queries = new StoryQueries(StoryDatabase.open(database.jdbcUrl(data)));
      awaitStories(queries, ids, failure);
      printStories(queries, ids);
    }
    return 0;
  }

  private void awaitStories(StoryQueries queries, Set<String> ids, AtomicReference<String> failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    Progress progress = Progress.onStderr("demo: articles in stories");
    int stored = 0;
    while (true) {
      if (failure.get() != null) {
        throw new UserError(failure.get());
      }
      int now = queries.storedArticles(ids).size();
      for (; stored < now; stored++) {
        progress.step(false);
      }
      if (now == ids.size()) {
        progress.finish();
        return;
      }
      if (System.nanoTime() > deadline) {
        progress.finish();
        throw new UserError(now + " of " + ids.size() + " articles reached the database within " + timeoutSeconds
            + " s; raise --timeout, or run with STORYLINE_LOG_LEVEL=INFO to see where they stopped");
      }
      Thread.sleep(200); // polling a database: there is nothing to be notified by
    }
  }

  private void printStories(StoryQueries queries, Set<String> ids) {
    List<StoryDetail> stories = new ArrayList<>();
    for (StorySummary summary : queries.list(StoryFilter.all())) {
      queries.story(summary.storyId())
          .filter(s -> s.members().stream().anyMatch(m -> ids.contains(m.articleId())))
          .ifPresent(stories::add);
    }
    out().printf("%d %s from %d articles:%n%n", stories.size(), stories.size() == 1 ? "story" : "stories",
        ids.size());
    for (StoryDetail story : stories) {
      StoryPrinter.printDetail(out(), story);
      out().println();
    }
    out().flush();
  }
}
