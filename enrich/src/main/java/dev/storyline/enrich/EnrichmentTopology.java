package dev.storyline.enrich;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.schemas.AvroSerde;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The enrichment stage: stateless, scales with the partitions of the articles topic.
 *
 * <ul>
 *   <li>in: {@code topics.articles()} — key {@code String} (article id), value
 *       {@code Article}, read as raw bytes and decoded in {@value #DECODE} so poison records can be rejected;
 *   <li>out: {@code topics.enriched()} — key {@code String} (article id), value
 *       {@code EnrichedArticle};
 *   <li>out: {@code topics.rejected()} — key {@code String} (article id, or the input key when the
 *       value could not be read), value {@code RejectedArticle} with stage {@code ENRICH}, for
 *       undecodable values, tombstones and articles the enricher failed on.
 * </ul>
 */
public final class EnrichmentTopology {

  public static final String SOURCE = "enrich.source";
  public static final String DECODE = "enrich.decode";
  public static final String ENRICH = "enrich.enrich";
  public static final String ROUTE = "enrich.route-";
  public static final String REJECTION = "enrich.rejection";
  public static final String REJECTED_SINK = "enrich.rejected-sink";
  public static final String ENRICHED_VALUE = "enrich.enriched-value";
  public static final String ENRICHED_SINK = "enrich.enriched-sink";

  private EnrichmentTopology() {}

  /** The enrichment stage alone, with the system clock for rejection times. */
  public static Topology build(Topics topics, ArticleEnricher enricher) {
    return build(topics, enricher, Clock.systemUTC());
  }

  /** The enrichment stage alone. */
  public static Topology build(Topics topics, ArticleEnricher enricher, Clock clock) {
    StreamsBuilder builder = new StreamsBuilder();
    addTo(builder, topics, enricher, clock);
    return builder.build();
  }

  /** Adds the enrichment stage to {@code builder}, its activity not watched by anyone. */
  public static void addTo(
      StreamsBuilder builder, Topics topics, ArticleEnricher enricher, Clock clock) {
    addTo(builder, topics, enricher, clock, new EnrichmentActivity());
  }

  /**
   * Adds the enrichment stage to {@code builder}, so it can share an app with clustering.
   *
   * @param activity counts the articles enriched, for the clustering stage of the same app
   */
  public static void addTo(
      StreamsBuilder builder, Topics topics, ArticleEnricher enricher, Clock clock,
      EnrichmentActivity activity) {
    Topic<String, Article> articles = topics.articles();
    AvroSerde<Article> articleSerde = AvroSerde.of(Article.class);
    RejectedArticleFactory rejections = new RejectedArticleFactory(RejectionStage.ENRICH, clock);

    KStream<String, Outcome<EnrichedArticle>> outcomes =
        builder
            .stream(
                articles.name(),
                Consumed.with(articles.keySerde(), Serdes.ByteArray()).withName(SOURCE))
            .processValues(() -> new DecodeProcessor<>(articleSerde, rejections), Named.as(DECODE))
            .process(() -> new EnrichProcessor(enricher, rejections, activity), Named.as(ENRICH));

    Map<String, KStream<String, Outcome<EnrichedArticle>>> routes =
        outcomes
            .split(Named.as(ROUTE))
            .branch((id, outcome) -> outcome.isRejected(), Branched.as("rejected"))
            .defaultBranch(Branched.as("enriched"));

    routes
        .get(ROUTE + "rejected")
        .mapValues(Outcome::rejection, Named.as(REJECTION))
        .to(
            topics.rejected().name(),
            Produced.with(topics.rejected().keySerde(), topics.rejected().valueSerde())
                .withName(REJECTED_SINK));
    routes
        .get(ROUTE + "enriched")
        .mapValues(Outcome::value, Named.as(ENRICHED_VALUE))
        .to(
            topics.enriched().name(),
            Produced.with(topics.enriched().keySerde(), topics.enriched().valueSerde())
                .withName(ENRICHED_SINK));
  }
}
