package dev.storyline.enrich;

import static dev.storyline.enrich.ArticleFixtures.deportationAp;
import static dev.storyline.enrich.ArticleFixtures.deportationReuters;
import static dev.storyline.enrich.ArticleFixtures.ratesBbc;
import static dev.storyline.enrich.ClusteringFixtures.enriched;
import static dev.storyline.enrich.ClusteringFixtures.exactCopy;
import static dev.storyline.enrich.ClusteringFixtures.member;
import static dev.storyline.enrich.ClusteringFixtures.syndicatedCopy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import dev.storyline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clustering stage alone: enriched articles in, story states out. */
class ClusteringTopologyTest {

  private static final String REUTERS_STORY = StoryClusterer.storyIdFor("a-reuters-1");
  private static final String BBC_STORY = StoryClusterer.storyIdFor("a-bbc-1");

  /** Long enough a grace that every fixture article is held until the idle flush. */
  private static final ClusteringSettings WEEK_GRACE =
      new ClusteringSettings(
          ClusteringSettings.DEFAULTS.similarityThreshold(),
          ClusteringSettings.DEFAULTS.titleBoost(),
          ClusteringSettings.DEFAULTS.timeScale(),
          ClusteringSettings.DEFAULTS.nearDuplicateThreshold(),
          ClusteringSettings.DEFAULTS.horizon(),
          Duration.ofDays(7),
          ClusteringSettings.DEFAULTS.closedMemory(),
          ClusteringSettings.DEFAULTS.idleFlush());

  private final Topics topics = Topics.defaults();

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> enrichedInput;
  private TestOutputTopic<String, StoryCluster> stories;
  private TestOutputTopic<String, RejectedArticle> rejected;

  @AfterEach
  void closeDriver() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void shouldHoldArticlesForTheGracePeriodAndAssignTheRestWhenInputIsIdle() {
    // Given
    start(ClusteringSettings.DEFAULTS);
    Article reuters = deportationReuters();
    Article ap = deportationAp();

    // When the first is held, then released by the second (3.5 h later, grace 1 h)
    publish(reuters);
    List<KeyValue<String, StoryCluster>> afterFirst = stories.readKeyValuesToList();
    publish(ap);
    driver.advanceWallClockTime(StoryAssignProcessor.EMIT_EVERY);
    List<KeyValue<String, StoryCluster>> afterSecond = stories.readKeyValuesToList();
    driver.advanceWallClockTime(Duration.ofSeconds(3));
    List<KeyValue<String, StoryCluster>> afterIdle = stories.readKeyValuesToList();

    // Then
    assertThat(afterFirst).isEmpty();
    assertThat(keysAndMembers(afterSecond))
        .containsExactly(KeyValue.pair(REUTERS_STORY, List.of(member(reuters))));
    assertThat(keysAndMembers(afterIdle))
        .containsExactly(KeyValue.pair(REUTERS_STORY, List.of(member(reuters), member(ap))));
    assertThat(afterIdle.get(0).value.getVersion()).isEqualTo(2);
    assertThat(rejected.isEmpty()).isTrue();
  }

  @Test
  void shouldAssignALateArticleAtOnceEvenBelowTheArticlesReleasedBefore() {
    // Given the first article released by the second (grace 1 h)
    start(ClusteringSettings.DEFAULTS);
    publish(deportationReuters());
    publish(deportationAp());
    driver.advanceWallClockTime(StoryAssignProcessor.EMIT_EVERY);
    stories.readKeyValuesToList();

    // When an article older than the released one arrives (beyond the grace: late)
    Article late =
        Article.newBuilder(ratesBbc()).setPublished(Instant.parse("2025-03-15T12:00:00Z")).build();
    publish(late);
    driver.advanceWallClockTime(StoryAssignProcessor.EMIT_EVERY);

    // Then it is assigned with the next release, with no wait for the idle flush
    assertThat(keysAndMembers(stories.readKeyValuesToList()))
        .containsExactly(KeyValue.pair(BBC_STORY, List.of(member(late))));
  }

