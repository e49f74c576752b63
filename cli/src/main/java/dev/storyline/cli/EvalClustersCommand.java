package dev.storyline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import dev.storyline.enrich.ClusterScores;
import dev.storyline.enrich.ClusteringSettings;
import dev.storyline.enrich.EnrichService;
import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.ingest.IngestOutcome;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code storyline eval clusters}: pushes a labelled JSONL (gold story in the {@code story} field)
 * through the real pipeline — ingest parser and producer, the enrich app with its clustering
 * stage — on a throw-away embedded broker, reads every story state from the stories topic and
 * scores the final memberships with {@link ClusterScores}.
 *
 * <p>The whole file is one bulk replay, so the reorder grace defaults to ten years: every article
 * waits in the reorder buffer until the input goes idle and is then assigned in (published, id)
 * order, whatever the interleaving of the partitions (see {@link ClusteringSettings}).
 */
@Command(
    name = "clusters",
    description = "Runs a labelled JSONL (gold label in the 'story' field) through ingest, enrichment and "
        + "clustering on a temporary embedded broker and prints BCubed and pairwise precision/recall/F1, "
        + "adjusted Rand index, stories found vs gold and articles/s.")
final class EvalClustersCommand extends StorylineSubcommand {

  @Parameters(paramLabel = "FILE", description = "Labelled JSONL, e.g. ../shared/eval/allsides.jsonl.")
  Path file;

