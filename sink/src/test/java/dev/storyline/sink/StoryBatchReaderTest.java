package dev.storyline.sink;

import static dev.storyline.sink.TestStories.T0;
import static dev.storyline.sink.TestStories.T1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StoryBatchReaderTest {

  static final Instant NOW = Instant.parse("2025-03-17T12:00:00Z");
  static final Topic<String, StoryCluster> STORIES = Topics.defaults().stories();
  static final String NAME = STORIES.name();

  private final StoryBatchReader reader =
      new StoryBatchReader(STORIES, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void shouldDecodeStoriesAndGiveTheNextOffsetOfEachPartition() {
    // Given records from two partitions
    StoryCluster a1 = story("story-a", 1, "A", T0, List.of("AP"), List.of());
    StoryCluster a2 = story("story-a", 2, "A", T1, List.of("AP"), List.of());
    StoryCluster b1 = story("story-b", 1, "B", T0, List.of("BBC"), List.of());

    // When they are read
    StoryBatch batch =
        reader.read(List.of(record(0, 10, "story-a", a1), record(1, 3, "story-b", b1),
            record(0, 11, "story-a", a2)));

    // Then every story is kept in topic order with the offset after each partition's last record
    assertThat(batch)
        .isEqualTo(
            new StoryBatch(
                List.of(a1, b1, a2),
                Map.of(new TopicPartition(NAME, 0), 12L, new TopicPartition(NAME, 1), 4L),
                List.of()));
  }

  @Test
  void shouldRejectAnUndecodableRecordAndCarryOn() {
    // Given a record with an unknown schema fingerprint between two good ones
    StoryCluster a = story("story-a", 1, "A", T0, List.of("AP"), List.of());
    StoryCluster b = story("story-b", 1, "B", T0, List.of("AP"), List.of());
    byte[] unknown = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42};

    // When the poll is read
    StoryBatch batch =
        reader.read(
            List.of(
                record(0, 0, "story-a", a),
                new ConsumerRecord<>(NAME, 0, 1, "story-x", unknown),
                record(0, 2, "story-b", b)));

    // Then the good stories are kept, the bad record rejected with its position, and passed
    assertThat(batch)
        .isEqualTo(
            new StoryBatch(
                List.of(a, b),
                Map.of(new TopicPartition(NAME, 0), 3L),
                List.of(
                    rejected(1,
                        "cannot decode StoryCluster from topic storyline.stories: unknown schema"
                            + " fingerprint 0x0807060504030201 (written by a newer Storyline, or"
                            + " not a Storyline record)",
                        unknown))));
  }

  @Test
  void shouldRejectBytesThatAreNotAvroAtAll() {
    // Given a record that is plain text
    byte[] text = "{\"storyId\":\"story-a\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    // When it is read
    StoryBatch batch = reader.read(List.of(new ConsumerRecord<>(NAME, 2, 7, "story-a", text)));

    // Then it is rejected with the decoder's reason, and its offset passed
    assertThat(batch.stories()).isEmpty();
    assertThat(batch.nextOffsets()).isEqualTo(Map.of(new TopicPartition(NAME, 2), 8L));
    assertThat(batch.rejected()).hasSize(1);
    assertThat(batch.rejected().get(0).getReason())
        .startsWith("cannot decode StoryCluster from topic storyline.stories");
    assertThat(batch.rejected().get(0).getOriginalBytes()).isEqualTo(ByteBuffer.wrap(text));
  }

  @Test
  void shouldDeleteATombstonedStoryAndPassItsOffset() {
    // When a poll holds only a tombstone
    StoryBatch batch = reader.read(List.of(new ConsumerRecord<>(NAME, 0, 5, "story-a", null)));

    // Then the story is to be deleted, nothing is written or rejected, and the offset moves on
    assertThat(batch)
        .isEqualTo(new StoryBatch(List.of(), Map.of(new TopicPartition(NAME, 0), 6L), List.of(),
            java.util.Set.of("story-a")));
  }

  @Test
  void shouldKeepOnlyTheVersionsAfterAStorysTombstone() {
    // Given an old generation's version, a replay's tombstone and the new generation's version 1
    StoryCluster old = story("story-a", 7, "Old", T0, List.of("AP"), List.of());
    StoryCluster other = story("story-b", 3, "B", T0, List.of("AP"), List.of());
    StoryCluster fresh = story("story-a", 1, "New", T1, List.of("AP"), List.of());
    // When
    StoryBatch batch = reader.read(List.of(record(0, 1, "story-a", old), record(0, 2, "story-b", other),
        new ConsumerRecord<>(NAME, 0, 3, "story-a", null), record(0, 4, "story-a", fresh)));
    // Then
    assertThat(batch).isEqualTo(new StoryBatch(List.of(other, fresh), Map.of(new TopicPartition(NAME, 0), 5L),
        List.of(), java.util.Set.of("story-a")));
  }

  @Test
  void shouldRejectAStoryWhoseKeyIsNotItsId() {
    // Given a story keyed by another id
    StoryCluster a = story("story-a", 3, "A", T0, List.of("AP"), List.of());
    ConsumerRecord<String, byte[]> record = record(0, 4, "story-b", a);

    // When it is read
    StoryBatch batch = reader.read(List.of(record));

    // Then it is rejected, naming both ids
    assertThat(batch.stories()).isEmpty();
    assertThat(batch.rejected())
        .containsExactly(
            rejected(4, "record key 'story-b' is not the storyId 'story-a' of story version 3",
                record.value()));
  }

  @Test
  void shouldRejectAStoryListingAnArticleTwice() {
    // Given a story with the same member twice, which could never be stored
    StoryCluster a = TestStories.deportations(2);
    List<StoryMember> members = new ArrayList<>(a.getMembers());
    members.add(members.get(1));
    a.setMembers(members);
    ConsumerRecord<String, byte[]> record = record(0, 9, "story-deport", a);

    // When it is read
    StoryBatch batch = reader.read(List.of(record));

    // Then it is rejected, naming the article
    assertThat(batch.rejected())
        .containsExactly(
            rejected(9, "story story-deport version 2 lists member article 'a-2' twice",
                record.value()));
  }

  private static StoryCluster story(
      String id, long version, String headline, Instant published, List<String> sources,
      List<String> people) {
    return TestStories.simple(id, version, headline, published, sources, people);
  }

  private static ConsumerRecord<String, byte[]> record(
      int partition, long offset, String key, StoryCluster story) {
    return new ConsumerRecord<>(
        NAME, partition, offset, key, STORIES.valueSerde().serializer().serialize(NAME, story));
  }

  private static RejectedArticle rejected(long offset, String reason, byte[] original) {
    return RejectedArticle.newBuilder()
        .setStage(RejectionStage.SINK)
        .setReason(reason)
        .setSourceTopic(NAME)
        .setSourcePartition(0)
        .setSourceOffset(offset)
        .setOriginalBytes(ByteBuffer.wrap(original))
        .setRejectedAt(NOW)
        .build();
  }
}
