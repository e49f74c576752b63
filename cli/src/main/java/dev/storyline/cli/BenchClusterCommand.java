package dev.storyline.cli;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import dev.storyline.enrich.ClusterScores;
import dev.storyline.enrich.ClusteringSettings;
import dev.storyline.enrich.ClusteringTopology;
import dev.storyline.enrich.EnrichApp;
import dev.storyline.enrich.InMemoryStoryBook;
import dev.storyline.enrich.StoryClusterer;
import dev.storyline.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateRestoreListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storyline bench cluster}: the clustering stage alone, on one thread, on pre-enriched
 * {@link SyntheticNews} (fingerprints, entities and figures made before timing).
 *
 * <p>The warm-up articles bring the stage to the steady state of about {@code --stories} live
 * stories under the default closing horizon; the measured articles that follow are timed. Most of
 * them join a story that already has articles, as on real news. Besides articles/s it prints how
 * well the stories found match the generated ones (BCubed F1), so a fast but degenerate run shows.
 *
 * <ul>
 *   <li>{@code --book memory} times the {@link StoryClusterer} over an {@link InMemoryStoryBook}:
 *       the algorithm alone;
 *   <li>{@code --book store} runs the real {@link ClusteringTopology} in a Kafka Streams {@link
 *       TopologyTestDriver}: Avro decoding, the reorder buffer, RocksDB stores with change logging
 *       (captured by the driver, no broker) and the story output, on one thread;
 *   <li>{@code --restore} then measures a restart through the embedded broker: the real topology
 *       with exactly-once processing takes the warm-up articles, stops, and a new instance with an
 *       empty state directory (as after a crash under exactly-once, or on a new machine) restores
 *       every changelogged store and rebuilds the clusterer's index before it is RUNNING.
 * </ul>
 */
@Command(
    name = "cluster",
    description = {
        "Clustering stage alone on one thread with N live stories, on synthetic pre-enriched news: "
            + "articles/s, BCubed F1 against the generated stories, and the time to rebuild the "
            + "in-memory index from the stores on restart.",
        "The synthetic news has a Zipf-like vocabulary; each story has its own topic words and "
            + "entities that its articles share, heavy-tailed sizes (most stories 1-3 articles, a few "
            + "hundreds), wire reprints (near-duplicates) and figures; stories start at a rate that "
            + "keeps about N live under the 7-day closing horizon, so most measured articles join an "
            + "existing story."},
    mixinStandardHelpOptions = true)
final class BenchClusterCommand extends StorylineSubcommand {

  /**
   * CPU time of the measuring thread: with other work on the machine, wall-clock articles/s
   * measure the load as much as the code.
   */
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** Which story book the measured run uses. */
  enum Book { memory, store }

  @Option(names = "--stories", paramLabel = "N", defaultValue = "10000",
      description = "Live stories to reach with the warm-up articles before the measured run "
          + "(default: ${DEFAULT-VALUE}); the warm-up is about 4 articles per live story.")
  int stories;

  @Option(names = "--articles", paramLabel = "N", defaultValue = "50000",
      description = "Measured articles, after the warm-up (default: ${DEFAULT-VALUE}).")
  int articles;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the synthetic news; the same seed gives the same articles (default: "
          + "${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--book", paramLabel = "memory|store", defaultValue = "memory",
      description = "memory: the StoryClusterer over an in-memory book (the algorithm alone); "
          + "store: the real clustering topology in a Kafka Streams TopologyTestDriver, with "
          + "RocksDB stores, change logging, Avro decoding and the reorder buffer "
          + "(default: ${DEFAULT-VALUE}).")
  Book book;

  @Option(names = "--release-every", paramLabel = "MS", defaultValue = "-1",
      description = "With --book memory: wall-clock milliseconds between two releases; a release "
          + "builds the state of each story changed since the last one, once. -1 (the default): "
          + "the clustering topology's own interval, 100 ms; 0: every story's state after each "
          + "article. Memberships, versions and the latest state of every story are the same "
          + "either way.")
  long releaseEveryMs;

