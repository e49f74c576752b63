package dev.storyline.sink;

import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import dev.storyline.schemas.Topic;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the records of one poll of the stories topic into a {@link StoryBatch}: the story
 * clusters to write, the next offset of each partition, and a {@link RejectedArticle} (stage
 * SINK) for each record that cannot be stored, so one bad record never stops the sink.
 *
 * <p>A record is rejected when its value does not decode, when its key is not the story id (the
 * compacted topic would keep the wrong record), or when two members share an article id (the
 * story could never be stored). A null value (a tombstone, which a replay writes for every story
 * of the generation it replaces) deletes the story: the batch lists it among the deletions and
 * keeps only the versions that follow the tombstone.
 */
public final class StoryBatchReader {

  private static final Logger log = LoggerFactory.getLogger(StoryBatchReader.class);

  private final Topic<String, StoryCluster> topic;
  private final Clock clock;

  /**
   * @param topic the stories topic, whose value serde decodes the records
   * @param clock stamps {@code rejectedAt}
   */
  public StoryBatchReader(Topic<String, StoryCluster> topic, Clock clock) {
    this.topic = topic;
    this.clock = clock;
  }

  public StoryBatch read(Iterable<ConsumerRecord<String, byte[]>> records) {
    List<StoryCluster> stories = new ArrayList<>();
    Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    List<RejectedArticle> rejected = new ArrayList<>();
    Set<String> deletions = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      nextOffsets.merge(
          new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
      if (record.value() == null) {
        if (record.key() != null) {
          log.debug(
              "tombstone of story {} at {}-{}@{}",
              record.key(), record.topic(), record.partition(), record.offset());
          deletions.add(record.key());
          // Versions before the tombstone are gone with it.
          stories.removeIf(s -> s.getStoryId().equals(record.key()));
        }
        continue;
      }
      StoryCluster story;
      try {
        story = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
      } catch (SerializationException e) {
        rejected.add(reject(record, e.getMessage()));
        continue;
      }
      Optional<String> problem = problem(record.key(), story);
      if (problem.isPresent()) {
        rejected.add(reject(record, problem.get()));
        continue;
      }
      stories.add(story);
    }
    return new StoryBatch(stories, nextOffsets, rejected, deletions);
  }

  /** Why a decoded story cannot be stored, if it cannot. */
  static Optional<String> problem(String key, StoryCluster story) {
    if (!story.getStoryId().equals(key)) {
      return Optional.of(
          "record key " + (key == null ? "null" : "'" + key + "'")
              + " is not the storyId '" + story.getStoryId() + "' of story version "
              + story.getVersion());
    }
    Set<String> articleIds = new HashSet<>();
    for (StoryMember member : story.getMembers()) {
      if (!articleIds.add(member.getArticleId())) {
        return Optional.of(
            "story " + story.getStoryId() + " version " + story.getVersion()
                + " lists member article '" + member.getArticleId() + "' twice");
      }
    }
    return Optional.empty();
  }

  private RejectedArticle reject(ConsumerRecord<String, byte[]> record, String reason) {
    log.warn(
        "skipping story record {}-{}@{} (key {}), sent to the rejected topic: {}",
        record.topic(), record.partition(), record.offset(), record.key(), reason);
    return RejectedArticle.newBuilder()
        .setStage(RejectionStage.SINK)
        .setReason(reason)
        .setSourceTopic(record.topic())
        .setSourcePartition(record.partition())
        .setSourceOffset(record.offset())
        .setArticleId(null)
        .setOriginalBytes(ByteBuffer.wrap(record.value()))
        .setRejectedAt(clock.instant())
        .build();
  }
}