  @Option(names = "--json", description = "Print the results as one JSON object.")
  boolean json;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
      description = "Partitions of the input topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT60M",
      description = "Give up when not every article is in a story after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Extra enrich setting, e.g. --set storyline.cluster.similarity-threshold=0.2 (repeatable).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserError(file + ": no such file");
    }
    Map<String, String> gold = new LinkedHashMap<>();
    List<IngestOutcome.Accepted> articles = read(gold);
    if (articles.isEmpty()) {
      throw new UserError(file + ": no valid labelled articles");
    }
    Path work = Files.createTempDirectory("storyline-eval-clusters");
    Topics topics = Topics.defaults();
    Map<String, String> predicted = new HashMap<>();
    long started;
    long finished;
    try (EmbeddedKafkaBroker broker = Brokers.startTemporary(work, topics, partitions)) {
      String bootstrap = broker.bootstrapServers();
      Properties user = new Properties();
      user.setProperty(StreamsConfig.STATE_DIR_CONFIG, work.resolve("streams").toString());
      user.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "storyline-eval-clusters");
      user.setProperty(ClusteringSettings.REORDER_GRACE_CONFIG, "P3650D");
      user.setProperty(ClusteringSettings.IDLE_FLUSH_CONFIG, "PT10S");
      settings.forEach(user::setProperty);
      try (EnrichService enrich = EnrichService.create(user, bootstrap);
          KafkaConsumer<String, StoryCluster> stories = storiesConsumer(bootstrap, topics.stories())) {
        enrich.start();
        stories.subscribe(List.of(topics.stories().name()));
        started = System.nanoTime();
        try (ArticlePublisher publisher =
            new ArticlePublisher(ArticlePublisher.config(new Properties(), bootstrap), topics,
                Clock.systemUTC())) {
          articles.forEach(accepted -> publisher.publish(accepted.article()));
          publisher.flush();
        }
        err().printf("published %d articles; waiting for their stories%n", articles.size());
        finished = collect(stories, gold, predicted, started);
      }
    } finally {
      TemporaryFolders.delete(work);
    }
    ClusterScores scores = ClusterScores.of(predicted, gold);
    double perSecond = gold.size() / ((finished - started) / 1e9);
    print(scores, perSecond);
    return 0;
  }

  private List<IngestOutcome.Accepted> read(Map<String, String> gold) throws IOException {
    ArticleParser parser = new ArticleParser(Clock.systemUTC(), ArticleParser.DEFAULT_MAX_BODY_BYTES);
    ObjectMapper mapper = new ObjectMapper();
    Map<String, IngestOutcome.Accepted> byId = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int refused = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String position = file + ":" + (i + 1);
      JsonNode story = mapper.readTree(line).get("story");
      if (story == null || story.asText().isBlank()) {
        throw new UserError(position + ": no gold label in the 'story' field");
      }
      IngestOutcome outcome = parser.parseJsonAt(position, line.getBytes(StandardCharsets.UTF_8));
      if (outcome instanceof IngestOutcome.Accepted accepted) {
        byId.put(accepted.article().getId(), accepted);
        gold.put(accepted.article().getId(), story.asText());
      } else if (outcome instanceof IngestOutcome.Refused r) {
        refused++;
        err().println(r.origin() + ": refused, not scored: " + r.reason());
      }
    }
    if (refused > 0) {
      err().printf("%d lines refused by the parser are left out of the scores%n", refused);
    }
    return List.copyOf(byId.values());
  }

  /** Reads story states until every article is in a story; returns when the last one arrived. */
  private long collect(KafkaConsumer<String, StoryCluster> stories, Map<String, String> gold,
      Map<String, String> predicted, long started) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastAssignment = started;
    int reported = 0;
    while (predicted.size() < gold.size()) {
      if (System.nanoTime() > deadline) {
        throw new UserError(String.format(Locale.ROOT,
            "only %d of %d articles reached a story within %s; raise --timeout or see the log for "
                + "rejections", predicted.size(), gold.size(), timeout));
      }
      for (ConsumerRecord<String, StoryCluster> record : stories.poll(Duration.ofMillis(500))) {
        for (StoryMember member : record.value().getMembers()) {
          if (gold.containsKey(member.getArticleId())
              && predicted.put(member.getArticleId(), record.value().getStoryId()) == null) {
            lastAssignment = System.nanoTime();
          }
        }
      }
      if (predicted.size() / 500 > reported) {
        reported = predicted.size() / 500;
        err().printf("%d of %d articles in stories%n", predicted.size(), gold.size());
      }
    }
    return lastAssignment;
  }

  private void print(ClusterScores scores, double perSecond) throws IOException {
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      putPrecisionRecall(root.putObject("bcubed"), scores.bcubed());
      putPrecisionRecall(root.putObject("pairwise"), scores.pairwise());
      root.put("ari", round(scores.adjustedRandIndex()));
      root.put("stories", scores.clusters());
      root.put("gold_stories", scores.goldClusters());
      root.put("articles", scores.items());
      root.put("articles_per_second", Math.round(perSecond * 10) / 10.0);
      out().println(mapper.writeValueAsString(root));
    } else {
      out().printf(Locale.ROOT, "%s: %d articles, %d stories found (gold %d)%n", file,
          scores.items(), scores.clusters(), scores.goldClusters());
      out().printf(Locale.ROOT, "BCubed    P %.4f  R %.4f  F1 %.4f%n", scores.bcubed().precision(),
          scores.bcubed().recall(), scores.bcubed().f1());
      out().printf(Locale.ROOT, "pairwise  P %.4f  R %.4f  F1 %.4f%n",
          scores.pairwise().precision(), scores.pairwise().recall(), scores.pairwise().f1());
      out().printf(Locale.ROOT, "ARI       %.4f%n", scores.adjustedRandIndex());
      out().printf(Locale.ROOT, "%.1f articles/s end to end%n", perSecond);
    }
    out().flush();
  }

  private static void putPrecisionRecall(ObjectNode node, ClusterScores.PrecisionRecall pr) {
    node.put("precision", round(pr.precision()));
    node.put("recall", round(pr.recall()));
    node.put("f1", round(pr.f1()));
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static KafkaConsumer<String, StoryCluster> storiesConsumer(
      String bootstrap, Topic<String, StoryCluster> topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "storyline-eval-clusters-reader");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(
        config, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
