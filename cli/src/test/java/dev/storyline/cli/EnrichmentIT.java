package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.enrich.EnrichService;
import dev.storyline.enrich.NlpSettings;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.nio.file.Files;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enrich service with the real CoreNLP enricher on the embedded KRaft broker: a seed article
 * comes out of the enriched topic with its entities and figures, an oversized one goes to the
 * rejected topic with the reason.
 */
@ExtendWith(SharedBroker.class)
class EnrichmentIT {

  @TempDir static Path stateDir;

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Instant APRIL_14 = Instant.parse("2025-04-14T00:00:00Z");


  @Test
  void shouldEnrichASeedAndRejectAnOversizedArticle() throws Exception {
    // Given: fresh topics, the enrich service with a 5,000-character body limit
    String prefix = "enrich-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(prefix);
    TopicCreator.ensureTopics(new Properties(), SharedBroker.bootstrapServers(), topics, 1, (short) 1);
    Properties streams = new Properties();
    streams.setProperty(Topics.PREFIX_CONFIG, prefix);
    streams.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "it-enrich-" + prefix);
    streams.setProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("streams-" + prefix).toString());
    streams.setProperty(NlpSettings.MAX_BODY_CHARS_CONFIG, "5000");
    String seedBody = Files.readString(Path.of("..", "seeds", "004_47472d6069e3c387.txt"))
        .replaceFirst("\\A\\s*date\\s+\\S+\\s+", "").strip();
    Article seed = PipelineContract.article("seed-004", "Al Jazeera", seedBody.lines().findFirst().orElseThrow(),
        seedBody, APRIL_14);
    Article oversized = PipelineContract.article("oversized", "Spam", "Spam", "spam ".repeat(2_000).strip(), APRIL_14);

    try (EnrichService enrich = EnrichService.create(streams, SharedBroker.bootstrapServers())) {
      enrich.start();

      // When
      try (ArticlePublisher publisher = new ArticlePublisher(
          ArticlePublisher.config(new Properties(), SharedBroker.bootstrapServers()), topics,
          Clock.fixed(APRIL_14, ZoneOffset.UTC))) {
        publisher.publish(seed).get();
        publisher.publish(oversized).get();
      }

      // Then
      List<EnrichedArticle> enriched = readAll(topics.enriched(), 1);
      assertThat(enriched).hasSize(1);
      assertThat(enriched.get(0).getArticle().getId()).isEqualTo("seed-004");
      assertThat(enriched.get(0).getLanguage()).isEqualTo("eng");
      assertThat(enriched.get(0).getEntities())
          .filteredOn(e -> e.getType() != EntityType.LOCATION)
          .extracting(Entity::getName, Entity::getType)
          .containsExactly(
              tuple("Donald Trump", EntityType.PERSON),
              tuple("Nayib Bukele", EntityType.PERSON),
              tuple("White House", EntityType.ORGANIZATION),
              tuple("Tren de Aragua", EntityType.ORGANIZATION),
              tuple("Karoline Leavitt", EntityType.PERSON));
      assertThat(enriched.get(0).getFigures())
          .filteredOn(f -> f.getKind() == FigureKind.MONEY || f.getKind() == FigureKind.YEAR)
          .extracting(Figure::getKind, Figure::getValue, Figure::getUnit)
          .containsExactly(
              tuple(FigureKind.YEAR, 1798.0, null),
              tuple(FigureKind.MONEY, 6_000_000.0, "USD"),
              tuple(FigureKind.MONEY, 6_000_000.0, "USD"));
      List<RejectedArticle> rejected = readAll(topics.rejected(), 1);
      assertThat(rejected).extracting(RejectedArticle::getArticleId, RejectedArticle::getReason)
          .containsExactly(tuple("oversized",
              "body has 9,999 characters, over the enrichment limit of 5,000 (storyline.enrich.max-body-chars)"));
    }
  }

  /** Reads {@code expected} records (bounded wait), then polls once more to catch an unexpected extra one. */
  private static <V> List<V> readAll(Topic<String, V> topic, int expected) {
    Properties config = new Properties();
    config.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    config.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
    config.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
        config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(Set.of(topic.name()));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
      }
      consumer.poll(Duration.ofSeconds(1)).forEach(r -> values.add(r.value()));
    }
    return values;
  }
}
