package dev.storyline.cli;

import dev.storyline.avro.PipelineGeneration;
import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import dev.storyline.enrich.EnrichApp;
import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.ingest.IngestOutcome;
import dev.storyline.schemas.Topics;
import dev.storyline.sink.StorySink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storyline bench replay}: the throughput of a replay next to the live enrichment
 * throughput it must at least match (issue 7), in one run on a temporary embedded broker with
 * the all-in-one services of {@code storyline up} (generational enrich and the SQLite sink).
 *
 * <p>Live: after a warm-up batch, the rest of the corpus is published to the articles topic at once
 * (a backlog, so enrichment runs as fast as it can) and timed until the enrich app has committed the last article; with
 * exactly-once processing an article's offset is committed in the transaction that writes its
 * enriched record. Replay: once the live stories are stored, {@link Replay} switches the running
 * enrich app to a new generation from the earliest article, as {@code storyline replay --from
 * earliest} does, timed from the request until the new generation has committed the last article;
 * the time until the sink has stored the rebuilt stories is printed too.
 */
@Command(
    name = "replay",
    description = "Live enrichment of a corpus, then a replay of it from the earliest article, on a temporary "
        + "embedded broker with the services of storyline up: articles/s of each and their ratio (target: "
        + "replay >= live).")
final class BenchReplayCommand extends StorylineSubcommand {

  private static final Duration POLL = Duration.ofMillis(200);

  @Option(names = "--input", paramLabel = "FILE", defaultValue = "../shared/eval/allsides.jsonl",
      description = "JSONL articles to publish (default: ${DEFAULT-VALUE}); refused lines are left out.")
  Path input;