  @Test
  void shouldNotFlushOnIdleWhileTheAppsEnrichmentStageIsWorking() {
    // Given the clustering stage of an app whose enrichment stage is busy with a slow article
    EnrichmentActivity enrichment = new EnrichmentActivity();
    start(WEEK_GRACE, enrichment);
    Article reuters = deportationReuters();
    publish(reuters);
    enrichment.started();

    // When the wall clock passes the idle flush while that article is enriched, then after it
    driver.advanceWallClockTime(Duration.ofSeconds(10));
    List<KeyValue<String, StoryCluster>> whileEnriching = stories.readKeyValuesToList();
    enrichment.finished();
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    List<KeyValue<String, StoryCluster>> justAfter = stories.readKeyValuesToList();
    driver.advanceWallClockTime(Duration.ofSeconds(3));
    List<KeyValue<String, StoryCluster>> idleAfter = stories.readKeyValuesToList();

    // Then the held article waits until enrichment has been still for the idle flush too
    assertThat(whileEnriching).isEmpty();
    assertThat(justAfter).isEmpty();
    assertThat(keysAndMembers(idleAfter))
        .containsExactly(KeyValue.pair(REUTERS_STORY, List.of(member(reuters))));
  }

  @Test
  void shouldNotFlushHistoryOnIdleUntilTheAppsInputIsDrained() {
    // Given the clustering stage of an app whose input still holds articles upstream
    AtomicBoolean drained = new AtomicBoolean(false);
    AtomicInteger asked = new AtomicInteger();
    start(ClusteringSettings.DEFAULTS, new EnrichmentActivity(), () -> {
      asked.incrementAndGet();
      return drained.get();
    });
    Article reuters = deportationReuters();
    publish(reuters);

    // When the wall clock passes the idle flush many times over, then the input drains
    driver.advanceWallClockTime(Duration.ofSeconds(10));
    List<KeyValue<String, StoryCluster>> whileUpstream = stories.readKeyValuesToList();
    int askedWhileUpstream = asked.get();
    drained.set(true);
    driver.advanceWallClockTime(Duration.ofSeconds(3));
    List<KeyValue<String, StoryCluster>> afterDrained = stories.readKeyValuesToList();

    // Then the held article (history: published a day before the wall clock) waits for the
    // drain, which is asked about at most once per idle flush period
    assertThat(whileUpstream).isEmpty();
    assertThat(askedWhileUpstream).isBetween(1, 5);
    assertThat(keysAndMembers(afterDrained))
        .containsExactly(KeyValue.pair(REUTERS_STORY, List.of(member(reuters))));
  }

  @Test
  void shouldFlushLiveInputOnIdleWithoutAskingWhetherTheInputIsDrained() {
    // Given a live feed (published within the grace period of the wall clock)
    AtomicInteger asked = new AtomicInteger();
    start(WEEK_GRACE, new EnrichmentActivity(), () -> {
      asked.incrementAndGet();
      return false;
    });
    Article reuters = deportationReuters();
    publish(reuters);

    // When the input is idle for the idle flush
    driver.advanceWallClockTime(Duration.ofSeconds(3));

    // Then the held article is assigned at once
    assertThat(keysAndMembers(stories.readKeyValuesToList()))
        .containsExactly(KeyValue.pair(REUTERS_STORY, List.of(member(reuters))));
    assertThat(asked.get()).isZero();
  }

  @Test
  void shouldWriteEachStoryOnceInItsLatestStateWhenArticlesAreReleasedTogether() {
    // Given two stories' articles held together (grace a week)
    start(WEEK_GRACE);
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    Article bbc = ratesBbc();
    publish(bbc);
    publish(ap);
    publish(reuters);

    // When they are released in one go
    driver.advanceWallClockTime(Duration.ofSeconds(3));

    // Then each story is written once, with every article and every change counted, in the order
    // the stories first changed (the articles are assigned in publication order)
    List<KeyValue<String, StoryCluster>> updates = stories.readKeyValuesToList();
    assertThat(keysAndMembers(updates)).containsExactly(
        KeyValue.pair(REUTERS_STORY, List.of(member(reuters), member(ap))),
        KeyValue.pair(BBC_STORY, List.of(member(bbc))));
    assertThat(updates).extracting(kv -> kv.value.getVersion()).containsExactly(2L, 1L);
    KeyValueStore<String, StoryCluster> store =
        driver.getKeyValueStore(ClusteringTopology.STORY_STORE);
    assertThat(store.get(REUTERS_STORY)).isEqualTo(updates.get(0).value);
  }

