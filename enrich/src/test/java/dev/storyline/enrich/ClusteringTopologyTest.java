package dev.storyline.enrich;

import static dev.storyline.enrich.ArticleFixtures.deportationAp;
import static dev.storyline.enrich.ArticleFixtures.deportationReuters;
import static dev.storyline.enrich.ArticleFixtures.ratesBbc;
import static dev.storyline.enrich.StoryClustererTest.member;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import dev.storyline.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole enrich app: articles in, enriched articles and story updates out. */
class ClusteringTopologyTest {

  private static final String REUTERS_STORY = StoryClusterer.storyIdFor("a-reuters-1");
  private static final String BBC_STORY = StoryClusterer.storyIdFor("a-bbc-1");

  private final Topics topics = Topics.defaults();

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> articles;
  private TestInputTopic<String, byte[]> enrichedInput;
  private TestOutputTopic<String, StoryCluster> stories;
  private TestOutputTopic<String, RejectedArticle> rejected;

  @BeforeEach
  void startDriver() {
    Properties user = new Properties();
    user.setProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    Properties config = EnrichApp.config(user, "unused:9092");
    driver =
        new TopologyTestDriver(
            EnrichApp.topology(
                topics,
                new BasicEnricher(FingerprintSettings.DEFAULTS, ArticleFixtures.CLOCK),
                ClusteringSettings.DEFAULTS,
                ArticleFixtures.CLOCK),
            config);
    articles =
        driver.createInputTopic(
            topics.articles().name(), new StringSerializer(), new ByteArraySerializer());
    enrichedInput =
        driver.createInputTopic(
            topics.enriched().name(), new StringSerializer(), new ByteArraySerializer());
    stories =
        driver.createOutputTopic(
            topics.stories().name(),
            new StringDeserializer(),
            topics.stories().valueSerde().deserializer());
    rejected =
        driver.createOutputTopic(
            topics.rejected().name(),
            new StringDeserializer(),
            topics.rejected().valueSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldPublishTheWholeStoryOnEveryChange() {
    // Given two reports of one event and an unrelated one
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    Article bbc = ratesBbc();

    // When
    publish(reuters);
    publish(ap);
    publish(bbc);

    // Then
    assertThat(stories.readKeyValuesToList())
        .containsExactly(
            KeyValue.pair(
                REUTERS_STORY,
                story(REUTERS_STORY, 1, reuters.getPublished(), List.of("Reuters"), member(reuters))),
            KeyValue.pair(
                REUTERS_STORY,
                story(REUTERS_STORY, 2, ap.getPublished(), List.of("AP", "Reuters"),
                    member(reuters), member(ap))),
            KeyValue.pair(
                BBC_STORY, story(BBC_STORY, 1, bbc.getPublished(), List.of("BBC"), member(bbc))));
    assertThat(rejected.isEmpty()).isTrue();
  }

  @Test
  void shouldReplaceAResentArticleInItsStoryAndKeepTheStoryInTheStore() {
    // Given
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    publish(reuters);
    publish(ap);
    stories.readKeyValuesToList();

    // When the first article is ingested again
    publish(reuters);

    // Then
    StoryCluster expected =
        story(REUTERS_STORY, 3, ap.getPublished(), List.of("AP", "Reuters"), member(reuters),
            member(ap));
    assertThat(stories.readKeyValuesToList()).containsExactly(KeyValue.pair(REUTERS_STORY, expected));
    KeyValueStore<String, StoryCluster> store = driver.getKeyValueStore(ClusteringTopology.STORY_STORE);
    assertThat(store.get(REUTERS_STORY)).isEqualTo(expected);
    KeyValueStore<String, EnrichedArticle> members =
        driver.getKeyValueStore(ClusteringTopology.MEMBER_STORE);
    assertThat(members.get("a-ap-1").getArticle()).isEqualTo(ap);
  }

  @Test
  void shouldRejectPoisonOnTheEnrichedTopicAtTheClusterStageAndKeepGoing() {
    // Given
    byte[] poison = "not an enriched article".getBytes(StandardCharsets.UTF_8);

    // When
    enrichedInput.pipeInput("a-poison", poison);
    publish(ratesBbc());

    // Then
    List<KeyValue<String, RejectedArticle>> rejections = rejected.readKeyValuesToList();
    assertThat(rejections).hasSize(1);
    RejectedArticle rejection = rejections.get(0).value;
    assertThat(rejection.getReason())
        .startsWith("cannot decode EnrichedArticle from topic storyline.articles.enriched");
    assertThat(rejection)
        .isEqualTo(
            RejectedArticle.newBuilder()
                .setStage(RejectionStage.CLUSTER)
                .setReason(rejection.getReason())
                .setSourceTopic("storyline.articles.enriched")
                .setSourcePartition(0)
                .setSourceOffset(0L)
                .setArticleId("a-poison")
                .setOriginalBytes(ByteBuffer.wrap(poison))
                .setRejectedAt(ArticleFixtures.NOW)
                .build());
    assertThat(keys(stories)).containsExactly(BBC_STORY);
  }

  private void publish(Article article) {
    articles.pipeInput(
        article.getId(),
        topics.articles().valueSerde().serializer().serialize(topics.articles().name(), article));
  }

  private static StoryCluster story(
      String id, long version, Instant last, List<String> sources, StoryMember... members) {
    return StoryCluster.newBuilder()
        .setStoryId(id)
        .setVersion(version)
        .setHeadline(members[0].getTitle())
        .setFirstPublished(members[0].getPublished())
        .setLastPublished(last)
        .setCoverage(members.length)
        .setSources(sources)
        .setMembers(List.of(members))
        .setEntities(List.of())
        .setFigureGroups(List.of())
        .setClosed(false)
        .setClustererVersion(StoryClusterer.versionOf(ClusteringSettings.DEFAULTS))
        .build();
  }

  private static List<String> keys(TestOutputTopic<String, ?> topic) {
    return topic.readKeyValuesToList().stream().map(record -> record.key).toList();
  }
}
