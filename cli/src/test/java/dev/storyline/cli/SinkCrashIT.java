package dev.storyline.cli;

import org.junit.jupiter.api.extension.ExtendWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storyline.avro.StoryCluster;
import dev.storyline.schemas.Topics;
import dev.storyline.sink.StoryBatch;
import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StorySink;
import dev.storyline.sink.StoryWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink's exactly-once claim on the embedded broker: a sink killed right after a database
 * commit, before the end of its batch (the group offsets are not committed), then restarted,
 * several times over, ends with exactly the rows and offsets of a fault-free run of the same
 * input. The input is written in Kafka transactions, one of them aborted, so it also shows that
 * aborted stories are never stored and that the stored offsets move past the transaction markers
 * to the partitions' last stable offsets. Runs on SQLite, and on PostgreSQL when {@value
 * SinkTestPostgres#URL_VARIABLE} is set.
 */
@ExtendWith(SharedBroker.class)
class SinkCrashIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int STORIES = 150;
  private static final int VERSIONS = 3;
  /** The sink is killed after these batches of stories (counted across restarts). */
  private static final List<Integer> CRASH_AFTER = List.of(2, 3, 5);


  @TempDir Path dir;
  private final List<SinkTestPostgres> schemas = new ArrayList<>();
  private Topics topics;

  /** Thrown by the fault injector: the sink "dies" right after a database commit. */
  private static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(Map<TopicPartition, Long> offsets) {
      super("simulated crash after committing offsets " + offsets);
    }
  }

  @AfterEach
  void dropSchemas() throws Exception {
    for (SinkTestPostgres schema : schemas) {
      schema.drop();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void shouldNeitherLoseNorDuplicateRowsWhenKilledBetweenCommitAndEndOfBatch(String product) throws Exception {
    // Given stories in committed Kafka transactions, and one aborted transaction among them
    String run = UUID.randomUUID().toString().substring(0, 8);
    topics = Topics.withPrefix("crash-" + run + ".");
    TopicCreator.ensureTopics(new Properties(), SharedBroker.bootstrapServers(), topics, 2, (short) 1);
    produceInTransactions(run);
    Map<TopicPartition, Long> lastStable = lastStableOffsets();
    String faultFreeUrl = databaseUrl(product, "fault-free");
    String crashedUrl = databaseUrl(product, "crashed");

    // When one sink consumes everything without a fault
    StoryDatabase faultFree = StoryDatabase.open(faultFreeUrl);
    runUntilCaughtUp(faultFree, "fault-free-" + run, lastStable);

    // And another is killed right after its 2nd, 3rd and 5th database commits, restarted each time
    StoryDatabase crashed = StoryDatabase.open(crashedUrl);
    String group = "crashed-" + run;
    int batchesBeforeCrash = 0;
    for (int crashAfter : CRASH_AFTER) {
      int batches = crashAfter - batchesBeforeCrash;
      batchesBeforeCrash = crashAfter;
      AtomicReference<Map<TopicPartition, Long>> crashedAt = new AtomicReference<>();
      assertThatThrownBy(() -> runUntilCrash(crashed, group, batches, crashedAt))
          .hasCauseInstanceOf(SimulatedCrash.class);
      // The database holds the crashed batch and its offsets; the consumer group never heard of it
      Map<TopicPartition, Long> stored = storedOffsets(crashed);
      assertThat(stored).containsAllEntriesOf(crashedAt.get());
      assertThat(groupOffsets(group)).isNotEqualTo(stored);
    }
    runUntilCaughtUp(crashed, group, lastStable);

    // Then both databases hold exactly the same rows, none of the aborted transaction's
    List<List<String>> expected = rows(faultFree);
    assertThat(rows(crashed)).isEqualTo(expected);
    assertThat(expected).filteredOn(row -> row.get(0).equals("stories")).hasSize(STORIES)
        .allSatisfy(row -> assertThat(row.get(2)).isEqualTo(String.valueOf(VERSIONS)));
    // And both stored the offsets past the last transaction marker: the last stable offsets
    assertThat(storedOffsets(faultFree)).isEqualTo(lastStable);
    assertThat(storedOffsets(crashed)).isEqualTo(lastStable);
  }

  private String databaseUrl(String product, String name) throws Exception {
    if (product.equals("sqlite")) {
      return "jdbc:sqlite:" + dir.resolve(name + ".db");
    }
    assumeTrue(System.getenv(SinkTestPostgres.URL_VARIABLE) != null,
        "PostgreSQL test skipped: " + SinkTestPostgres.URL_VARIABLE + " is not set");
    SinkTestPostgres schema = new SinkTestPostgres();
    schemas.add(schema);
    return schema.freshSchemaUrl();
  }

  /** Versions 1..VERSIONS of every story, one transaction per version, and an aborted version 99. */
  private void produceInTransactions(String run) {
    Properties config = new Properties();
    config.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    config.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "crash-it-" + run);
    try (KafkaProducer<String, StoryCluster> producer = new KafkaProducer<>(config,
        topics.stories().keySerde().serializer(), topics.stories().valueSerde().serializer())) {
      producer.initTransactions();
      for (int version = 1; version <= VERSIONS; version++) {
        producer.beginTransaction();
        for (int i = 0; i < STORIES; i++) {
          send(producer, StoryBenchData.realistic("story-" + i, version, i, 3 + i % 5));
        }
        producer.commitTransaction();
        if (version == 1) {
          producer.beginTransaction();
          for (int i = 0; i < STORIES; i += 10) {
            send(producer, StoryBenchData.realistic("story-" + i, 99, i, 2));
          }
          producer.flush();
          producer.abortTransaction();
        }
      }
    }
  }

  private void send(KafkaProducer<String, StoryCluster> producer, StoryCluster story) {
    producer.send(new ProducerRecord<>(topics.stories().name(), story.getStoryId(), story));
  }

  private Properties sinkClient(String group) {
    Properties client = new Properties();
    client.setProperty(ConsumerConfig.GROUP_ID_CONFIG, group);
    client.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "40");
    return StorySink.config(client, SharedBroker.bootstrapServers());
  }

  private void runUntilCaughtUp(StoryDatabase database, String group, Map<TopicPartition, Long> lastStable)
      throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (StorySink sink = new StorySink(sinkClient(group), topics, database)) {
      Future<?> running = thread.submit(sink);
      await().atMost(WAIT).untilAsserted(() -> {
        assertThat(running.isDone()).as("sink stopped early").isFalse();
        assertThat(storedOffsets(database)).isEqualTo(lastStable);
      });
    } finally {
      thread.shutdown();
      assertThat(thread.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
  }

  private void runUntilCrash(StoryDatabase database, String group, int batches,
      AtomicReference<Map<TopicPartition, Long>> crashedAt) throws Exception {
    int[] left = {batches};
    StorySink.BatchListener faults = (StoryBatch batch) -> {
      if (!batch.stories().isEmpty() && --left[0] == 0) {
        crashedAt.set(batch.nextOffsets());
        throw new SimulatedCrash(batch.nextOffsets());
      }
    };
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (StorySink sink = new StorySink(sinkClient(group), topics, database, faults)) {
      // Ends with an ExecutionException caused by the SimulatedCrash.
      thread.submit(sink).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError("the sink stopped without the simulated crash");
    } finally {
      thread.shutdown();
    }
  }

  private Map<TopicPartition, Long> lastStableOffsets() {
    Properties config = new Properties();
    config.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    config.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = List.of(
          new TopicPartition(topics.stories().name(), 0), new TopicPartition(topics.stories().name(), 1));
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }

  private Map<TopicPartition, Long> groupOffsets(String group) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, Long> offsets = new HashMap<>();
      committed.forEach((partition, offset) -> {
        if (offset != null) {
          offsets.put(partition, offset.offset());
        }
      });
      return offsets;
    }
  }

  private Map<TopicPartition, Long> storedOffsets(StoryDatabase database) {
    try (StoryWriter writer = new StoryWriter(database)) {
      return new HashMap<>(writer.committedOffsets(topics.stories().name()));
    }
  }

  /** Every row of every table (but the write time), as text, table name first, in key order. */
  private static List<List<String>> rows(StoryDatabase database) throws Exception {
    Map<String, String> tables = Map.of(
        "stories", "story_id",
        "story_sources", "story_id, ordinal",
        "story_articles", "story_id, article_id",
        "story_entities", "story_id, ordinal",
        "story_figure_groups", "story_id, group_index",
        "story_figure_values", "story_id, group_index, report_index");
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      for (String table : List.of("stories", "story_sources", "story_articles", "story_entities",
          "story_figure_groups", "story_figure_values")) {
        try (ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY " + tables.get(table))) {
          ResultSetMetaData columns = result.getMetaData();
          while (result.next()) {
            List<String> row = new ArrayList<>();
            row.add(table);
            for (int c = 1; c <= columns.getColumnCount(); c++) {
              if (!columns.getColumnName(c).equalsIgnoreCase("updated_at")) {
                row.add(result.getString(c));
              }
            }
            rows.add(row);
          }
        }
      }
    }
    return rows;
  }
}
