package dev.storyline.sink;

import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.StoryCluster;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink service: consumes {@code storyline.stories} and writes each story to the {@link
 * StoryDatabase} with the consumed offsets in the same transaction.
 *
 * <p>Input: {@code storyline.stories} (key: story id, String; value: {@link StoryCluster}, read
 * committed only). Output: the database; {@code storyline.articles.rejected} (value: {@link
 * RejectedArticle}, stage SINK) for records that cannot be stored.
 *
 * <p>The database, not the consumer group, holds the position: on assignment each partition is
 * sought to the offset stored in the database (or to the beginning), so a crash at any point
 * neither loses nor duplicates a story row. The group offsets are committed too, after each
 * database transaction, only so that lag monitoring tools see progress.
 *
 * <p>After each poll, a partition whose position moved past the stored offset without returning
 * records (transaction markers, records of aborted transactions) has that position stored too,
 * with no rows: once caught up, the stored offsets equal the partitions' last stable offsets.
 *
 * <p>{@link #run()} loops until {@link #close()}; a database or Kafka failure ends it with the
 * exception (the stored offsets are intact, so a restart resumes where it stopped).
 */
public final class StorySink implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StorySink.class);

  public static final String DEFAULT_GROUP_ID = "storyline-sink";
  static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  static final long CLOSE_TIMEOUT_SECONDS = 30;
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(CLOSE_TIMEOUT_SECONDS);
  static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** Consumer settings meaningless or harmful for the rejected-topic producer. */
  private static final Set<String> NOT_FOR_PRODUCER =
      Set.of(
          CommonClientConfigs.CLIENT_ID_CONFIG,
          ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
          ProducerConfig.TRANSACTIONAL_ID_CONFIG);

  /**
   * Told about every batch right after its database transaction committed, on the sink's
   * thread, before the group offsets are committed for monitoring. For progress reports and
   * benchmarks; an exception thrown here ends {@link #run()} as a crash at that point would.
   */
  @FunctionalInterface
  public interface BatchListener {

    /**
     * @param batch the batch whose stories (the newer versions among them) and offsets are
     *     now stored; for a batch that only moved offsets past transaction markers, no stories
     *     and the new offsets
     */
    void committed(StoryBatch batch);

    /** Does nothing. */
    BatchListener NONE = batch -> {};
  }

  private enum State {
    NEW,
    RUNNING,
    STOPPED
  }

  private final Topic<String, StoryCluster> stories;
  private final Topic<String, RejectedArticle> rejected;
  private final StoryDatabase database;
  private final StoryBatchReader reader;
  private final StoryWriter writer;
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, RejectedArticle> producer;
  private final BatchListener listener;
  /** Per assigned partition, the next offset stored in the database; sink thread only. */
  private final Map<TopicPartition, Long> storedNext = new HashMap<>();
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * Creates the clients and opens a database connection; nothing is consumed before {@link
   * #run()}.
   *
   * @param consumerConfig consumer settings (bootstrap servers, TLS/SASL, …); the defaults of
   *     {@link #config} are applied to a copy. The rejected-topic producer takes the settings
   *     that apply to producers from it.
   * @param topics the topic registry
   * @param database where stories and offsets go; the caller keeps ownership
   * @throws IllegalArgumentException when the settings ask for uncommitted reads or auto-commit
   */
  public StorySink(Properties consumerConfig, Topics topics, StoryDatabase database) {
    this(consumerConfig, topics, database, BatchListener.NONE);
  }

  /**
   * As {@link #StorySink(Properties, Topics, StoryDatabase)}, telling {@code listener} about
   * every committed batch.
   */
  public StorySink(
      Properties consumerConfig, Topics topics, StoryDatabase database, BatchListener listener) {
    this(consumerConfig, topics, database, listener, StoryWriter.DEFAULT_REMEMBERED_STORIES);
  }

  /**
   * As {@link #StorySink(Properties, Topics, StoryDatabase, BatchListener)}, its writer
   * remembering the rows of at most {@code rememberedStories} stories (see {@link StoryWriter}).
   */
  public StorySink(
      Properties consumerConfig,
      Topics topics,
      StoryDatabase database,
      BatchListener listener,
      int rememberedStories) {
    this(Clients.create(config(consumerConfig, null), topics), topics, database, listener,
        rememberedStories);
  }

  private StorySink(
      Clients clients,
      Topics topics,
      StoryDatabase database,
      BatchListener listener,
      int rememberedStories) {
    this(clients.consumer(), clients.producer(), topics, database, Clock.systemUTC(), listener,
        rememberedStories);
  }

  /** A sink on the given clients, which it closes; for tests with Kafka's mock clients. */
  StorySink(
      Consumer<String, byte[]> consumer,
      Producer<String, RejectedArticle> producer,
      Topics topics,
      StoryDatabase database,
      Clock clock) {
    this(consumer, producer, topics, database, clock, BatchListener.NONE);
  }

  /**
   * A sink on the given clients, which it closes; for tests with Kafka's mock clients.
   *
   * @param clock stamps {@code rejectedAt} of rejected records
   */
  StorySink(
      Consumer<String, byte[]> consumer,
      Producer<String, RejectedArticle> producer,
      Topics topics,
      StoryDatabase database,
      Clock clock,
      BatchListener listener) {
    this(consumer, producer, topics, database, clock, listener,
        StoryWriter.DEFAULT_REMEMBERED_STORIES);
  }

  private StorySink(
      Consumer<String, byte[]> consumer,
      Producer<String, RejectedArticle> producer,
      Topics topics,
      StoryDatabase database,
      Clock clock,
      BatchListener listener,
      int rememberedStories) {
    this.listener = listener;
    this.stories = topics.stories();
    this.rejected = topics.rejected();
    this.database = database;
    this.reader = new StoryBatchReader(stories, clock);
    this.consumer = consumer;
    this.producer = producer;
    try {
      this.writer = new StoryWriter(database, Clock.systemUTC(), rememberedStories);
    } catch (RuntimeException e) {
      try {
        consumer.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
      } finally {
        producer.close(CLIENT_CLOSE_TIMEOUT);
      }
      throw e;
    }
  }

  /** The Kafka clients of a sink: the stories consumer and the rejected-topic producer. */
  private record Clients(
      Consumer<String, byte[]> consumer, Producer<String, RejectedArticle> producer) {

    static Clients create(Properties config, Topics topics) {
      KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(
              config, topics.stories().keySerde().deserializer(), new ByteArrayDeserializer());
      try {
        return new Clients(
            consumer,
            new KafkaProducer<>(
                producerConfig(config),
                topics.rejected().keySerde().serializer(),
                topics.rejected().valueSerde().serializer()));
      } catch (RuntimeException e) {
        consumer.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
        throw e;
      }
    }
  }

  /**
   * Consumer settings: the user's (a client properties file, TLS/SASL) win; the rest defaults to
   * group {@value #DEFAULT_GROUP_ID}, reading from the earliest offset when none is stored.
   * {@code isolation.level=read_committed} and {@code enable.auto.commit=false} are required.
   *
   * @param user the user's settings, not modified
   * @param bootstrapServers used when {@code user} has no {@code bootstrap.servers}; may be null
   * @throws IllegalArgumentException when {@code user} asks for uncommitted reads or auto-commit
   */
  public static Properties config(Properties user, String bootstrapServers) {
    Properties config = new Properties();
    config.putAll(user);
    if (bootstrapServers != null) {
      config.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, DEFAULT_GROUP_ID);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, DEFAULT_GROUP_ID);
    // Where to start when a stored offset is out of range (e.g. the topic was recreated).
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    require(config, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        "the stories topic is written in Kafka transactions: aborted stories must not be stored");
    require(config, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        "the sink stores its offsets in the database, in the transaction that writes the stories");
    return config;
  }

  /** Producer settings for the rejected topic, taken from the consumer settings. */
  static Properties producerConfig(Properties consumerConfig) {
    Properties config = new Properties();
    Set<String> producerNames = ProducerConfig.configNames();
    consumerConfig.forEach(
        (name, value) -> {
          String key = name.toString();
          if (producerNames.contains(key) && !NOT_FOR_PRODUCER.contains(key)) {
            config.put(name, value);
          }
        });
    String clientId = consumerConfig.getProperty(ConsumerConfig.CLIENT_ID_CONFIG, DEFAULT_GROUP_ID);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-rejected");
    config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return config;
  }

  private static void require(Properties config, String name, String value, String why) {
    Object current = config.putIfAbsent(name, value);
    if (current != null && !current.toString().strip().toLowerCase(Locale.ROOT).equals(value)) {
      throw new IllegalArgumentException(
          name + "=" + current + " is not supported by the story sink: it needs " + name + "="
              + value + " because " + why);
    }
  }

  /**
   * Consumes until {@link #close()}.
   *
   * @throws StoryDatabaseException when the database cannot be written or read
   * @throws KafkaException when consuming, or publishing a rejected record, fails
   * @throws IllegalStateException when already running
   */
  @Override
  public void run() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      if (state.get() == State.STOPPED) {
        return;
      }
      throw new IllegalStateException("the story sink is already running");
    }
    try {
      log.info("story sink: {} into {}", stories.name(), database);
      consumer.subscribe(List.of(stories.name()), new SeekToStoredOffsets());
      while (!closing.get()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
        process(records);
      }
    } catch (WakeupException e) {
      if (!closing.get()) {
        throw e;
      }
    } finally {
      state.set(State.STOPPED);
      try {
        closeClients();
      } finally {
        stopped.countDown();
      }
      log.info("story sink stopped");
    }
  }

  private void process(ConsumerRecords<String, byte[]> records) {
    StoryBatch batch = withSkippedOffsets(reader.read(records));
    if (batch.nextOffsets().isEmpty()) {
      return;
    }
    // Published before the offsets move past them, so a crash cannot lose a rejection.
    publish(batch.rejected());
    writer.write(batch.deletions(), batch.stories(), batch.nextOffsets());
    storedNext.putAll(batch.nextOffsets());
    listener.committed(batch);
    Map<TopicPartition, OffsetAndMetadata> groupOffsets = new HashMap<>();
    batch.nextOffsets().forEach((tp, next) -> groupOffsets.put(tp, new OffsetAndMetadata(next)));
    consumer.commitAsync(
        groupOffsets,
        (offsets, error) -> {
          if (error != null) {
            // Informational only: the database holds the offsets the sink resumes from.
            log.debug("cannot commit group offsets {} for monitoring: {}", offsets, error);
          }
        });
  }

  /**
   * The batch with, for each assigned partition whose position is beyond both the batch's next
   * offset and the stored one, that position: the consumer skipped transaction markers or
   * aborted records there, which no record of the batch accounts for.
   */
  private StoryBatch withSkippedOffsets(StoryBatch batch) {
    Map<TopicPartition, Long> next = new HashMap<>(batch.nextOffsets());
    for (Map.Entry<TopicPartition, Long> stored : storedNext.entrySet()) {
      TopicPartition partition = stored.getKey();
      long position = consumer.position(partition);
      long known = Math.max(stored.getValue(), next.getOrDefault(partition, -1L));
      if (position > known) {
        log.debug("{}: position {} is past the stored offset {} (transaction markers or aborted"
            + " records)", partition, position, known);
        next.put(partition, position);
      }
    }
    return next.equals(batch.nextOffsets())
        ? batch
        : new StoryBatch(batch.stories(), next, batch.rejected(), batch.deletions());
  }

  private void publish(List<RejectedArticle> rejections) {
    if (rejections.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sends = new ArrayList<>(rejections.size());
    for (RejectedArticle rejection : rejections) {
      try {
        sends.add(producer.send(new ProducerRecord<>(rejected.name(), null, rejection)));
      } catch (KafkaException e) {
        throw cannotPublish(rejection, e);
      }
    }
    producer.flush();
    for (int i = 0; i < sends.size(); i++) {
      try {
        sends.get(i).get();
      } catch (ExecutionException e) {
        throw cannotPublish(rejections.get(i), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptException(e);
      }
    }
  }

  private KafkaException cannotPublish(RejectedArticle rejection, Throwable cause) {
    return new KafkaException(
        "cannot publish the rejected story record " + rejection.getSourceTopic() + "-"
            + rejection.getSourcePartition() + "@" + rejection.getSourceOffset() + " to "
            + rejected.name() + ": " + cause.getMessage(),
        cause);
  }

  /**
   * Stops {@link #run()} and waits (at most {@value #CLOSE_TIMEOUT_SECONDS} seconds) for it to
   * finish the batch in hand and close the clients and the database connection. The database
   * itself is the caller's.
   */
  @Override
  public void close() {
    closing.set(true);
    if (state.compareAndSet(State.NEW, State.STOPPED)) {
      try {
        closeClients();
      } finally {
        stopped.countDown();
      }
      return;
    }
    consumer.wakeup();
    try {
      if (!stopped.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "story sink did not stop within {}; a database write may still be running",
            CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while waiting for the story sink to stop");
    }
  }

  private void closeClients() {
    try {
      consumer.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
    } finally {
      try {
        producer.close(CLIENT_CLOSE_TIMEOUT);
      } finally {
        writer.close();
      }
    }
  }

  /** Positions each assigned partition at the offset stored in the database. */
  private final class SeekToStoredOffsets implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      // Another sink may have written these partitions' stories since this one last did.
      writer.forgetWrittenStories();
      Map<TopicPartition, Long> stored = writer.committedOffsets(stories.name());
      Map<TopicPartition, Long> resumed = new HashMap<>();
      List<TopicPartition> fromBeginning = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        Long next = stored.get(partition);
        if (next == null) {
          fromBeginning.add(partition);
        } else {
          consumer.seek(partition, next);
          resumed.put(partition, next);
        }
      }
      if (!fromBeginning.isEmpty()) {
        // Resolved now rather than lazily, so every assigned partition has a known position
        // and a stored-offset baseline from which skipped markers are detected.
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(fromBeginning);
        for (TopicPartition partition : fromBeginning) {
          long beginning = beginnings.getOrDefault(partition, 0L);
          consumer.seek(partition, beginning);
          resumed.put(partition, beginning);
        }
      }
      storedNext.putAll(resumed);
      log.info(
          "assigned {}: resuming at the stored offsets {}, from the beginning {}",
          partitions, resumed, fromBeginning);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing to commit: every processed batch is already in the database with its offsets.
      partitions.forEach(storedNext::remove);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(storedNext::remove);
    }
  }
}
