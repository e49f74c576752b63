package dev.storyline.cli;

import dev.storyline.avro.Article;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.cli.reliability.ReliabilityChecker;
import dev.storyline.enrich.ClusteringSettings;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.schemas.Topics;
import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryDetail;
import dev.storyline.sink.StoryFilter;
import dev.storyline.sink.StoryQueries;
import dev.storyline.sink.StorySink;
import dev.storyline.sink.StorySummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One run of the real pipeline for the reliability suite, with its own topics, application id,
 * group and SQLite database: publishes inputs and remembers which the broker acknowledged (valid
 * or invalid), starts and stops the services (enrich in this JVM, or as a separate process a test
 * kills), and reads back what came out — story members from the database, ids from the rejected
 * topic — for the {@link ReliabilityChecker}.
 *
 * <p>The clustering stage holds every article in its reorder buffer until the input has been idle
 * for {@link #IDLE_FLUSH} (the grace period is ten years, as in {@code storyline eval clusters}),
 * so the assignment depends only on which articles arrived, not on partition interleaving or on
 * when a process was killed; that is what makes a faulty run comparable with a fault-free one.
 */
final class ReliabilityRun implements AutoCloseable {

  static final Duration WAIT = Duration.ofMinutes(6);
  static final Duration IDLE_FLUSH = Duration.ofSeconds(8);
  private static final Duration POLL = Duration.ofMillis(500);

  final String name;
  final String prefix;
  final Topics topics;
  final String jdbcUrl;
  final String bootstrap;
  final Path dir;
  private final Map<String, Boolean> acknowledged = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Set<String> rejected = ConcurrentHashMap.newKeySet();
  private final KafkaConsumer<String, byte[]> rejectedReader;
  private final StoryQueries queries;
  private ArticlePublisher publisher;
  private KafkaProducer<String, byte[]> rawProducer;
  private GenerationalEnrich enrich;
  private StorySink sink;
  private ExecutorService sinkThread;
  private Future<?> sinkRunning;

  /**
   * @param dir the test's temporary folder
   * @param name unique within the test JVM
   */
  ReliabilityRun(Path dir, String name, String bootstrap, int partitions, short replicationFactor) {
    this.name = name;
    this.dir = dir.resolve(name);
    this.bootstrap = bootstrap;
    this.prefix = "rel-" + name + ".";
    this.topics = Topics.withPrefix(prefix);
    this.jdbcUrl = "jdbc:sqlite:" + dir.resolve(name + ".db");
    TopicCreator.ensureTopics(new Properties(), bootstrap, topics, partitions, replicationFactor);
    Properties reader = new Properties();
    reader.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    reader.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    rejectedReader = new KafkaConsumer<>(reader, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitionsOfRejected = partitionsOnceKnown(rejectedReader, topics.rejected().name());
    rejectedReader.assign(partitionsOfRejected);
    rejectedReader.seekToBeginning(partitionsOfRejected);
    queries = new StoryQueries(StoryDatabase.open(jdbcUrl));
  }

  /**
   * The partitions of {@code topic}, asked until the broker the client asks knows them: on a
   * cluster of several nodes a topic just created reaches the others' metadata a moment later, and
   * until then the client sees no partitions (assigning none would fail every later poll).
   */
  private static List<TopicPartition> partitionsOnceKnown(KafkaConsumer<?, ?> consumer, String topic) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      if (!partitions.isEmpty()) {
        return partitions;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no partitions of " + topic + " known after " + WAIT);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the partitions of " + topic, e);
      }
    }
  }

  /** Streams and Storyline settings of this run's enrich app (also written for a child process). */
  Properties enrichSettings() {
    Properties settings = new Properties();
    settings.setProperty(Topics.PREFIX_CONFIG, prefix);
    settings.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "enrich");
    settings.setProperty(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
    settings.setProperty(ClusteringSettings.REORDER_GRACE_CONFIG, "P3650D");
    settings.setProperty(ClusteringSettings.IDLE_FLUSH_CONFIG, IDLE_FLUSH.toString());
    return settings;
  }

  /** The enrich settings as a client config file, for {@code storyline enrich --client-config}. */
  Path enrichSettingsFile() {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("enrich.properties");
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        enrichSettings().store(out, "reliability run " + name);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void startEnrich() {
    enrich = GenerationalEnrich.start(enrichSettings(), bootstrap, topics, reason -> { });
  }

  void stopEnrich() {
    if (enrich != null) {
      enrich.close();
      enrich = null;
    }
  }

  void startSink() {
    startSink(batch -> { });
  }

  /** Starts the sink with a fault injector told of every committed batch. */
  void startSink(StorySink.BatchListener listener) {
    Properties client = new Properties();
    client.setProperty(ConsumerConfig.GROUP_ID_CONFIG, prefix + "sink");
    // Small batches, so the few dozen story records of a scenario (each story is written once
    // per release of held articles) still make the many batches a fault injector counts.
    client.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "3");
    sink = new StorySink(StorySink.config(client, bootstrap), topics, StoryDatabase.open(jdbcUrl), listener);
    sinkThread = Executors.newSingleThreadExecutor();
    sinkRunning = sinkThread.submit(sink);
  }

  /** Waits for the sink to end on its own (a simulated crash) and returns why it ended. */
  Throwable awaitSinkDeath() throws InterruptedException {
    try {
      sinkRunning.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError("the sink stopped without failing");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the sink did not fail within " + WAIT, e);
    } finally {
      closeSink();
    }
  }

  void stopSink() {
    closeSink();
  }

  private void closeSink() {
    if (sink != null) {
      sink.close();
      sinkThread.shutdown();
      try {
        sinkThread.awaitTermination(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sink = null;
    }
  }

  /** Publishes through ingest's producer; an article counts as valid input once acknowledged. */
  void publish(List<Article> articles) throws InterruptedException {
    if (publisher == null) {
      publisher = new ArticlePublisher(ArticlePublisher.config(new Properties(), bootstrap), topics,
          ReliabilityInputs.INGEST_CLOCK);
    }
    List<Map.Entry<Article, java.util.concurrent.CompletableFuture<?>>> sent = new ArrayList<>();
    for (Article article : articles) {
      sent.add(Map.entry(article, publisher.publish(article)));
    }
    for (var send : sent) {
      try {
        send.getValue().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        acknowledged.put(send.getKey().getId(), true);
      } catch (ExecutionException | TimeoutException e) {
        // Not acknowledged: the producer told the caller, so the checker does not count it.
      }
    }
  }

  /**
   * Produces raw bytes to the articles topic, as a foreign producer would; acknowledged records
   * count as invalid input.
   *
   * @return the send's failure, or null if the broker acknowledged it
   */
  Throwable publishInvalid(String key, byte[] value) throws InterruptedException {
    if (rawProducer == null) {
      Properties config = new Properties();
      config.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.setProperty(ProducerConfig.ACKS_CONFIG, "all");
      config.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
    try {
      rawProducer.send(new ProducerRecord<>(topics.articles().name(), key, value)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      acknowledged.put(key, false);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      return e;
    }
  }

  Map<String, Boolean> acknowledged() {
    synchronized (acknowledged) {
      return new LinkedHashMap<>(acknowledged);
    }
  }

  /** Ids on the rejected topic so far (committed records only). */
  Set<String> rejectedIds() {
    var records = rejectedReader.poll(Duration.ofMillis(200));
    while (!records.isEmpty()) {
      records.forEach(r -> {
        RejectedArticle value = topics.rejected().valueSerde().deserializer().deserialize(r.topic(), r.value());
        rejected.add(value.getArticleId() != null ? value.getArticleId() : String.valueOf(r.key()));
      });
      records = rejectedReader.poll(Duration.ofMillis(200));
    }
    return Set.copyOf(rejected);
  }

  /** Inputs acknowledged but found neither in the database nor on the rejected topic. */
  List<String> unaccounted() {
    Set<String> rejectedNow = rejectedIds();
    List<String> pending = new ArrayList<>(acknowledged().keySet());
    pending.removeAll(rejectedNow);
    Set<String> stored = queries.storedArticles(pending);
    pending.removeAll(stored);
    return pending;
  }

  /**
   * Waits (bounded by {@link #WAIT}) until every acknowledged input is accounted for, then until
   * the database stops changing.
   *
   * @return when every input was first accounted for, or null if not within the wait (the
   *     checker then reports the missing ones as lost)
   */
  Instant awaitAccountedFor() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Instant accountedFor = null;
    while (System.nanoTime() < deadline) {
      if (unaccounted().isEmpty()) {
        accountedFor = Instant.now();
        break;
      }
      Thread.sleep(POLL.toMillis());
    }
    awaitQuietDatabase(deadline);
    return accountedFor;
  }

  /** Waits until two reads of the whole database, an idle-flush period apart, are equal. */
  private void awaitQuietDatabase(long deadline) throws InterruptedException {
    StorySnapshot before = StorySnapshot.read(jdbcUrl);
    while (System.nanoTime() < deadline) {
      Thread.sleep(IDLE_FLUSH.toMillis() + 1000);
      StorySnapshot after = StorySnapshot.read(jdbcUrl);
      if (after.equals(before)) {
        return;
      }
      before = after;
    }
  }

  /** The members of every stored story. */
  List<List<String>> storyMembers() {
    List<List<String>> members = new ArrayList<>();
    for (StorySummary summary : queries.list(StoryFilter.all())) {
      queries.story(summary.storyId()).ifPresent(story ->
          members.add(story.members().stream().map(StoryDetail.Member::articleId).toList()));
    }
    return members;
  }

  /** Each story that holds one of {@code articleIds}: its id and members, for a failure message. */
  String storiesWith(Set<String> articleIds) {
    StringBuilder out = new StringBuilder();
    for (StorySummary summary : queries.list(StoryFilter.all())) {
      queries.story(summary.storyId()).ifPresent(story -> {
        List<String> members = story.members().stream().map(StoryDetail.Member::articleId).toList();
        if (members.stream().anyMatch(articleIds::contains)) {
          out.append("  story ").append(story.storyId()).append(" v").append(story.version()).append(": ")
              .append(story.members().stream().map(m -> m.articleId() + (m.duplicateOf() == null ? "" : "(dup of "
                  + m.duplicateOf() + ")")).toList()).append('\n');
        }
      });
    }
    return out.toString();
  }

  ReliabilityChecker.Outcome outcome() {
    return new ReliabilityChecker.Outcome(acknowledged(), rejectedIds(), storyMembers());
  }

  @Override
  public void close() {
    try {
      stopSink();
    } finally {
      try {
        stopEnrich();
      } finally {
        rejectedReader.close();
        if (publisher != null) {
          publisher.close();
        }
        if (rawProducer != null) {
          rawProducer.close(Duration.ofSeconds(10));
        }
      }
    }
  }
}
