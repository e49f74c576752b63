package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storyline.avro.Article;
import dev.storyline.enrich.ClusteringSettings;
import dev.storyline.enrich.EnrichService;
import dev.storyline.schemas.AvroSerde;
import dev.storyline.schemas.Topics;
import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryDetail;
import dev.storyline.sink.StoryFilter;
import dev.storyline.sink.StoryQueries;
import dev.storyline.sink.StorySummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clustering stage gives the same stories whatever the interleaving of the input partitions:
 * the same articles, each partition in time order, once interleaved by time and once one whole
 * partition after the other, seconds apart, while the pipeline runs (so the first partition's
 * event time runs weeks ahead of the others'), end in the same stories. Stories close after the
 * 7-day horizon in between, so an article assigned out of order would start a story of its own.
 * The idle flush is 10 s here (a silent partition then holds the others for 100 s), so a loaded
 * machine does not release anything before every partition has been heard from.
 */
@ExtendWith(SharedBroker.class)
class InterleavingDeterminismIT {

  private static final int PARTITIONS = 3;
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
  /** Between one partition's articles and the next's: time for the first to be enriched. */
  private static final Duration PAUSE = Duration.ofSeconds(5);

  @TempDir Path dir;

  /** Three subjects, each covered daily for a while, then again after a pause longer than the horizon. */
  private static List<Article> corpus() {
    String[][] subjects = {
        {"Northern farms face worst drought in decades",
            "Reservoirs across the northern valley fell below a third of capacity and wheat growers"
                + " cut plantings as irrigation quotas shrank; hydrologists blamed a dry winter"},
        {"Opposition leader tours marginal seats before the vote",
            "The parliamentary campaign turned on rents and mortgages as the opposition leader"
                + " promised council housing while ministers defended interest rate policy"},
        {"Spaceport launch slips again over fuel valve fault",
            "Engineers at the coastal spaceport scrubbed the rocket launch after a faulty fuel"
                + " valve was found during fuelling; the satellite payload stays in its hangar"},
    };
    List<Article> articles = new ArrayList<>();
    for (int s = 0; s < subjects.length; s++) {
      for (int day = 0; day < 30; day++) {
        boolean covered = day < 8 || day >= 18;
        if (!covered) {
          continue;
        }
        for (int outlet = 0; outlet < 2; outlet++) {
          Instant published = START.plus(Duration.ofDays(day)).plus(Duration.ofHours(s * 2L + outlet));
          String id = "det-" + s + "-" + day + "-" + outlet;
          articles.add(Article.newBuilder().setId(id).setSource("Outlet " + outlet)
              .setTitle(subjects[s][0])
              .setBody(subjects[s][1] + (outlet == 0 ? ", officials said." : ", according to reports."))
              .setPublished(published).setIngestedAt(published).build());
        }
      }
    }
    return articles;
  }

  @Test
  void shouldGiveTheSameStoriesWhenOnePartitionRunsWeeksAheadOfTheOthers() throws Exception {
    // Given the corpus in time order, and the same one partition after another
    List<Article> byTime = new ArrayList<>(corpus());
    byTime.sort(Comparator.comparing(Article::getPublished).thenComparing(Article::getId));
    List<Article> byPartition = new ArrayList<>(byTime);
    byPartition.sort(Comparator.comparingInt(InterleavingDeterminismIT::partitionOf));

    // When each runs through a fresh pipeline, the second with pauses between partitions
    List<TreeSet<String>> interleaved = run("by-time", byTime, Duration.ZERO);
    List<TreeSet<String>> partitionAfterPartition = run("by-partition", byPartition, PAUSE);

    // Then the stories are the same, and the pauses split each subject into two stories
    assertThat(partitionAfterPartition).containsExactlyInAnyOrderElementsOf(interleaved);
    assertThat(interleaved).hasSize(6);
  }

  private static int partitionOf(Article article) {
    return Utils.toPositive(Utils.murmur2(article.getId().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  /**
   * The members of every story a fresh pipeline makes of {@code articles}, sent in that order,
   * with {@code pause} whenever the partition changes.
   */
  private List<TreeSet<String>> run(String name, List<Article> articles, Duration pause)
      throws Exception {
    String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    Topics topics = Topics.withPrefix("it-" + run + ".");
    TopicCreator.ensureTopics(new Properties(), SharedBroker.bootstrapServers(), topics, PARTITIONS, (short) 1);
    String jdbcUrl = "jdbc:sqlite:" + dir.resolve(run + ".db");
    Properties streams = new Properties();
    streams.setProperty(Topics.PREFIX_CONFIG, "it-" + run + ".");
    streams.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "it-enrich-" + run);
    streams.setProperty(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams-" + run).toString());
    streams.setProperty(ClusteringSettings.IDLE_FLUSH_CONFIG, "PT10S");
    AtomicReference<String> failure = new AtomicReference<>();
    try (EnrichService enrich = EnrichService.create(streams, SharedBroker.bootstrapServers())) {
      enrich.start();
      Properties sinkClient = new Properties();
      sinkClient.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "it-sink-" + run);
      try (SinkRunner sink = SinkRunner.start(sinkClient, SharedBroker.bootstrapServers(), topics, jdbcUrl, failure::set)) {
        send(topics, articles, pause);
        StoryQueries queries = new StoryQueries(StoryDatabase.open(jdbcUrl));
        List<String> ids = articles.stream().map(Article::getId).toList();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
            assertThat(queries.storedArticles(ids)).hasSameSizeAs(ids));
      }
    }
    assertThat(failure.get()).isNull();
    StoryQueries queries = new StoryQueries(StoryDatabase.open(jdbcUrl));
    List<TreeSet<String>> stories = new ArrayList<>();
    for (StorySummary summary : queries.list(StoryFilter.all())) {
      StoryDetail story = queries.story(summary.storyId()).orElseThrow();
      stories.add(new TreeSet<>(story.members().stream().map(StoryDetail.Member::articleId).toList()));
    }
    return stories;
  }

  /** Sends the articles in the given order, each to the partition its key hashes to. */
  private static void send(Topics topics, List<Article> articles, Duration pause) throws Exception {
    Properties config = new Properties();
    config.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    config.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    AvroSerde<Article> serde = AvroSerde.of(Article.class);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      int partition = -1;
      for (Article article : articles) {
        if (partition >= 0 && partitionOf(article) != partition) {
          Thread.sleep(pause.toMillis()); // pacing of the input, not a wait for a condition
        }
        partition = partitionOf(article);
        producer.send(new ProducerRecord<>(topics.articles().name(), partitionOf(article), article.getId(),
            serde.encode(topics.articles().name(), article))).get();
      }
    }
  }
}
