package dev.storyline.enrich;

import dev.storyline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>{@link #create} runs the app as two Streams clients of the same application (see
 * {@link EnrichApp#stageConfigs}): one whose threads enrich, one whose thread clusters. They join
 * the same consumer group, and {@link StageTaskAssignor} gives each its stage's tasks, so the
 * clustering stage never waits behind the tagging.
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

  /** One Streams client of the app: its topology and configuration. */
  record Client(Topology topology, Properties config) {}

  private final List<Client> clients;
  private final AutoCloseable resources;
  private final List<KafkaStreams> running = new ArrayList<>();

  /**
   * The app as one Streams client.
   *
   * @param topology typically {@link EnrichApp#topology}
   * @param config typically {@link EnrichApp#config}
   */
  public EnrichService(Topology topology, Properties config) {
    this(List.of(new Client(topology, config)), () -> { });
  }

  /**
   * @param clients the app's Streams clients in this process, started in this order
   * @param resources what the topologies hold beyond the app (closed after it)
   */
  EnrichService(List<Client> clients, AutoCloseable resources) {
    this.clients = List.copyOf(clients);
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
    int enrichedPartitions = partitionsOf(topics.enriched().name(), config);
    ClusteringSettings clustering = ClusteringSettings.fromConfig(config);
    EnrichmentActivity enrichment = new EnrichmentActivity();
    List<Client> clients = new ArrayList<>();
    for (Properties stage : EnrichApp.stageConfigs(config)) {
      clients.add(new Client(
          EnrichApp.topology(topics, enricher, clustering, clock, enrichedPartitions, drain, enrichment),
          stage));
    }
    return new EnrichService(clients, drain);
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
    if (!running.isEmpty()) {
      throw new IllegalStateException("enrich service already started");
    }
    List<CompletableFuture<KafkaStreams.State>> settled = new ArrayList<>();
    for (Client client : clients) {
      String name = clientName(client);
      LOG.info("Starting enrich app {} ({}):\n{}",
          client.config().get(StreamsConfig.APPLICATION_ID_CONFIG), name, client.topology().describe());
      CompletableFuture<KafkaStreams.State> clientSettled = new CompletableFuture<>();
      KafkaStreams streams = new KafkaStreams(client.topology(), client.config());
      streams.setUncaughtExceptionHandler(new StreamThreadFailurePolicy(MAX_THREAD_REPLACEMENTS));
      streams.setStateListener(
          (newState, oldState) -> {
            LOG.info("Enrich app ({}) state {} -> {}", name, oldState, newState);
            if (newState == KafkaStreams.State.RUNNING
                || newState == KafkaStreams.State.ERROR
                || newState == KafkaStreams.State.PENDING_ERROR
                || newState == KafkaStreams.State.PENDING_SHUTDOWN
                || newState == KafkaStreams.State.NOT_RUNNING) {
              clientSettled.complete(newState);
            }
          });
      running.add(streams);
      settled.add(clientSettled);
      streams.start();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < running.size(); i++) {
      KafkaStreams.State state;
      try {
        state = settled.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "enrich app not RUNNING within " + timeout + " (state " + state()
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
    }
    LOG.info("Enrich app running");
  }

  private static String clientName(Client client) {
    String stage = client.config().getProperty(StreamsConfig.clientTagPrefix(StageTaskAssignor.STAGE_TAG));
    return stage == null ? "one client" : stage + " client";
  }

  /**
   * The app's state; {@code CREATED} before {@link #start}. With several clients, the first
   * client's state that is not RUNNING (a failing client first), else RUNNING.
   */
  public synchronized KafkaStreams.State state() {
    if (running.isEmpty()) {
      return KafkaStreams.State.CREATED;
    }
    KafkaStreams.State state = KafkaStreams.State.RUNNING;
    for (KafkaStreams streams : running) {
      KafkaStreams.State clientState = streams.state();
      if (clientState == KafkaStreams.State.ERROR || clientState == KafkaStreams.State.PENDING_ERROR) {
        return clientState;
      }
      if (state == KafkaStreams.State.RUNNING) {
        state = clientState;
      }
    }
    return state;
  }

  /** The Streams clients' metrics (threads, tasks, clients, stores); empty before {@link #start}. */
  public synchronized Map<MetricName, ? extends Metric> metrics() {
    Map<MetricName, Metric> metrics = new HashMap<>();
    running.forEach(streams -> metrics.putAll(streams.metrics()));
    return metrics;
  }

  /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /** Stops the app, waiting at most {@code timeout}; true when it stopped in time. */
  public synchronized boolean close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean closed = true;
    for (KafkaStreams streams : running) {
      // Leave the group on close: otherwise a restart waits out the old member's session timeout
      // (45 s by default) before it gets its partitions back.
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(left))) {
        LOG.warn("Enrich app did not stop within {}; state {}", timeout, streams.state());
        closed = false;
      }
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
