package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.avro.StoryCluster;
import dev.storyline.schemas.AvroSerde;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The story clustering stage: one stateful task. Every article is routed to one key through the
 * single-partition repartition topic {@value #STORY_SPACE}, so all open stories live in one place.
 * There the articles wait in the reorder buffer {@value #REORDER_STORE} until event time has
 * passed them by the grace period, and are assigned in (published, id) order, so the same input
 * gives the same story ids and memberships whatever the interleaving of the input partitions.
 *
 * <ul>
 *   <li>in: {@code topics.enriched()} — key {@code String} (article id), value
 *       {@code EnrichedArticle}, read as raw bytes and decoded in {@value #DECODE};
 *   <li>internal: {@code <application.id>-}{@value #STORY_SPACE}{@code -repartition} — key
 *       {@code String} ({@value #STORY_SPACE_KEY}), value {@code EnrichedArticle};
 *   <li>out: {@code topics.stories()} — key {@code String} (story id), value
 *       {@code StoryCluster}, the story's whole new state after every release of held articles
 *       that changed it;
 *   <li>out: {@code topics.rejected()} — key {@code String} (article id or input key), value
 *       {@code RejectedArticle} with stage {@code CLUSTER}.
 * </ul>
 *
 * <p>State: {@value #STORY_STORE} (story id to {@code StoryCluster}), {@value #MEMBER_STORE}
 * (article id to {@code EnrichedArticle}) for open stories only (closed stories are deleted),
 * {@value #CLOSED_STORE} (the story and content hash of each member of a closed story, for a
 * bounded time, so a late resend is not clustered a second time), {@value #WATERMARK_STORE} (the
 * reorder buffer's latest time per input partition) and {@value #REORDER_STORE} (buffer key to
 * {@code EnrichedArticle}); all persistent and changelogged, the story store cached (one write per
 * story per commit). Every changed story is written to the stories topic once per release of held
 * articles, in its latest state (see {@link StoryAssignProcessor}).
 */
public final class ClusteringTopology {

  /** Store of open stories, by story id. */
  public static final String STORY_STORE = "cluster.story-store";

  /**
   * Store of what is remembered of the members of closed stories (their story and content hash),
   * for {@link ClusteringSettings#closedMemory()} of event time after the story closed.
   */
  public static final String CLOSED_STORE = "cluster.closed-store";

  /**
   * Store of the latest publication time the reorder buffer has seen from each partition of the
   * enriched topic (partition number to epoch milliseconds), so a restart keeps the watermark.
   */
  public static final String WATERMARK_STORE = "cluster.watermark-store";

  /**
   * Header naming the enriched topic's partition an article was read from (4-byte big-endian
   * int), carried through the story-space repartition topic to the reorder buffer.
   */
  public static final String SOURCE_PARTITION_HEADER = "storyline.source-partition";

  /** Store of the member articles of open stories, by article id. */
  public static final String MEMBER_STORE = "cluster.member-store";

  /** Reorder buffer: articles held until event time passes them, by (published, id). */
  public static final String REORDER_STORE = "cluster.reorder-buffer";

  /** Name of the repartition that brings every article to the one clustering task. */
  public static final String STORY_SPACE = "cluster.story-space";

  /** The one key every article is routed by. */
  public static final String STORY_SPACE_KEY = "all";

  /**
   * Wall-clock time between two releases of held articles to the clusterer: each story the
   * released articles changed is written once per release, in its latest state.
   */
  public static final Duration RELEASE_EVERY = StoryAssignProcessor.EMIT_EVERY;

  public static final String SOURCE = "cluster.source";
  public static final String DECODE = "cluster.decode";
  public static final String ROUTE = "cluster.route-";
  public static final String TO_STORY_SPACE = "cluster.to-story-space";
  public static final String ASSIGN = "cluster.assign";
  public static final String ASSIGNED = "cluster.assigned-";
  public static final String REJECTION = "cluster.rejection";
  public static final String REJECTED_SINK = "cluster.rejected-sink";
  public static final String ASSIGN_REJECTION = "cluster.assign-rejection";
  public static final String ASSIGN_REJECTED_SINK = "cluster.assign-rejected-sink";
  public static final String STORY_VALUE = "cluster.story-value";
  public static final String STORIES_SINK = "cluster.stories-sink";

  private ClusteringTopology() {}

  /** The clustering stage alone, with the system clock for rejection times. */
  public static Topology build(Topics topics, ClusteringSettings settings) {
    return build(topics, settings, Clock.systemUTC());
  }

  /** The clustering stage alone, the enriched topic's partition count not known in advance. */
  public static Topology build(Topics topics, ClusteringSettings settings, Clock clock) {
    return build(topics, settings, clock, 0);
  }

  /**
   * The clustering stage alone.
   *
   * @param sourcePartitions partitions of the enriched topic, all of which the reorder buffer
   *     hears from before releasing anything; 0 when not known (see {@link EventTimeBuffer})
   */
  public static Topology build(
      Topics topics, ClusteringSettings settings, Clock clock, int sourcePartitions) {
    StreamsBuilder builder = new StreamsBuilder();
    addTo(builder, topics, settings, clock, sourcePartitions);
    return builder.build();
  }

  /**
   * Adds the clustering stage to {@code builder}, with no enrichment stage in the same app.
   *
   * @param sourcePartitions partitions of the enriched topic, or 0 when not known
   */
  public static void addTo(
      StreamsBuilder builder, Topics topics, ClusteringSettings settings, Clock clock,
      int sourcePartitions) {
    addTo(builder, topics, settings, clock, sourcePartitions, new EnrichmentActivity());
  }

  /**
   * Adds the clustering stage to {@code builder}, so it can share an app with enrichment.
   *
   * @param sourcePartitions partitions of the enriched topic, or 0 when not known
   * @param enrichment the activity of the app's enrichment stage: while it progresses, the idle
   *     flush waits
   */
  public static void addTo(
      StreamsBuilder builder, Topics topics, ClusteringSettings settings, Clock clock,
      int sourcePartitions, EnrichmentActivity enrichment) {
    addTo(builder, topics, settings, clock, sourcePartitions, enrichment, InputDrain.ASSUMED);
  }

  /**
   * Adds the clustering stage to {@code builder}, so it can share an app with enrichment.
   *
   * @param sourcePartitions partitions of the enriched topic, or 0 when not known
   * @param enrichment the activity of the app's enrichment stage: while it progresses, the idle
   *     flush waits
   * @param drain whether the app's input is drained: the idle flush of history waits for it
   */
  public static void addTo(
      StreamsBuilder builder, Topics topics, ClusteringSettings settings, Clock clock,
      int sourcePartitions, EnrichmentActivity enrichment, InputDrain drain) {
    Topic<String, EnrichedArticle> enriched = topics.enriched();
    Topic<String, StoryCluster> stories = topics.stories();
    // The stage writes what it has just read (an article to the repartition topic, the reorder
    // buffer, the member store) and each story state twice (its store, the stories topic): the
    // serdes hand out the bytes of recent values instead of encoding them again.
    AvroSerde<EnrichedArticle> articleSerde = AvroSerde.of(EnrichedArticle.class).rememberingRecent();
    AvroSerde<StoryCluster> storySerde = AvroSerde.of(StoryCluster.class).rememberingRecent();
    RejectedArticleFactory rejections = new RejectedArticleFactory(RejectionStage.CLUSTER, clock);

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORY_STORE),
                Serdes.String(),
                storySerde)
            // A story changed by several articles between two commits reaches RocksDB and the
            // changelog once, in its latest state.
            .withCachingEnabled()
            .withLoggingEnabled(Map.of()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(MEMBER_STORE), Serdes.String(), articleSerde)
            .withLoggingEnabled(Map.of()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CLOSED_STORE), Serdes.String(), Serdes.String())
            .withLoggingEnabled(Map.of()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WATERMARK_STORE), Serdes.String(), Serdes.Long())
            .withLoggingEnabled(Map.of()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(REORDER_STORE), Serdes.String(), articleSerde)
            .withLoggingEnabled(Map.of()));

    Map<String, KStream<String, Outcome<EnrichedArticle>>> decoded =
        builder
            .stream(
                enriched.name(),
                Consumed.with(enriched.keySerde(), Serdes.ByteArray()).withName(SOURCE))
            .processValues(() -> new DecodeProcessor<>(articleSerde, rejections), Named.as(DECODE))
            .split(Named.as(ROUTE))
            .branch((id, outcome) -> outcome.isRejected(), Branched.as("rejected"))
            .defaultBranch(Branched.as("decoded"));

    toRejected(decoded.get(ROUTE + "rejected"), topics, REJECTION, REJECTED_SINK);

    Map<String, KStream<String, Outcome<StoryCluster>>> assigned =
        decoded
            .get(ROUTE + "decoded")
            .process(SourcePartitionTagger::new, Named.as(TO_STORY_SPACE))
            .repartition(
                Repartitioned.<String, EnrichedArticle>as(STORY_SPACE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(articleSerde)
                    .withNumberOfPartitions(1))
            .process(
                () -> new StoryAssignProcessor(
                    settings, sourcePartitions, articleSerde, rejections, enrichment, drain),
                Named.as(ASSIGN),
                STORY_STORE,
                MEMBER_STORE,
                CLOSED_STORE,
                REORDER_STORE,
                WATERMARK_STORE)
            .split(Named.as(ASSIGNED))
            .branch((id, outcome) -> outcome.isRejected(), Branched.as("rejected"))
            .defaultBranch(Branched.as("story"));

    toRejected(assigned.get(ASSIGNED + "rejected"), topics, ASSIGN_REJECTION, ASSIGN_REJECTED_SINK);
    assigned
        .get(ASSIGNED + "story")
        .mapValues(Outcome::value, Named.as(STORY_VALUE))
        .to(
            stories.name(),
            Produced.with(stories.keySerde(), storySerde).withName(STORIES_SINK));
  }

  private static <T> void toRejected(
      KStream<String, Outcome<T>> rejected, Topics topics, String mapName, String sinkName) {
    rejected
        .mapValues(Outcome::rejection, Named.as(mapName))
        .to(
            topics.rejected().name(),
            Produced.with(topics.rejected().keySerde(), topics.rejected().valueSerde())
                .withName(sinkName));
  }
}
