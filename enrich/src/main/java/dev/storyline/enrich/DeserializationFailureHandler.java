package dev.storyline.enrich;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last-resort handler for records Kafka Streams itself cannot deserialize: logs topic, partition,
 * offset, processor and reason at ERROR, then skips the record so the pipeline keeps going.
 *
 * <p>The Storyline topologies read their input values as raw bytes and decode them in a
 * processor, which sends poison records to the rejected topic with their bytes; so this handler
 * only sees records of internal topics (repartition, changelog) that were corrupted. Kafka 4.1 has
 * no way for a deserialization handler to forward a record to a dead-letter topic (KIP-1034's
 * {@code Response} API arrives in Kafka 4.2), which is why the rejection happens in the topology.
 */
public final class DeserializationFailureHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeserializationFailureHandler.class);

  @Override
  public DeserializationHandlerResponse handle(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.error(
        "Skipping record that cannot be deserialized: topic={} partition={} offset={} "
            + "processor={} task={} valueBytes={} reason={}",
        record.topic(),
        record.partition(),
        record.offset(),
        context.processorNodeId(),
        context.taskId(),
        record.value() == null ? "null" : record.value().length,
        RejectedArticleFactory.reasonOf(exception),
        exception);
    return DeserializationHandlerResponse.CONTINUE;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // Nothing to configure.
  }
}
