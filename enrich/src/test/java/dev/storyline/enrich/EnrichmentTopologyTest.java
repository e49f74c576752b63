package dev.storyline.enrich;

import static dev.storyline.enrich.ArticleFixtures.deportationAp;
import static dev.storyline.enrich.ArticleFixtures.deportationReuters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Fingerprints;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
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

class EnrichmentTopologyTest {

  private static final String BROKEN_ID = "a-broken";

  private final Topics topics = Topics.defaults();
  private final BasicEnricher basic =
      new BasicEnricher(FingerprintSettings.DEFAULTS, ArticleFixtures.CLOCK);
  private final ArticleEnricher enricher =
      article -> {
        if (article.getId().equals(BROKEN_ID)) {
          throw new IllegalStateException("tokenizer failed on " + BROKEN_ID);
        }
        return basic.enrich(article);
      };

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> articles;
  private TestOutputTopic<String, EnrichedArticle> enriched;
  private TestOutputTopic<String, RejectedArticle> rejected;

  @BeforeEach
  void startDriver() {
    Properties user = new Properties();
    user.setProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    Properties config = EnrichApp.config(user, "unused:9092");
    driver =
        new TopologyTestDriver(
            EnrichmentTopology.build(topics, enricher, ArticleFixtures.CLOCK), config);
    articles =
        driver.createInputTopic(
            topics.articles().name(), new StringSerializer(), new ByteArraySerializer());
    enriched =
        driver.createOutputTopic(
            topics.enriched().name(),
            new StringDeserializer(),
            topics.enriched().valueSerde().deserializer());
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
  void shouldEnrichAValidArticleKeyedByItsId() {
    // Given
    Article article = deportationReuters();

    // When
    articles.pipeInput(article.getId(), encode(article), ArticleFixtures.INGESTED_AT);

    // Then
    EnrichedArticle expected =
        EnrichedArticle.newBuilder()
            .setArticle(article)
            .setLanguage("eng")
            .setEntities(List.of())
            .setFigures(List.of())
            .setFingerprints(
                Fingerprints.newBuilder()
                    .setContentHash("2a674ff2134b7b0f8522104e40def791")
                    .setMinHash(
                        ByteBuffer.wrap(
                            new Fingerprinter(FingerprintSettings.DEFAULTS)
                                .minHash(article.getBody())))
                    .setMinHashScheme(
                        "superminhash-v1;shingle-hash=komihash5.0;shingles=3,components=128,bits=16")
                    .build())
            .setTokenCount(70)
            .setEnricherVersion(basic.version())
            .setEnrichedAt(ArticleFixtures.NOW)
            .build();
    assertThat(enriched.readKeyValuesToList())
        .containsExactly(KeyValue.pair("a-reuters-1", expected));
    assertThat(rejected.isEmpty()).isTrue();
  }

  @Test
  void shouldRejectPoisonBytesWithTheirOffsetAndKeepGoing() {
    // Given
    byte[] poison = new byte[64];
    new Random(42).nextBytes(poison);

    // When
    articles.pipeInput("a-reuters-1", encode(deportationReuters()));
    articles.pipeInput("a-poison", poison);
    articles.pipeInput("a-ap-1", encode(deportationAp()));

    // Then
    List<KeyValue<String, RejectedArticle>> rejections = rejected.readKeyValuesToList();
    assertThat(rejections).hasSize(1);
    RejectedArticle rejection = rejections.get(0).value;
    assertThat(rejection.getReason())
        .startsWith("cannot decode Article from topic storyline.articles with schema fingerprint ")
        .contains("(64 bytes)");
    assertThat(rejections)
        .containsExactly(
            KeyValue.pair(
                "a-poison",
                RejectedArticle.newBuilder()
                    .setStage(RejectionStage.ENRICH)
                    .setReason(rejection.getReason())
                    .setOrigin(null)
                    .setSourceTopic("storyline.articles")
                    .setSourcePartition(0)
                    .setSourceOffset(1L)
                    .setArticleId("a-poison")
                    .setOriginalBytes(ByteBuffer.wrap(poison))
                    .setRejectedAt(ArticleFixtures.NOW)
                    .build()));
    assertThat(keys(enriched)).containsExactly("a-reuters-1", "a-ap-1");
  }

  @Test
  void shouldRejectATombstoneWithEmptyOriginalBytes() {
    // When
    articles.pipeInput("a-deleted", (byte[]) null);

    // Then
    assertThat(rejected.readKeyValuesToList())
        .containsExactly(
            KeyValue.pair(
                "a-deleted",
                RejectedArticle.newBuilder()
                    .setStage(RejectionStage.ENRICH)
                    .setReason(
                        "null value (tombstone) on storyline.articles: expected an encoded Article")
                    .setSourceTopic("storyline.articles")
                    .setSourcePartition(0)
                    .setSourceOffset(0L)
                    .setArticleId("a-deleted")
                    .setOriginalBytes(ByteBuffer.wrap(new byte[0]))
                    .setRejectedAt(ArticleFixtures.NOW)
                    .build()));
    assertThat(enriched.isEmpty()).isTrue();
  }

  @Test
  void shouldRejectAnArticleTheEnricherFailsOnAndKeepGoing() {
    // Given
    Article broken =
        ArticleFixtures.article(
            BROKEN_ID, "Reuters", "Broken", ArticleFixtures.INGESTED_AT, "Body of a broken one.");
    byte[] brokenBytes = encode(broken);

    // When
    articles.pipeInput(BROKEN_ID, brokenBytes);
    articles.pipeInput("a-ap-1", encode(deportationAp()));

    // Then
    assertThat(rejected.readKeyValuesToList())
        .containsExactly(
            KeyValue.pair(
                BROKEN_ID,
                RejectedArticle.newBuilder()
                    .setStage(RejectionStage.ENRICH)
                    .setReason("tokenizer failed on a-broken")
                    .setSourceTopic("storyline.articles")
                    .setSourcePartition(0)
                    .setSourceOffset(0L)
                    .setArticleId(BROKEN_ID)
                    .setOriginalBytes(ByteBuffer.wrap(brokenBytes))
                    .setRejectedAt(ArticleFixtures.NOW)
                    .build()));
    assertThat(keys(enriched)).containsExactly("a-ap-1");
  }

  private byte[] encode(Article article) {
    return topics.articles().valueSerde().serializer().serialize(topics.articles().name(), article);
  }

  private static List<String> keys(TestOutputTopic<String, ?> topic) {
    return topic.readKeyValuesToList().stream().map(record -> record.key).toList();
  }
}
