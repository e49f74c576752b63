package dev.storyline.enrich;

import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link RejectedArticle} for a record one stage could not read or process, naming the
 * stage, the reason and where the record came from, and logs it, so a rejection is both on the
 * rejected topic and in the log.
 */
final class RejectedArticleFactory {

  private static final Logger LOG = LoggerFactory.getLogger(RejectedArticleFactory.class);

  private final RejectionStage stage;
  private final Clock clock;

  RejectedArticleFactory(RejectionStage stage, Clock clock) {
    this.stage = stage;
    this.clock = clock;
  }

  /**
   * @param reason why the record is refused
   * @param source topic, partition and offset of the record, when it came from a topic
   * @param articleId the article id when it could be read, else null
   * @param originalBytes the record value as received; null is stored as empty
   */
  RejectedArticle reject(
      String reason, Optional<RecordMetadata> source, String articleId, byte[] originalBytes) {
    RejectedArticle rejection =
        RejectedArticle.newBuilder()
            .setStage(stage)
            .setReason(reason)
            .setSourceTopic(source.map(RecordMetadata::topic).orElse(null))
            .setSourcePartition(source.map(RecordMetadata::partition).orElse(null))
            .setSourceOffset(source.map(RecordMetadata::offset).orElse(null))
            .setArticleId(articleId)
            .setOriginalBytes(ByteBuffer.wrap(originalBytes == null ? new byte[0] : originalBytes))
            .setRejectedAt(clock.instant())
            .build();
    LOG.warn(
        "Rejected record at stage {}: topic={} partition={} offset={} articleId={} reason={}",
        stage,
        rejection.getSourceTopic(),
        rejection.getSourcePartition(),
        rejection.getSourceOffset(),
        articleId,
        reason);
    return rejection;
  }

  /** A reason for an exception: its message, or its class name when it has none. */
  static String reasonOf(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getName() : message;
  }
}
