package dev.storyline.enrich;

import dev.storyline.schemas.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Configuration and topology of the enrich Streams application, which runs both the enrichment
 * and the story clustering stage. {@link EnrichService} runs it; the CLI wires the two.
 */
public final class EnrichApp {

  public static final String APPLICATION_ID = "storyline-enrich";

  /** RocksDB state directory unless {@code state.dir} is given: beside the embedded broker's log. */
  public static final String DEFAULT_STATE_DIR = "data/streams";

  /** Low, so a demo shows results quickly; with exactly-once it is also the transaction length. */
  public static final int DEFAULT_COMMIT_INTERVAL_MS = 100;

  /**
   * {@code num.stream.threads} unless the user sets it: one per core the JVM sees, at least one.
   * Tagging is CPU-bound, so a second thread on a second core tags while the first waits on
   * Kafka or runs the clustering stage; on two cores the whole bench ran 1.4-1.7x faster with
   * two threads than with one (docs/BENCHMARKS.md). Threads beyond the partitions of the articles
   * topic stay idle.
   */
  public static int defaultStreamThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** The exactly-once transaction timeout unless the user sets {@code producer.transaction.timeout.ms}. */
  public static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;

  private EnrichApp() {}

  /**
   * A group instance id (static membership) stable across restarts of one instance and distinct
   * between instances: the application id plus a hash of the host name and the absolute state
   * directory, which no two running instances share (Streams locks it). With it a restarted
   * instance takes its partitions back at once instead of waiting out the old member's session,
   * and {@link EnrichService#close} can leave the group.
   */
  public static String staticMemberId(Properties config) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    String stateDir =
        java.nio.file.Path.of(config.getProperty(StreamsConfig.STATE_DIR_CONFIG))
            .toAbsolutePath()
            .normalize()
            .toString();
    String identity = host + "|" + stateDir;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)
        + "-" + String.format("%08x", crc.getValue());
  }

  /**
   * Streams configuration: {@code user}'s settings, with Storyline's defaults for any it leaves
   * out (application id {@value #APPLICATION_ID}, {@code exactly_once_v2}, String keys, the
   * Storyline exception handlers, commit interval {@value #DEFAULT_COMMIT_INTERVAL_MS} ms, state
   * directory {@value #DEFAULT_STATE_DIR}, {@link #defaultStreamThreads()} stream threads).
   * {@code replication.factor} is left to the broker's default. {@code user} is not modified.
   *
   * @param bootstrapServers overrides {@code bootstrap.servers} in {@code user} when not null
   *     (it is the more specific setting, e.g. a command-line option)
   */
  public static Properties config(Properties user, String bootstrapServers) {
    Properties config = new Properties();
    config.putAll(user);
    // putAll skips the defaults chain of a Properties built with defaults; copy those too.
    user.stringPropertyNames().forEach(name -> config.putIfAbsent(name, user.getProperty(name)));
    if (bootstrapServers != null) {
      config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.putIfAbsent(
        StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
    config.putIfAbsent(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeserializationFailureHandler.class.getName());
    config.putIfAbsent(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        ProductionFailureHandler.class.getName());
    config.putIfAbsent(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        ProcessingFailureHandler.class.getName());
    config.putIfAbsent(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(DEFAULT_COMMIT_INTERVAL_MS));
    config.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, DEFAULT_STATE_DIR);
    config.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(defaultStreamThreads()));
    // Streams' 10 s under exactly-once is one slow article (a long body on a busy machine) away
    // from the broker aborting the transaction and fencing the thread's producer, which then
    // redoes the work.
    config.putIfAbsent(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        Integer.toString(DEFAULT_TRANSACTION_TIMEOUT_MS));
    config.putIfAbsent(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        staticMemberId(config));
    return config;
  }

  /** Both stages in one topology, with the system clock for rejection times. */
  public static Topology topology(
      Topics topics, ArticleEnricher enricher, ClusteringSettings settings) {
    return topology(topics, enricher, settings, Clock.systemUTC());
  }

  /** Both stages in one topology, the enriched topic's partition count not known in advance. */
  public static Topology topology(
      Topics topics, ArticleEnricher enricher, ClusteringSettings settings, Clock clock) {
    return topology(topics, enricher, settings, clock, 0);
  }

  /**
   * Both stages in one topology.
   *
   * @param enrichedPartitions partitions of the enriched topic (the clustering stage's reorder
   *     buffer waits to hear from all of them), or 0 when not known
   */
  public static Topology topology(
      Topics topics, ArticleEnricher enricher, ClusteringSettings settings, Clock clock,
      int enrichedPartitions) {
    return topology(topics, enricher, settings, clock, enrichedPartitions, InputDrain.ASSUMED);
  }

  /**
   * Both stages in one topology.
   *
   * @param enrichedPartitions partitions of the enriched topic (the clustering stage's reorder
   *     buffer waits to hear from all of them), or 0 when not known
   * @param drain whether the app's input ({@link #inputTopics}) is drained: the clustering stage's
   *     idle flush of history waits for it
   */
  public static Topology topology(
      Topics topics, ArticleEnricher enricher, ClusteringSettings settings, Clock clock,
      int enrichedPartitions, InputDrain drain) {
    StreamsBuilder builder = new StreamsBuilder();
    EnrichmentActivity enrichment = new EnrichmentActivity();
    EnrichmentTopology.addTo(builder, topics, enricher, clock, enrichment);
    ClusteringTopology.addTo(
        builder, topics, settings, clock, enrichedPartitions, enrichment, drain);
    return builder.build();
  }

  /**
   * Every topic the app with {@code applicationId} reads: the articles, the enriched articles and
   * the internal story-space repartition topic.
   */
  public static List<String> inputTopics(Topics topics, String applicationId) {
    return List.of(
        topics.articles().name(),
        topics.enriched().name(),
        applicationId + "-" + ClusteringTopology.STORY_SPACE + "-repartition");
  }
}