  @Option(names = "--restore",
      description = "Also measure a restart on the embedded broker: the real topology (exactly-once) "
          + "takes the warm-up articles, then a new instance with an empty state directory restores "
          + "the changelogged stores and rebuilds its index; prints the time to RUNNING.")
  boolean restore;

  @Override
  public Integer call() throws IOException {
    ClusteringSettings settings = ClusteringSettings.DEFAULTS;
    long generateStart = System.nanoTime();
    SyntheticNews news = new SyntheticNews(seed, stories, articles, settings.horizon());
    err().printf(Locale.ROOT,
        "generated %d warm-up and %d measured articles of %d stories in %.1f s; %.0f%% of the "
            + "measured articles belong to a story that already has articles; %s%n",
        news.warmUp().size(), news.measured().size(), news.generatedStories(),
        (System.nanoTime() - generateStart) / 1e9, 100 * news.joiningShare(), BenchCommand.jvm());
    err().flush();
    if (book == Book.memory) {
      benchInMemory(settings, news);
    } else {
      benchStore(settings, news);
    }
    if (restore) {
      benchRestore(settings, news);
    }
    out().flush();
    return 0;
  }

  private void benchInMemory(ClusteringSettings settings, SyntheticNews news) {
    long releaseEveryNanos = releaseEveryMs < 0
        ? ClusteringTopology.RELEASE_EVERY.toNanos() : releaseEveryMs * 1_000_000L;
    InMemoryStoryBook memory = new InMemoryStoryBook();
    StoryClusterer clusterer = new StoryClusterer(settings, memory);
    List<StoryCluster> closed = new ArrayList<>();
    ClusteringDigests digests = new ClusteringDigests();
    boolean perArticle = releaseEveryNanos == 0;
    Releases warmUp = new Releases(clusterer, releaseEveryNanos);
    for (EnrichedArticle article : news.warmUp()) {
      List<StoryCluster> changed = warmUp.add(article);
      keep(changed, closed, false);
      if (perArticle) {
        digests.addStates(changed);
      }
    }
    // What is left unreleased goes to the book (a release builds open stories' states only).
    clusterer.release();
    int liveBefore = clusterer.openStories();

    // The measured run only keeps what it emitted; it is digested after the timed section. Which
    // intermediate states a release emits depends on its timing, so with releases only the closed
    // stories' final states are kept (the open ones' latest are in the book): the whole stream of
    // states would be heap the clustering stage does not hold, and collecting it would slow the run.
    List<StoryCluster> emitted = new ArrayList<>(perArticle ? 4 * news.measured().size() : 1024);
    Releases measuredReleases = new Releases(clusterer, releaseEveryNanos);
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    for (EnrichedArticle article : news.measured()) {
      keep(measuredReleases.add(article), emitted, perArticle);
    }
    // Per article nothing is left; else it goes to the book, where the latest states are read.
    clusterer.release();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    keep(emitted, closed, false);
    if (perArticle) {
      digests.addStates(emitted);
    }

    long rebuildStart = System.nanoTime();
    StoryClusterer restarted = new StoryClusterer(settings, memory);
    double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;

    Map<String, String> predicted = new HashMap<>();
    closed.forEach(story -> putMembers(story, predicted));
    memory.forEachStory(story -> putMembers(story, predicted));
    List<StoryCluster> latest = new ArrayList<>(closed);
    memory.forEachStory(latest::add);
    int measured = news.measured().size();
    out().printf(Locale.ROOT,
        "cluster (memory book): %d articles in %.2f s = %.0f articles/s on one thread; %.2f s of "
            + "its CPU time = %.0f articles per CPU second (%d live stories before, %d after); "
            + "%s%n",
        measured, seconds, measured / seconds, cpuSeconds, measured / cpuSeconds, liveBefore,
        clusterer.openStories(), measuredReleases.describe());
    printQuality(news, predicted);
    out().printf(Locale.ROOT,
        "digests (xxh3): memberships %016x over %d articles; latest story states %016x over %d "
            + "stories%s%n",
        ClusteringDigests.membershipsDigest(predicted), predicted.size(),
        ClusteringDigests.latestStatesDigest(latest), latest.size(),
        perArticle ? String.format(Locale.ROOT, "; story states %016x over %d states emitted",
            digests.statesDigest(), digests.stateCount()) : "");
    out().printf(Locale.ROOT,
        "restart: index rebuilt from %d open stories / %d members in %.2f s%n",
        restarted.openStories(), memory.memberCount(), rebuildSeconds);
  }

