package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard rails of {@link NlpEnricher} in the enrichment topology: articles over the size limit
 * or the time budget go to the rejected topic with the reason, and the stream carries on. The
 * recognizer is a stand-in (CoreNLP itself is exercised in {@code NlpEnricherTest}).
 */
class NlpEnrichmentTopologyTest {

  private static final String SLOW_MARKER = "SLOWSLOW";

  /** Tags every "Bukele" as a person; an article containing the slow marker runs out of budget. */
  private static final EntityRecognizer STAND_IN = new EntityRecognizer() {
    @Override
    public Recognition recognize(String text) {
      if (text.contains(SLOW_MARKER)) {
        throw new EnrichmentBudgetExceededException(
            "entity recognition exceeded the time budget of 30000 ms after 2000 of 4000 characters");
      }
      List<RecognizedMention> mentions = new java.util.ArrayList<>();
      for (int i = text.indexOf("Bukele"); i >= 0; i = text.indexOf("Bukele", i + 1)) {
        mentions.add(new RecognizedMention("Bukele", i, i + 6, EntityType.PERSON));
      }
      return new Recognition(mentions, BasicEnricher.whitespaceTokens(text));
    }

    @Override
    public String describe() {
      return "stand-in";
    }
  };

  private final Topics topics = Topics.defaults();
  private final NlpEnricher enricher = new NlpEnricher(STAND_IN, LanguageDetector.create(),
      FingerprintSettings.DEFAULTS, new NlpSettings(NlpSettings.THREE_CLASS_MODEL, 600, 2_000, Duration.ofSeconds(30)),
      ArticleFixtures.CLOCK);

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> articles;
  private TestOutputTopic<String, EnrichedArticle> enriched;
  private TestOutputTopic<String, RejectedArticle> rejected;

  @BeforeEach
  void startDriver() {
    Properties user = new Properties();
    user.setProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(
        EnrichmentTopology.build(topics, enricher, ArticleFixtures.CLOCK), EnrichApp.config(user, "unused:9092"));
    articles = driver.createInputTopic(topics.articles().name(), new StringSerializer(), new ByteArraySerializer());
    enriched = driver.createOutputTopic(
        topics.enriched().name(), new StringDeserializer(), topics.enriched().valueSerde().deserializer());
    rejected = driver.createOutputTopic(
        topics.rejected().name(), new StringDeserializer(), topics.rejected().valueSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldRejectAnOversizedBodyAndEnrichTheNextArticle() {
    // Given: a 1,000-character body over the 600-character limit, then an ordinary article
    Article oversized = ArticleFixtures.article(
        "a-huge", "Reuters", "Huge", ArticleFixtures.INGESTED_AT, "word ".repeat(200).strip() + ".");
    byte[] oversizedBytes = encode(oversized);

    // When
    articles.pipeInput("a-huge", oversizedBytes);
    articles.pipeInput("a-ap-1", encode(ArticleFixtures.deportationAp()));

    // Then
    assertThat(rejected.readKeyValuesToList()).containsExactly(KeyValue.pair("a-huge", rejection(
        "body has 1,000 characters, over the enrichment limit of 600 (storyline.enrich.max-body-chars)",
        0L, "a-huge", oversizedBytes)));
    List<KeyValue<String, EnrichedArticle>> out = enriched.readKeyValuesToList();
    assertThat(out).extracting(kv -> kv.key).containsExactly("a-ap-1");
    assertThat(out.get(0).value.getLanguage()).isEqualTo("eng");
    assertThat(out.get(0).value.getEntities())
        .extracting(Entity::getName, Entity::getType, Entity::getMentionCount)
        .containsExactly(tuple("Bukele", EntityType.PERSON, 1));
  }

  @Test
  void shouldRejectAnArticleOverTheTimeBudget() {
    // Given
    Article slow = ArticleFixtures.article("a-slow", "AP", "Slow", ArticleFixtures.INGESTED_AT,
        "The president of El Salvador spoke at length about the prison. " + SLOW_MARKER);
    byte[] slowBytes = encode(slow);

    // When
    articles.pipeInput("a-slow", slowBytes);

    // Then
    assertThat(rejected.readKeyValuesToList()).containsExactly(KeyValue.pair("a-slow", rejection(
        "entity recognition exceeded the time budget of 30000 ms after 2000 of 4000 characters",
        0L, "a-slow", slowBytes)));
    assertThat(enriched.isEmpty()).isTrue();
  }

  private static RejectedArticle rejection(String reason, long offset, String id, byte[] bytes) {
    return RejectedArticle.newBuilder()
        .setStage(RejectionStage.ENRICH)
        .setReason(reason)
        .setSourceTopic("storyline.articles")
        .setSourcePartition(0)
        .setSourceOffset(offset)
        .setArticleId(id)
        .setOriginalBytes(ByteBuffer.wrap(bytes))
        .setRejectedAt(ArticleFixtures.NOW)
        .build();
  }

  private byte[] encode(Article article) {
    return topics.articles().valueSerde().serializer().serialize(topics.articles().name(), article);
  }
}