  @Test
  void shouldCollapseExactAndNearDuplicatesAndReplaceAnUpdatedArticle() {
    // Given
    start(WEEK_GRACE);
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    Article updatedAp = Article.newBuilder(ap).setTitle("El Salvador jails Venezuelan deportees")
        .build();

    // When
    publish(reuters);
    publish(exactCopy());
    publish(syndicatedCopy());
    publish(ap);
    driver.advanceWallClockTime(Duration.ofSeconds(3));
    publish(updatedAp);
    driver.advanceWallClockTime(Duration.ofSeconds(3));

    // Then
    List<KeyValue<String, StoryCluster>> updates = stories.readKeyValuesToList();
    StoryCluster last = updates.get(updates.size() - 1).value;
    assertThat(updates).extracting(kv -> kv.key).containsOnly(REUTERS_STORY);
    // The four articles released together are written as one state (version 4: every change
    // counted), the update as the next.
    assertThat(updates).extracting(kv -> kv.value.getVersion()).containsExactly(4L, 5L);
    assertThat(last.getMembers())
        .containsExactly(
            member(reuters),
            member(exactCopy(), "a-reuters-1"),
            member(syndicatedCopy(), "a-reuters-1"),
            member(updatedAp));
    assertThat(last.getCoverage()).isEqualTo(2);
    assertThat(last.getSources()).containsExactly("AP", "MSN", "Reuters", "Yahoo News");
    KeyValueStore<String, StoryCluster> store =
        driver.getKeyValueStore(ClusteringTopology.STORY_STORE);
    assertThat(store.get(REUTERS_STORY)).isEqualTo(last);
    KeyValueStore<String, EnrichedArticle> members =
        driver.getKeyValueStore(ClusteringTopology.MEMBER_STORE);
    assertThat(members.get("a-ap-1").getArticle()).isEqualTo(updatedAp);
  }

  @Test
  void shouldCloseAStoryAfterTheHorizonAndDropItsState() {
    // Given
    start(ClusteringSettings.DEFAULTS);
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    Article weekLater =
        Article.newBuilder(ratesBbc()).setPublished(Instant.parse("2025-03-24T12:00:00Z")).build();
    publish(reuters);
    publish(ap);
    driver.advanceWallClockTime(Duration.ofSeconds(3));
    stories.readKeyValuesToList();

    // When
    publish(weekLater);
    driver.advanceWallClockTime(Duration.ofSeconds(3));

    // Then
    List<KeyValue<String, StoryCluster>> updates = stories.readKeyValuesToList();
    assertThat(updates).extracting(kv -> kv.key).containsExactly(REUTERS_STORY, BBC_STORY);
    StoryCluster closed = updates.get(0).value;
    assertThat(closed.getClosed()).isTrue();
    assertThat(closed.getVersion()).isEqualTo(3);
    assertThat(closed.getMembers()).containsExactly(member(reuters), member(ap));
    KeyValueStore<String, StoryCluster> store =
        driver.getKeyValueStore(ClusteringTopology.STORY_STORE);
    assertThat(store.get(REUTERS_STORY)).isNull();
    KeyValueStore<String, EnrichedArticle> members =
        driver.getKeyValueStore(ClusteringTopology.MEMBER_STORE);
    assertThat(members.get("a-reuters-1")).isNull();
    assertThat(members.get("a-ap-1")).isNull();
    assertThat(members.get("a-bbc-1").getArticle()).isEqualTo(weekLater);
  }

  @Test
  void shouldIgnoreResendsOfOpenAndClosedStoriesMembers() {
    // Given the Reuters story closed by an article a week later
    start(ClusteringSettings.DEFAULTS);
    publish(deportationReuters());
    publish(deportationAp());
    publish(Article.newBuilder(ratesBbc())
        .setPublished(Instant.parse("2025-03-24T12:00:00Z")).build());
    driver.advanceWallClockTime(Duration.ofSeconds(3));
    stories.readKeyValuesToList();

    // When a member of the closed story and one of the open story are sent again unchanged
    publish(deportationReuters());
    publish(Article.newBuilder(ratesBbc())
        .setPublished(Instant.parse("2025-03-24T12:00:00Z")).build());
    driver.advanceWallClockTime(Duration.ofSeconds(3));

    // Then no story changes, and the closed store remembers the closed story's members
    assertThat(stories.isEmpty()).isTrue();
    KeyValueStore<String, String> closed = driver.getKeyValueStore(ClusteringTopology.CLOSED_STORE);
    assertThat(closed.get("a:a-reuters-1")).startsWith(REUTERS_STORY + " ");
    assertThat(closed.get("a:a-ap-1")).startsWith(REUTERS_STORY + " ");
  }