  @Option(names = "--articles", paramLabel = "N", defaultValue = "0",
      description = "Use only the first N valid articles of --input (default: 0, all of them).")
  int limit;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "100",
      description = "Articles enriched live before the live timing starts, so both phases run on a warm JVM "
          + "(default: ${DEFAULT-VALUE}); the replay re-enriches them too.")
  int warmup;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = TopicOptions.DEFAULT_PARTITIONS,
      description = "Partitions of the topics (default: ${DEFAULT-VALUE}, as storyline up creates them).")
  int partitions;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
      description = "Give up when a phase takes longer than this (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<IngestOutcome.Accepted> articles = read();
    int n = articles.size();
    Path work = Files.createTempDirectory("storyline-bench-replay");
    Topics topics = Topics.defaults();
    AtomicReference<String> failure = new AtomicReference<>();
    try (EmbeddedKafkaBroker broker = Brokers.startTemporary(work, topics, partitions)) {
      String bootstrap = broker.bootstrapServers();
      Properties config = new Properties();
      config.setProperty(StreamsConfig.STATE_DIR_CONFIG, work.resolve("streams").toString());
      String jdbcUrl = "jdbc:sqlite:" + work.resolve("storyline.db");
      try (GenerationalEnrich enrich = GenerationalEnrich.start(config, bootstrap, topics, failure::set);
          SinkRunner sink = SinkRunner.start(new Properties(), bootstrap, topics, jdbcUrl, failure::set);
          Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        // Replay's offset reads time both phases; its progress lines are not printed.
        Replay replay = new Replay(new Properties(), bootstrap, topics, timeout, StorySink.DEFAULT_GROUP_ID,
            new PrintWriter(new StringWriter()));
        double liveSeconds;
        int warm = Math.min(warmup, n / 2);
        err().printf("bench replay: %d articles, %d of them to warm up%n", n, warm);
        err().flush();
        try (ArticlePublisher publisher = new ArticlePublisher(
            ArticlePublisher.config(new Properties(), bootstrap), topics, Clock.systemUTC())) {
          articles.subList(0, warm).forEach(accepted -> publisher.publish(accepted.article()));
          publisher.flush();
          awaitEnriched(replay, admin, topics, EnrichApp.APPLICATION_ID, failure, "warm-up");
          long liveStart = System.nanoTime();
          articles.subList(warm, n).forEach(accepted -> publisher.publish(accepted.article()));
          publisher.flush();
          awaitEnriched(replay, admin, topics, EnrichApp.APPLICATION_ID, failure, "live");
          liveSeconds = (System.nanoTime() - liveStart) / 1e9;
        }
        int liveArticles = n - warm;
        err().printf(Locale.ROOT, "live: %d articles enriched in %.1f s%n", liveArticles, liveSeconds);
        err().flush();

        // A replay request arrives at a running pipeline; let the live stories settle first.
        PipelineGeneration previous = PipelineGenerations.current(new Properties(), bootstrap, topics)
            .orElse(PipelineGenerations.initial(EnrichApp.APPLICATION_ID));
        replay.awaitCaughtUp(previous, Optional.empty(), jdbcUrl);
        err().println("live stories stored; replaying from the earliest article");
        err().flush();

        long replayStart = System.nanoTime();
        PipelineGeneration next = replay.begin(previous, EnrichApp.APPLICATION_ID, Optional.empty());
        awaitEnriched(replay, admin, topics, next.getApplicationId(), failure, "replay");
        double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
        replay.awaitCaughtUp(next, Optional.empty(), jdbcUrl);
        double storedSeconds = (System.nanoTime() - replayStart) / 1e9;

        double live = liveArticles / liveSeconds;
        double replayed = n / replaySeconds;
        out().printf(Locale.ROOT, "live:   %,d articles enriched in %.1f s = %.1f articles/s (after %d to warm up)%n",
            liveArticles, liveSeconds, live, warm);
        out().printf(Locale.ROOT, "replay: %,d articles re-enriched in %.1f s = %.1f articles/s "
            + "(from the replay request, including the switch to generation %d)%n", n, replaySeconds, replayed,
            next.getGeneration());
        out().printf(Locale.ROOT, "replay: stories rebuilt and stored by the sink %.1f s after the request%n",
            storedSeconds);
        out().printf(Locale.ROOT, "ratio replay / live: %.0f%% (target >= 100%%)%n", 100 * replayed / live);
        out().flush();
      }
    } finally {
      TemporaryFolders.delete(work);
    }
    return 0;
  }

  private List<IngestOutcome.Accepted> read() throws IOException {
    if (!Files.isRegularFile(input)) {
      throw new UserError(input + ": no such file (--input)");
    }
    ArticleParser parser = new ArticleParser(Clock.systemUTC(), ArticleParser.DEFAULT_MAX_BODY_BYTES);
    List<IngestOutcome.Accepted> articles = new ArrayList<>();
    List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size() && (limit <= 0 || articles.size() < limit); i++) {
      if (!lines.get(i).isBlank()
          && parser.parseJsonAt(input + ":" + (i + 1), lines.get(i).getBytes(StandardCharsets.UTF_8))
              instanceof IngestOutcome.Accepted accepted) {
        articles.add(accepted);
      }
    }
    if (articles.isEmpty()) {
      throw new UserError(input + ": no valid articles");
    }
    return articles;
  }

  /**
   * Waits until the enrich app's consumer group {@code group} has committed the end of every
   * partition of the articles topic: with exactly-once processing an article's offset is committed
   * in the transaction that wrote its enriched record.
   */
  private void awaitEnriched(Replay replay, Admin admin, Topics topics, String group,
      AtomicReference<String> failure, String phase) throws InterruptedException {
    Map<TopicPartition, Long> end =
        replay.offsets(admin, topics.articles().name(), OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
    long total = end.values().stream().mapToLong(Long::longValue).sum();
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastReport = System.nanoTime();
    while (true) {
      Map<TopicPartition, Long> committed = replay.committed(admin, group);
      long done = end.keySet().stream().mapToLong(tp -> Math.min(end.get(tp), committed.getOrDefault(tp, 0L))).sum();
      if (done >= total) {
        return;
      }
      if (failure.get() != null) {
        throw new UserError(phase + ": a service stopped: " + failure.get());
      }
      if (System.nanoTime() > deadline) {
        throw new UserError(phase + ": only " + done + " of " + total + " articles enriched within " + timeout
            + "; raise --timeout");
      }
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
        lastReport = System.nanoTime();
        err().printf("%s: %d of %d articles enriched%n", phase, done, total);
        err().flush();
      }
      Thread.sleep(POLL.toMillis()); // polling offsets: the broker has nothing to notify us with
    }
  }
}
