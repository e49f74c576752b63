package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storyline.avro.Article;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.enrich.EnrichService;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.schemas.Topics;
import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryDetail;
import dev.storyline.sink.StoryFilter;
import dev.storyline.sink.StoryQueries;
import dev.storyline.sink.StorySummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a real broker: ingest's producer, the enrich Streams app (exactly-once)
 * and the sink into SQLite. Subclasses provide the broker (the embedded one, or Testcontainers'
 * Kafka where Docker exists). Every test has its own topics, application id and group.
 */
abstract class PipelineContract {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Instant APRIL_14 = Instant.parse("2025-04-14T09:00:00Z");

  @TempDir Path dir;

  private Topics topics;
  private Properties client;
  private String jdbcUrl;

  /** Bootstrap servers of the broker under test. */
  abstract String bootstrapServers();

  @BeforeEach
  void uniqueNames() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    topics = Topics.withPrefix("it-" + run + ".");
    client = new Properties();
    client.setProperty(Topics.PREFIX_CONFIG, "it-" + run + ".");
    jdbcUrl = "jdbc:sqlite:" + dir.resolve("stories.db");
    TopicCreator.ensureTopics(new Properties(), bootstrapServers(), topics, 2, (short) 1);
  }

  static Article article(String id, String source, String title, String body, Instant published) {
    return Article.newBuilder().setId(id).setSource(source).setTitle(title).setBody(body)
        .setPublished(published).setIngestedAt(published.plusSeconds(60)).build();
  }

  static final Article VISIT_A = article("visit-a", "Wire A", "Trump hosts Bukele at the White House",
      "President Donald Trump hosted El Salvador President Nayib Bukele at the White House on Monday, "
          + "praising the Salvadoran leader for jailing Venezuelan deportees in the CECOT prison.", APRIL_14);
  static final Article VISIT_B = article("visit-b", "Paper B", "Bukele meets Trump in the Oval Office",
      "Salvadoran President Nayib Bukele met President Donald Trump in the Oval Office at the White House, "
          + "where both defended the deportations of Venezuelan migrants to the CECOT prison.", APRIL_14.plusSeconds(3600));
  static final Article FOOTBALL = article("football", "Sports C", "Late goal wins the cup final",
      "A header in stoppage time gave the home side a two to one win in the cup final, their first "
          + "trophy in eleven seasons, before a record crowd at the national stadium.", APRIL_14.plusSeconds(7200));

  @Test
  void shouldCarryArticlesIntoStoriesAndRejectPoisonRecords() throws Exception {
    // Given the Streams app and the sink running, and a poison record ahead of the articles
    byte[] poison = "definitely not an Avro article".getBytes(StandardCharsets.UTF_8);
    sendRaw(topics.articles().name(), "poison", poison);
    try (Running running = start()) {
      // When
      publish(List.of(VISIT_A, VISIT_B, FOOTBALL));
      // Then every article reaches a story
      StoryQueries queries = running.queries;
      await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(queries.storedArticles(List.of("visit-a", "visit-b", "football")))
              .containsExactlyInAnyOrder("visit-a", "visit-b", "football"));
      assertThat(running.failure.get()).isNull();
    }
    List<List<String>> memberships = memberships();
    assertThat(memberships).containsExactlyInAnyOrder(List.of("visit-a", "visit-b"), List.of("football"));
    // And the poison record is in the rejected topic with its stage, position and bytes
    List<RejectedArticle> rejected = readAll(topics.rejected().name(), 1);
    assertThat(rejected).hasSize(1);
    RejectedArticle r = rejected.get(0);
    assertThat(r.getStage()).isEqualTo(RejectionStage.ENRICH);
    assertThat(r.getSourceTopic()).isEqualTo(topics.articles().name());
    assertThat(r.getSourceOffset()).isEqualTo(0L);
    assertThat(r.getArticleId()).isEqualTo("poison");
    assertThat(r.getReason()).contains("cannot decode Article");
    assertThat(r.getOriginalBytes().array()).isEqualTo(poison);
  }

  @Test
  void shouldNotDuplicateMembersWhenArticlesArePublishedAgainAcrossRestarts() throws Exception {
    // Given the articles processed once
    try (Running running = start()) {
      publish(List.of(VISIT_A, VISIT_B));
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(running.queries.storedArticles(List.of("visit-a", "visit-b"))).hasSize(2));
    }
    // When the same articles arrive again after a restart of every service
    try (Running running = start()) {
      publish(List.of(VISIT_A, VISIT_B, FOOTBALL));
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(running.queries.storedArticles(List.of("football"))).hasSize(1));
      // Then each article is a member exactly once, and the unchanged resends (assigned before
      // the later football article) did not even update the first story
      String visitStory = storyOf("visit-a");
      assertThat(running.queries.story(visitStory).orElseThrow().version()).isEqualTo(2L);
    }
    assertThat(memberships()).containsExactlyInAnyOrder(List.of("visit-a", "visit-b"), List.of("football"));
  }

  private String storyOf(String articleId) {
    StoryQueries queries = new StoryQueries(StoryDatabase.open(jdbcUrl));
    return queries.list(StoryFilter.all()).stream().map(StorySummary::storyId)
        .filter(id -> queries.story(id).orElseThrow().members().stream().anyMatch(m -> m.articleId().equals(articleId)))
        .findFirst().orElseThrow();
  }

  /** The members of every stored story, each list in the story's order. */
  private List<List<String>> memberships() {
    StoryQueries queries = new StoryQueries(StoryDatabase.open(jdbcUrl));
    List<List<String>> result = new ArrayList<>();
    for (StorySummary summary : queries.list(StoryFilter.all())) {
      StoryDetail story = queries.story(summary.storyId()).orElseThrow();
      result.add(story.members().stream().map(StoryDetail.Member::articleId).toList());
    }
    return result;
  }

  private final class Running implements AutoCloseable {
    final AtomicReference<String> failure = new AtomicReference<>();
    final EnrichService enrich;
    final SinkRunner sink;
    final StoryQueries queries;

    Running() {
      Properties streams = new Properties();
      streams.putAll(client);
      streams.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "it-enrich-" + topics.articles().name());
      streams.setProperty(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
      enrich = EnrichService.create(streams, bootstrapServers());
      enrich.start();
      Properties sinkClient = new Properties();
      sinkClient.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "it-sink-" + topics.stories().name());
      sink = SinkRunner.start(sinkClient, bootstrapServers(), topics, jdbcUrl, failure::set);
      queries = new StoryQueries(StoryDatabase.open(jdbcUrl));
    }

    @Override
    public void close() {
      try {
        sink.close();
      } finally {
        enrich.close();
      }
    }
  }

  private Running start() {
    return new Running();
  }

  private void publish(List<Article> articles) throws Exception {
    try (ArticlePublisher publisher = new ArticlePublisher(
        ArticlePublisher.config(new Properties(), bootstrapServers()), topics,
        Clock.fixed(APRIL_14, ZoneOffset.UTC))) {
      for (Article article : articles) {
        publisher.publish(article).get();
      }
    }
  }

  private void sendRaw(String topic, String key, byte[] value) throws Exception {
    Properties config = new Properties();
    config.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      // Partition 0, so the test knows the poison record's offset.
      producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
    }
  }

  private List<RejectedArticle> readAll(String topic, int expected) {
    Properties config = new Properties();
    config.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
    config.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<RejectedArticle> values = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r ->
            values.add(topics.rejected().valueSerde().deserializer().deserialize(topic, r.value())));
      }
      // One more poll: a second, unexpected record would show up here.
      consumer.poll(Duration.ofSeconds(1)).forEach(r ->
          values.add(topics.rejected().valueSerde().deserializer().deserialize(topic, r.value())));
    }
    return values;
  }
}
