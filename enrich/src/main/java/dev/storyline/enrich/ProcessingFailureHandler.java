package dev.storyline.enrich;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last-resort handler for exceptions thrown while processing a record: logs topic, partition,
 * offset, processor and reason at ERROR and skips the record. Storyline's processors turn the
 * failures they expect into rejections themselves; this catches the rest (a bug in a one-line
 * DSL step) so that one record cannot stop the pipeline.
 */
public final class ProcessingFailureHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessingFailureHandler.class);

  @Override
  public ProcessingHandlerResponse handle(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    LOG.error(
        "Skipping record that failed in processor={}: topic={} partition={} offset={} key={} "
            + "reason={}",
        context.processorNodeId(),
        context.topic(),
        context.partition(),
        context.offset(),
        record.key(),
        RejectedArticleFactory.reasonOf(exception),
        exception);
    return ProcessingHandlerResponse.CONTINUE;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // Nothing to configure.
  }
}
