package dev.storyline.sink;

import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.StoryCluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What one poll of the stories topic amounts to.
 *
 * @param stories the decoded, valid story clusters, in topic order
 * @param nextOffsets per partition, the offset after the last record of the poll (written,
 *     skipped or rejected alike), or the consumer's position when that is further (it moved past
 *     transaction markers or aborted records)
 * @param rejected the records that could not be read, to publish on the rejected topic
 * @param deletions story ids tombstoned in the poll, to delete before {@code stories} are written
 *     (which then holds only versions that came after the story's last tombstone)
 */
public record StoryBatch(
    List<StoryCluster> stories,
    Map<TopicPartition, Long> nextOffsets,
    List<RejectedArticle> rejected,
    Set<String> deletions) {

  public StoryBatch {
    stories = List.copyOf(stories);
    nextOffsets = Map.copyOf(nextOffsets);
    rejected = List.copyOf(rejected);
    deletions = Set.copyOf(deletions);
  }

  /** A batch without tombstones. */
  public StoryBatch(
      List<StoryCluster> stories, Map<TopicPartition, Long> nextOffsets, List<RejectedArticle> rejected) {
    this(stories, nextOffsets, rejected, Set.of());
  }
}
