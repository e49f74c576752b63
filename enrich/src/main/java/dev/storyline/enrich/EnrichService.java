package dev.storyline.enrich;

import dev.storyline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enrich Streams application: start with bounded wait for RUNNING, bounded close. What a
 * CLI subcommand (or the embedded all-in-one process) holds while the app runs.
 *
 * <pre>{@code
 * try (EnrichService enrich = EnrichService.create(properties, bootstrapServers)) {
 *   enrich.start();
 *   ...wait for shutdown...
 * }
 * }</pre>
 */
public final class EnrichService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EnrichService.class);

  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** How long to wait for the broker to describe the enriched topic. */
  private static final Duration PARTITION_LOOKUP_TIMEOUT = Duration.ofSeconds(10);

  /** Dead stream threads replaced before the client shuts down. */
  public static final int MAX_THREAD_REPLACEMENTS = 3;

  private final Topology topology;
  private final Properties config;
  private final AutoCloseable resources;
  private KafkaStreams streams;

  /**
   * @param topology typically {@link EnrichApp#topology}
   * @param config typically {@link EnrichApp#config}
   */
  public EnrichService(Topology topology, Properties config) {
    this(topology, config, () -> { });
  }

  /**
   * @param topology typically {@link EnrichApp#topology}
   * @param config typically {@link EnrichApp#config}
   * @param resources what the topology holds beyond the app (closed after it)
   */
  EnrichService(Topology topology, Properties config, AutoCloseable resources) {
    this.topology = topology;
    this.config = config;
    this.resources = resources;
  }

  /**
   * The service as configured by {@code user} (Streams settings, topic names via
   * {@link Topics#fromConfig}, {@link FingerprintSettings}, {@link NlpSettings} and
   * {@link ClusteringSettings} keys), with {@link NlpEnricher} and the system clock. Loads the
   * CoreNLP and language models (once per JVM; a few seconds) before returning.
   */
  public static EnrichService create(Properties user, String bootstrapServers) {
    Properties config = EnrichApp.config(user, bootstrapServers);
    Clock clock = Clock.systemUTC();
    ArticleEnricher enricher =
        NlpEnricher.create(FingerprintSettings.fromConfig(config), NlpSettings.fromConfig(config), clock);
    Topics topics = Topics.fromConfig(toMap(config));
    CommittedInputDrain drain =
        new CommittedInputDrain(
            config,
            EnrichApp.inputTopics(topics, config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)));
    Topology topology =
        EnrichApp.topology(
            topics,
            enricher,
            ClusteringSettings.fromConfig(config),
            clock,
            partitionsOf(topics.enriched().name(), config),
            drain);
    return new EnrichService(topology, config, drain);
  }

  /**
   * The partition count of {@code topic}, or 0 (not known) when the broker cannot say within a
   * few seconds; the app then fails to start anyway if the topic is missing.
   */
  private static int partitionsOf(String topic, Properties config) {
    Map<String, Object> adminConfig = new HashMap<>();
    Set<String> known = AdminClientConfig.configNames();
    config.stringPropertyNames().stream()
        .filter(known::contains)
        .forEach(name -> adminConfig.put(name, config.getProperty(name)));
    long deadline = System.nanoTime() + PARTITION_LOOKUP_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(adminConfig)) {
      while (true) {
        try {
          return admin.describeTopics(List.of(topic)).allTopicNames()
              .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
              .get(topic).partitions().size();
        } catch (ExecutionException e) {
          // A topic created a moment ago can be unknown to the broker's metadata cache still.
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
              || System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Cannot tell how many partitions {} has ({}); the clustering stage's reorder buffer"
          + " waits for the partitions it has seen only", topic, e.toString());
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** {@link #start(Duration)} with {@link #DEFAULT_START_TIMEOUT}. */
  public void start() {
    start(DEFAULT_START_TIMEOUT);
  }

  /**
   * Starts the app and waits until it is RUNNING.
   *
   * @throws IllegalStateException if already started, if the app stops or fails while starting,
   *     or if it is not RUNNING within {@code timeout}
   */
  public synchronized void start(Duration timeout) {
    if (streams != null) {
      throw new IllegalStateException("enrich service already started");
    }
    LOG.info("Starting enrich app {}:\n{}", config.get(StreamsConfig.APPLICATION_ID_CONFIG), topology.describe());
    CompletableFuture<KafkaStreams.State> settled = new CompletableFuture<>();
    streams = new KafkaStreams(topology, config);
    streams.setUncaughtExceptionHandler(new StreamThreadFailurePolicy(MAX_THREAD_REPLACEMENTS));
    streams.setStateListener(
        (newState, oldState) -> {
          LOG.info("Enrich app state {} -> {}", oldState, newState);
          if (newState == KafkaStreams.State.RUNNING
              || newState == KafkaStreams.State.ERROR
              || newState == KafkaStreams.State.PENDING_ERROR
              || newState == KafkaStreams.State.PENDING_SHUTDOWN
              || newState == KafkaStreams.State.NOT_RUNNING) {
            settled.complete(newState);
          }
        });
    streams.start();
    KafkaStreams.State state;
    try {
      state = settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "enrich app not RUNNING within " + timeout + " (state " + streams.state()
              + "); is the broker reachable and are the topics created?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the enrich app", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("enrich app failed to start", e.getCause());
    }
    if (state != KafkaStreams.State.RUNNING) {
      throw new IllegalStateException("enrich app stopped while starting (state " + state
          + "); see the errors logged above");
    }
    LOG.info("Enrich app running");
  }

  /** The app's state; {@code CREATED} before {@link #start}. */
  public synchronized KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  /** The Streams client's metrics (threads, tasks, clients, stores); empty before {@link #start}. */
  public synchronized Map<MetricName, ? extends Metric> metrics() {
    return streams == null ? Map.of() : streams.metrics();
  }

  /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /** Stops the app, waiting at most {@code timeout}; true when it stopped in time. */
  public synchronized boolean close(Duration timeout) {
    if (streams == null) {
      closeResources();
      return true;
    }
    // Leave the group on close: otherwise a restart waits out the old member's session timeout
    // (45 s by default) before it gets its partitions back.
    boolean closed = streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(timeout));
    if (!closed) {
      LOG.warn("Enrich app did not stop within {}; state {}", timeout, streams.state());
    }
    closeResources();
    return closed;
  }

  private void closeResources() {
    try {
      resources.close();
    } catch (Exception e) {
      LOG.warn("Could not close the enrich app's resources: {}", e.toString());
    }
  }

  private static Map<String, Object> toMap(Properties properties) {
    Map<String, Object> map = new HashMap<>();
    properties.forEach((k, v) -> map.put(k.toString(), v));
    return map;
  }
}