  @Test
  void shouldGiveTheSameStoriesWhateverTheInterleavingOfTheInput() {
    // Given the same five articles in two interleavings
    List<Article> inOrder =
        List.of(deportationReuters(), exactCopy(), syndicatedCopy(), deportationAp(), ratesBbc());
    List<Article> interleaved =
        List.of(ratesBbc(), deportationAp(), syndicatedCopy(), deportationReuters(), exactCopy());

    // When
    List<KeyValue<String, StoryCluster>> first = run(inOrder);
    List<KeyValue<String, StoryCluster>> second = run(interleaved);

    // Then
    assertThat(second).isEqualTo(first);
    Map<String, List<StoryMember>> finalMembers = new LinkedHashMap<>();
    first.forEach(kv -> finalMembers.put(kv.key, kv.value.getMembers()));
    assertThat(finalMembers)
        .containsExactly(
            Map.entry(
                REUTERS_STORY,
                List.of(
                    member(deportationReuters()),
                    member(exactCopy(), "a-reuters-1"),
                    member(syndicatedCopy(), "a-reuters-1"),
                    member(deportationAp()))),
            Map.entry(BBC_STORY, List.of(member(ratesBbc()))));
  }

  @Test
  void shouldRejectPoisonOnTheEnrichedTopicAndKeepGoing() {
    // Given
    start(ClusteringSettings.DEFAULTS);

    // When
    enrichedInput.pipeInput("a-poison", "not an enriched article".getBytes(StandardCharsets.UTF_8));
    publish(ratesBbc());
    driver.advanceWallClockTime(Duration.ofSeconds(3));

    // Then
    List<KeyValue<String, RejectedArticle>> rejections = rejected.readKeyValuesToList();
    assertThat(rejections).extracting(kv -> kv.key).containsExactly("a-poison");
    assertThat(rejections.get(0).value.getReason())
        .startsWith("cannot decode EnrichedArticle from topic storyline.articles.enriched");
    assertThat(stories.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly(BBC_STORY);
  }

  private List<KeyValue<String, StoryCluster>> run(List<Article> articles) {
    closeDriver();
    start(WEEK_GRACE);
    articles.forEach(this::publish);
    driver.advanceWallClockTime(Duration.ofSeconds(3));
    List<KeyValue<String, StoryCluster>> output = stories.readKeyValuesToList();
    closeDriver();
    driver = null;
    return output;
  }

  private void start(ClusteringSettings settings) {
    start(settings, new EnrichmentActivity());
  }

  private void start(ClusteringSettings settings, EnrichmentActivity enrichment) {
    start(settings, enrichment, InputDrain.ASSUMED);
  }

  private void start(ClusteringSettings settings, EnrichmentActivity enrichment, InputDrain drain) {
    StreamsBuilder builder = new StreamsBuilder();
    ClusteringTopology.addTo(builder, topics, settings, ArticleFixtures.CLOCK, 0, enrichment, drain);
    Properties user = new Properties();
    user.setProperty(
        StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("run-" + System.nanoTime()).toString());
    Properties config = EnrichApp.config(user, "unused:9092");
    driver =
        new TopologyTestDriver(
            builder.build(),
            config,
            Instant.parse("2025-03-17T12:00:00Z"));
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

  private void publish(Article article) {
    enrichedInput.pipeInput(
        article.getId(),
        topics.enriched().valueSerde().serializer()
            .serialize(topics.enriched().name(), enriched(article)));
  }

  private static List<KeyValue<String, List<StoryMember>>> keysAndMembers(
      List<KeyValue<String, StoryCluster>> updates) {
    List<KeyValue<String, List<StoryMember>>> result = new ArrayList<>();
    updates.forEach(kv -> result.add(KeyValue.pair(kv.key, kv.value.getMembers())));
    return result;
  }
}