  /**
   * Feeds articles to the clusterer and releases the changed stories' states every so often of
   * wall-clock time, as the clustering topology does; after every article when the interval is 0.
   */
  private static final class Releases {
    private final StoryClusterer clusterer;
    private final long everyNanos;
    private long lastRelease = System.nanoTime();
    private long releases;
    private long statesBuilt;

    Releases(StoryClusterer clusterer, long everyNanos) {
      this.clusterer = clusterer;
      this.everyNanos = everyNanos;
    }

    /** Assigns the article; returns the states it closed and, when a release is due, released. */
    List<StoryCluster> add(EnrichedArticle article) {
      List<StoryCluster> changed = clusterer.assign(article).closed();
      long now = everyNanos == 0 ? 0 : System.nanoTime();
      if (everyNanos == 0 || now - lastRelease >= everyNanos) {
        lastRelease = now;
        List<StoryCluster> released = clusterer.release();
        releases++;
        statesBuilt += released.size();
        if (changed.isEmpty()) {
          return released;
        }
        List<StoryCluster> both = new ArrayList<>(changed);
        both.addAll(released);
        return both;
      }
      return changed;
    }

    String describe() {
      return String.format(Locale.ROOT, "%s: %d releases, %d open-story states built",
          everyNanos == 0 ? "states after each article" : "released every "
              + everyNanos / 1_000_000 + " ms", releases, statesBuilt);
    }
  }

  /** Keeps every state when {@code all}, else only the final states of closed stories. */
  private static void keep(List<StoryCluster> states, List<StoryCluster> kept, boolean all) {
    for (StoryCluster story : states) {
      if (all || story.getClosed()) {
        kept.add(story);
      }
    }
  }

  private static void putMembers(StoryCluster story, Map<String, String> predicted) {
    for (StoryMember member : story.getMembers()) {
      predicted.put(member.getArticleId(), story.getStoryId());
    }
  }

  private void printQuality(SyntheticNews news, Map<String, String> predicted) {
    Map<String, String> gold = new HashMap<>(news.gold());
    gold.keySet().retainAll(predicted.keySet());
    Map<String, String> scored = new HashMap<>(predicted);
    scored.keySet().retainAll(gold.keySet());
    ClusterScores scores = ClusterScores.of(scored, gold);
    out().printf(Locale.ROOT,
        "stories found vs generated: BCubed P %.4f R %.4f F1 %.4f over %d articles (%d stories, "
            + "%d generated)%n",
        scores.bcubed().precision(), scores.bcubed().recall(), scores.bcubed().f1(),
        scores.items(), scores.clusters(), scores.goldClusters());
  }

