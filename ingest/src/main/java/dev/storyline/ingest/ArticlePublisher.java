package dev.storyline.ingest;

import dev.storyline.avro.Article;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes accepted articles to {@code storyline.articles} and refusals to
 * {@code storyline.articles.rejected}, through one idempotent producer ({@code acks=all}, zstd).
 */
public final class ArticlePublisher implements OutcomeSink, AutoCloseable {

  private final Topics topics;
  private final Clock clock;
  private final KafkaProducer<byte[], byte[]> producer;

  public ArticlePublisher(Properties producerConfig, Topics topics, Clock clock) {
    this.topics = topics;
    this.clock = clock;
    this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Producer settings: the user's (a client properties file, TLS/SASL) win; the rest defaults to
   * an idempotent, fully acknowledged producer tuned for bulk loads.
   */
  public static Properties config(Properties user, String bootstrapServers) {
    Properties config = new Properties();
    config.putAll(user);
    config.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "storyline-ingest");
    config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    // Fail a send within two minutes rather than hang when the cluster is unreachable.
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
    return config;
  }

  /** Sends an article keyed by its id; completes when the broker has acknowledged it. */
  @Override
  public CompletableFuture<RecordMetadata> publish(Article article) {
    return send(topics.articles(), article.getId(), article);
  }

  /** Sends a refusal, with the original bytes, to the rejected topic. */
  @Override
  public CompletableFuture<RecordMetadata> reject(IngestOutcome.Refused refused) {
    RejectedArticle rejected = RejectedArticle.newBuilder()
        .setStage(RejectionStage.INGEST)
        .setReason(refused.reason())
        .setOrigin(refused.origin())
        .setArticleId(refused.articleId())
        .setOriginalBytes(ByteBuffer.wrap(refused.original()))
        .setRejectedAt(clock.instant())
        .build();
    return send(topics.rejected(), refused.articleId(), rejected);
  }

  private <V> CompletableFuture<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
    byte[] keyBytes = key == null ? null : topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
    producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), (metadata, error) -> {
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(metadata);
      }
    });
    return result;
  }

  /** Blocks until every send so far has completed. */
  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
