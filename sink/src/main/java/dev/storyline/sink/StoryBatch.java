package dev.storyline.sink;

import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.StoryCluster;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one poll of the stories topic amounts to.
 *
 * @param stories the decoded, valid story clusters, in topic order
 * @param nextOffsets per partition, the offset after the last record of the poll (written,
 *     skipped or rejected alike)
 * @param rejected the records that could not be read, to publish on the rejected topic
 */
public record StoryBatch(
    List<StoryCluster> stories,
    Map<TopicPartition, Long> nextOffsets,
    List<RejectedArticle> rejected) {

  public StoryBatch {
    stories = List.copyOf(stories);
    nextOffsets = Map.copyOf(nextOffsets);
    rejected = List.copyOf(rejected);
  }
}
