package dev.storyline.schemas;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.PipelineGeneration;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.StoryCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The registry of Storyline topics: name, key serde, value serde and creation settings of each,
 * built from configuration so a prefix (or a test) can change every name at once.
 *
 * <p>Call sites read, for example, {@code Consumed.with(topics.articles().keySerde(),
 * topics.articles().valueSerde())}; no topic name is written anywhere else.
 */
public final class Topics {

  /** Configuration key of the prefix put before every topic name. */
  public static final String PREFIX_CONFIG = "storyline.topic.prefix";

  /** Configuration key of the retention of the enriched topic, in milliseconds (-1: forever). */
  public static final String ENRICHED_RETENTION_CONFIG = "storyline.topic.enriched.retention.ms";

  public static final String DEFAULT_PREFIX = "storyline.";

  static final Duration REJECTED_RETENTION = Duration.ofDays(30);
  static final Duration DEFAULT_ENRICHED_RETENTION = Duration.ofDays(30);

  private final Topic<String, Article> articles;
  private final Topic<String, RejectedArticle> rejected;
  private final Topic<String, EnrichedArticle> enriched;
  private final Topic<String, StoryCluster> stories;
  private final Topic<String, PipelineGeneration> control;

  private Topics(String prefix, long enrichedRetentionMs) {
    Serde<String> keys = Serdes.String();
    articles =
        new Topic<>(
            prefix + "articles",
            keys,
            AvroSerde.of(Article.class),
            // The raw log is the replay source: keep it until an operator decides otherwise.
            Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
    rejected =
        new Topic<>(
            prefix + "articles.rejected",
            keys,
            AvroSerde.of(RejectedArticle.class),
            Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(REJECTED_RETENTION.toMillis())));
    enriched =
        new Topic<>(
            prefix + "articles.enriched",
            keys,
            AvroSerde.of(EnrichedArticle.class),
            Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(enrichedRetentionMs)));
    stories =
        new Topic<>(
            prefix + "stories",
            keys,
            AvroSerde.of(StoryCluster.class),
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    control =
        new Topic<>(
            prefix + "control",
            keys,
            AvroSerde.of(PipelineGeneration.class),
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
            // One partition: every instance must see generations in the order they were written.
            1);
  }

  /** The default topics: {@code storyline.articles}, {@code storyline.stories}, … */
  public static Topics defaults() {
    return withPrefix(DEFAULT_PREFIX);
  }

  /** Topics whose names all start with {@code prefix} (which may be empty). */
  public static Topics withPrefix(String prefix) {
    return new Topics(validPrefix(prefix), DEFAULT_ENRICHED_RETENTION.toMillis());
  }

  /**
   * Topics from configuration: {@value #PREFIX_CONFIG} (default {@value #DEFAULT_PREFIX}) and
   * {@value #ENRICHED_RETENTION_CONFIG}; other keys are ignored.
   */
  public static Topics fromConfig(Map<String, ?> config) {
    Object prefix = config.get(PREFIX_CONFIG);
    Object retention = config.get(ENRICHED_RETENTION_CONFIG);
    long retentionMs = DEFAULT_ENRICHED_RETENTION.toMillis();
    if (retention != null) {
      try {
        retentionMs = Long.parseLong(retention.toString().strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            ENRICHED_RETENTION_CONFIG + ": '" + retention + "' is not a number of milliseconds", e);
      }
    }
    return new Topics(validPrefix(prefix == null ? DEFAULT_PREFIX : prefix.toString()), retentionMs);
  }

  private static String validPrefix(String prefix) {
    if (prefix == null || !prefix.matches("[A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException(
          PREFIX_CONFIG + ": '" + prefix + "' may only contain letters, digits, '.', '_' and '-'");
    }
    return prefix;
  }

  /** Raw articles as ingested; the replay source. */
  public Topic<String, Article> articles() {
    return articles;
  }

  /** Input any stage refused, with the reason and the original bytes. */
  public Topic<String, RejectedArticle> rejected() {
    return rejected;
  }

  /** Articles with entities, figures, language and fingerprints. */
  public Topic<String, EnrichedArticle> enriched() {
    return enriched;
  }

  /** Compacted: the whole current state of each story. */
  public Topic<String, StoryCluster> stories() {
    return stories;
  }

  /** Compacted, one partition: the pipeline generation every instance should run (see replay). */
  public Topic<String, PipelineGeneration> control() {
    return control;
  }

  /** Every topic, in pipeline order, the control topic last. */
  public List<Topic<String, ?>> all() {
    return List.of(articles, rejected, enriched, stories, control);
  }
}