  private void benchStore(ClusteringSettings settings, SyntheticNews news) throws IOException {
    Topics topics = Topics.defaults();
    Path state = Files.createTempDirectory("storyline-bench-cluster");
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "storyline-bench-cluster");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    List<byte[]> warmUp = encode(news.warmUp());
    List<byte[]> measured = encode(news.measured());
    try (TopologyTestDriver driver = new TopologyTestDriver(
        ClusteringTopology.build(topics, settings, Clock.systemUTC(), 1), config)) {
      TestInputTopic<String, byte[]> input = driver.createInputTopic(
          topics.enriched().name(), new StringSerializer(), new ByteArraySerializer());
      Drain drain = new Drain(driver, topics);
      pipe(input, news.warmUp(), warmUp, driver, drain);
      int before = drain.stories.size();
      drain.storyRecords = 0;
      drain.changelogRecords = 0;
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      pipe(input, news.measured(), measured, driver, drain);
      // Whatever the reorder buffer still holds is released by the idle flush.
      driver.advanceWallClockTime(settings.idleFlush().multipliedBy(2));
      drain.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      out().printf(Locale.ROOT,
          "cluster (store book, TopologyTestDriver): %d articles in %.2f s = %.0f articles/s on one "
              + "thread; %.2f s of its CPU time = %.0f articles per CPU second (%d stories seen "
              + "before, %d after; %d story states and %d changelog records written while "
              + "measured)%n",
          measured.size(), seconds, measured.size() / seconds, cpuSeconds,
          measured.size() / cpuSeconds, before, drain.stories.size(), drain.storyRecords,
          drain.changelogRecords);
    } finally {
      TemporaryFolders.delete(state);
    }
  }

  private static void pipe(TestInputTopic<String, byte[]> input, List<EnrichedArticle> articles,
      List<byte[]> encoded, TopologyTestDriver driver, Drain drain) {
    for (int i = 0; i < articles.size(); i++) {
      EnrichedArticle article = articles.get(i);
      input.pipeInput(article.getArticle().getId(), encoded.get(i),
          article.getArticle().getPublished());
      if (i % 1000 == 999) {
        drain.run();
      }
    }
    drain.run();
  }

  /**
   * Empties the driver's output topics (it keeps every record it captured), counting the story
   * states and changelog records, and remembering which story ids were written.
   */
  private static final class Drain implements Runnable {
    private final TopologyTestDriver driver;
    private final String storiesTopic;
    final Set<String> stories = new HashSet<>();
    long storyRecords;
    long changelogRecords;

    Drain(TopologyTestDriver driver, Topics topics) {
      this.driver = driver;
      this.storiesTopic = topics.stories().name();
    }

    @Override
    public void run() {
      for (String topic : driver.producedTopicNames()) {
        TestOutputTopic<String, byte[]> output = driver.createOutputTopic(
            topic, new StringDeserializer(), new ByteArrayDeserializer());
        while (!output.isEmpty()) {
          String key = output.readRecord().key();
          if (topic.equals(storiesTopic)) {
            stories.add(key);
            storyRecords++;
          } else if (topic.endsWith("-changelog")) {
            changelogRecords++;
          }
        }
      }
    }
  }

  private static List<byte[]> encode(List<EnrichedArticle> articles) {
    Topics topics = Topics.defaults();
    List<byte[]> encoded = new ArrayList<>(articles.size());
    for (EnrichedArticle article : articles) {
      encoded.add(topics.enriched().valueSerde().serializer()
          .serialize(topics.enriched().name(), article));
    }
    return encoded;
  }

  private void benchRestore(ClusteringSettings settings, SyntheticNews news) throws IOException {
    Topics topics = Topics.defaults();
    Path work = Files.createTempDirectory("storyline-bench-restore");
    try (EmbeddedKafkaBroker broker = Brokers.startTemporary(work, topics, 1)) {
      String bootstrap = broker.bootstrapServers();
      List<byte[]> encoded = encode(news.warmUp());
      Properties producerConfig = new Properties();
      producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "20");
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < encoded.size(); i++) {
          EnrichedArticle article = news.warmUp().get(i);
          // No record timestamp of the articles' own (publication in 2025): the broker would
          // delete them by the enriched topic's time retention before they were clustered, and
          // the enrich stage writes its records with the ingest time too.
          producer.send(new ProducerRecord<>(topics.enriched().name(), 0,
              article.getArticle().getId(), encoded.get(i)));
        }
        producer.flush();
      }

      long firstStart = System.nanoTime();
      Set<String> assigned = new HashSet<>();
      try (KafkaStreams first = streams(settings, topics, bootstrap, work.resolve("state-1"), null);
          KafkaConsumer<String, byte[]> stories = consumer(bootstrap)) {
        awaitRunning(first);
        stories.subscribe(List.of(topics.stories().name()));
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (assigned.size() < news.warmUp().size() && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, byte[]> record : stories.poll(Duration.ofMillis(500))) {
            StoryCluster story =
                topics.stories().valueSerde().deserializer().deserialize(record.topic(), record.value());
            story.getMembers().forEach(m -> assigned.add(m.getArticleId()));
          }
        }
      }
      double firstSeconds = (System.nanoTime() - firstStart) / 1e9;
      out().printf(Locale.ROOT,
          "real topology on the embedded broker (exactly-once, one thread): %d of %d warm-up "
              + "articles in stories after %.1f s = %.0f articles/s end to end%n",
          assigned.size(), news.warmUp().size(), firstSeconds, assigned.size() / firstSeconds);

      Map<String, AtomicLong> restored = new java.util.TreeMap<>();
      AtomicLong restoreStart = new AtomicLong();
      AtomicLong restoreEnd = new AtomicLong();
      StateRestoreListener listener = new StateRestoreListener() {
        @Override
        public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
          restoreStart.compareAndSet(0, System.nanoTime());
        }

        @Override
        public void onBatchRestored(
            TopicPartition partition, String store, long batchEnd, long restoredRecords) {
          restored.computeIfAbsent(store, s -> new AtomicLong()).addAndGet(restoredRecords);
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long total) {
          restoreEnd.set(System.nanoTime());
        }
      };
      long restartStart = System.nanoTime();
      try (KafkaStreams second =
          streams(settings, topics, bootstrap, work.resolve("state-2"), listener)) {
        awaitRunning(second);
        double runningSeconds = (System.nanoTime() - restartStart) / 1e9;
        long records = restored.values().stream().mapToLong(AtomicLong::get).sum();
        out().printf(Locale.ROOT,
            "restore: restarted with an empty state directory, RUNNING after %.2f s (changelog "
                + "restore %.2f s for %d records: %s; the rest is start-up, the group join and "
                + "the index rebuild, which the clusterer logs)%n",
            runningSeconds, (restoreEnd.get() - restoreStart.get()) / 1e9, records, restored);
      }
    } finally {
      TemporaryFolders.delete(work);
    }
  }

  private static KafkaStreams streams(ClusteringSettings settings, Topics topics, String bootstrap,
      Path state, StateRestoreListener listener) {
    Properties user = new Properties();
    user.put(StreamsConfig.APPLICATION_ID_CONFIG, "storyline-bench-restore");
    user.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    user.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1"); // one task: the story space
    // The same static member as before, as a restarted process is: a new one would wait for the
    // old member's session to time out before it got the task.
    user.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        "storyline-bench-restore");
    KafkaStreams streams = new KafkaStreams(
        ClusteringTopology.build(topics, settings, Clock.systemUTC(), 1),
        EnrichApp.config(user, bootstrap));
    if (listener != null) {
      streams.setGlobalStateRestoreListener(listener);
    }
    return streams;
  }

  private static void awaitRunning(KafkaStreams streams) {
    CompletableFuture<KafkaStreams.State> settled = new CompletableFuture<>();
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR
          || now == KafkaStreams.State.NOT_RUNNING) {
        settled.complete(now);
      }
    });
    streams.start();
    try {
      KafkaStreams.State state = settled.get(10, TimeUnit.MINUTES);
      if (state != KafkaStreams.State.RUNNING) {
        throw new UserError("the clustering topology stopped while starting (" + state + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while starting the clustering topology", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new UserError("the clustering topology did not start: " + e, e);
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "storyline-bench-restore-reader");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
