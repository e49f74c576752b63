package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Routes a decoded article to the one story-space key and records, in the
 * {@value ClusteringTopology#SOURCE_PARTITION_HEADER} header, which partition of the enriched topic
 * it came from: the reorder buffer keeps a watermark per input partition.
 */
final class SourcePartitionTagger
    implements Processor<String, Outcome<EnrichedArticle>, String, EnrichedArticle> {

  private ProcessorContext<String, EnrichedArticle> context;

  @Override
  public void init(ProcessorContext<String, EnrichedArticle> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Outcome<EnrichedArticle>> record) {
    int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(0);
    Record<String, EnrichedArticle> routed =
        record.withKey(ClusteringTopology.STORY_SPACE_KEY).withValue(record.value().value());
    routed.headers().remove(ClusteringTopology.SOURCE_PARTITION_HEADER);
    routed.headers().add(
        ClusteringTopology.SOURCE_PARTITION_HEADER, ByteBuffer.allocate(4).putInt(partition).array());
    context.forward(routed);
  }

  /** The partition a record's header names, or 0 when it has none (written before the header). */
  static int partitionOf(Headers headers) {
    Header header =
        headers.lastHeader(ClusteringTopology.SOURCE_PARTITION_HEADER);
    return header == null || header.value().length != 4 ? 0 : ByteBuffer.wrap(header.value()).getInt();
  }
}
