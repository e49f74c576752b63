package dev.storyline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.avro.StoryCluster;
import dev.storyline.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link StorySink} loop on Kafka's mock clients and a SQLite file: where it starts, what it
 * writes and rejects, how it stops. The real broker is exercised by the CLI's integration tests.
 */
class StorySinkTest {

  static final Instant NOW = Instant.parse("2025-03-17T12:00:00Z");
  static final Topics TOPICS = Topics.defaults();
  static final String STORIES = TOPICS.stories().name();
  static final TopicPartition P0 = new TopicPartition(STORIES, 0);
  static final TopicPartition P1 = new TopicPartition(STORIES, 1);

  @TempDir Path folder;

  private StoryDatabase database;
  private MockConsumer<String, byte[]> consumer;
  private MockProducer<String, RejectedArticle> producer;

  @BeforeEach
  void createClients() {
    database = StoryDatabase.open("jdbc:sqlite:" + folder.resolve("stories.db"));
    consumer = new MockConsumer<>("earliest");
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    producer =
        new MockProducer<>(
            true, null, TOPICS.rejected().keySerde().serializer(),
            TOPICS.rejected().valueSerde().serializer());
  }

  @Test
  void shouldResumeAtTheStoredOffsetsWriteStoriesAndRejectWhatCannotBeRead() throws Exception {
    // Given the database already holds partition 0 up to offset 2, and nothing of partition 1
    try (StoryWriter writer = new StoryWriter(database)) {
      writer.write(List.of(), Map.of(P0, 2L));
    }
    StoryCluster old = story("story-old", 1);
    StoryCluster a = story("story-a", 1);
    StoryCluster b = story("story-b", 2);
    byte[] garbage = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8};
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    StorySink sink = new StorySink(consumer, producer, TOPICS, database, clock);
    CountDownLatch secondPoll = new CountDownLatch(1);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0, P1));
          consumer.addRecord(record(P0, 0, old));
          consumer.addRecord(record(P0, 1, old));
          consumer.addRecord(record(P0, 2, a));
          consumer.addRecord(new ConsumerRecord<>(STORIES, 1, 0, "story-x", garbage));
          consumer.addRecord(record(P1, 1, b));
        });
    consumer.schedulePollTask(secondPoll::countDown);

    // When the sink runs until the first batch is done, then is closed
    Thread thread = new Thread(sink, "story-sink-test");
    thread.start();
    assertThat(secondPoll.await(10, TimeUnit.SECONDS)).as("second poll reached").isTrue();
    Map<TopicPartition, OffsetAndMetadata> groupOffsets = consumer.committed(Set.of(P0, P1));
    sink.close();
    thread.join(TimeUnit.SECONDS.toMillis(10));

    // Then only the records after the stored offsets were written
    StoryQueries queries = new StoryQueries(database);
    assertThat(queries.list(StoryFilter.all()))
        .extracting(StorySummary::storyId)
        .containsExactly("story-a", "story-b");
    // And the offsets moved past every record, the rejected one included
    try (StoryWriter writer = new StoryWriter(database)) {
      assertThat(writer.committedOffsets(STORIES)).isEqualTo(Map.of(P0, 3L, P1, 2L));
    }
    // And the undecodable record went to the rejected topic
    assertThat(producer.history())
        .containsExactly(
            new ProducerRecord<>(
                TOPICS.rejected().name(),
                null,
                RejectedArticle.newBuilder()
                    .setStage(RejectionStage.SINK)
                    .setReason(
                        "cannot decode StoryCluster from topic storyline.stories: unknown schema"
                            + " fingerprint 0x0807060504030201 (written by a newer Storyline, or"
                            + " not a Storyline record)")
                    .setSourceTopic(STORIES)
                    .setSourcePartition(1)
                    .setSourceOffset(0L)
                    .setOriginalBytes(ByteBuffer.wrap(garbage))
                    .setRejectedAt(NOW)
                    .build()));
    // And the group offsets followed, for monitoring; and every client is closed
    assertThat(groupOffsets)
        .isEqualTo(Map.of(P0, new OffsetAndMetadata(3L), P1, new OffsetAndMetadata(2L)));
    assertThat(thread.isAlive()).isFalse();
    assertThat(consumer.closed()).isTrue();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void shouldStorePositionsThatMovedPastTransactionMarkersWithoutRows() throws Exception {
    // Given a sink that stores two stories of partition 0, and is told of each commit
    List<StoryBatch> committed = new CopyOnWriteArrayList<>();
    StorySink sink =
        new StorySink(consumer, producer, TOPICS, database, Clock.systemUTC(), committed::add);
    CountDownLatch done = new CountDownLatch(1);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0, P1));
          consumer.addRecord(record(P0, 0, story("story-a", 1)));
          consumer.addRecord(record(P0, 1, story("story-b", 1)));
        });
    // When the consumer then moves past a commit marker and an aborted transaction (offsets 2
    // to 4 of partition 0) without returning a record, as a read_committed consumer does
    consumer.schedulePollTask(() -> consumer.seek(P0, 5));
    consumer.schedulePollTask(done::countDown);
    Thread thread = new Thread(sink, "story-sink-test");
    thread.start();
    assertThat(done.await(10, TimeUnit.SECONDS)).as("third poll reached").isTrue();
    sink.close();
    thread.join(TimeUnit.SECONDS.toMillis(10));

    // Then the position past the markers is stored, with no rows, in a batch of its own;
    // partition 1, which did not move, gets no stored offset
    try (StoryWriter writer = new StoryWriter(database)) {
      assertThat(writer.committedOffsets(STORIES)).isEqualTo(Map.of(P0, 5L));
    }
    assertThat(committed)
        .containsExactly(
            new StoryBatch(List.of(story("story-a", 1), story("story-b", 1)), Map.of(P0, 2L),
                List.of()),
            new StoryBatch(List.of(), Map.of(P0, 5L), List.of()));
    assertThat(new StoryQueries(database).list(StoryFilter.all()))
        .extracting(StorySummary::storyId)
        .containsExactlyInAnyOrder("story-a", "story-b");
  }

  @Test
  void shouldStopWithoutMovingTheOffsetsWhenARejectionCannotBePublished() {
    // Given the rejected topic cannot be written to
    producer.sendException = new TimeoutException("broker unreachable");
    StorySink sink = new StorySink(consumer, producer, TOPICS, database, Clock.systemUTC());
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          consumer.addRecord(record(P0, 0, story("story-a", 1)));
          consumer.addRecord(new ConsumerRecord<>(STORIES, 0, 1, "story-x", new byte[] {1, 2}));
        });

    // When the sink meets an undecodable record, then it stops with the failure
    assertThatThrownBy(sink::run)
        .isInstanceOf(KafkaException.class)
        .hasMessage(
            "cannot publish the rejected story record storyline.stories-0@1 to"
                + " storyline.articles.rejected: broker unreachable");

    // And neither that batch's stories nor its offsets were stored, so a restart retries them
    assertThat(new StoryQueries(database).list(StoryFilter.all())).isEmpty();
    try (StoryWriter writer = new StoryWriter(database)) {
      assertThat(writer.committedOffsets(STORIES)).isEmpty();
    }
    assertThat(consumer.closed()).isTrue();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void shouldCloseItsClientsWhenClosedBeforeRunning() {
    // Given a sink that never ran
    StorySink sink = new StorySink(consumer, producer, TOPICS, database, Clock.systemUTC());

    // When it is closed, then run
    sink.close();
    sink.run();

    // Then its clients are closed and nothing was consumed
    assertThat(consumer.closed()).isTrue();
    assertThat(producer.closed()).isTrue();
    assertThat(consumer.subscription()).isEmpty();
  }

  private static StoryCluster story(String id, long version) {
    return TestStories.simple(
        id, version, "Headline " + id, TestStories.T0, List.of("AP"), List.of());
  }

  private static ConsumerRecord<String, byte[]> record(
      TopicPartition partition, long offset, StoryCluster story) {
    return new ConsumerRecord<>(
        partition.topic(),
        partition.partition(),
        offset,
        story.getStoryId(),
        TOPICS.stories().valueSerde().serializer().serialize(partition.topic(), story));
  }
}
