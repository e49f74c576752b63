package dev.storyline.enrich;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when an output record cannot be serialized or written.
 *
 * <ul>
 *   <li>serialization failure (the record itself is bad): log target topic, source topic,
 *       partition, offset and reason at ERROR, skip the record, continue;
 *   <li>a record the broker refuses on its own merits (too large, invalid): same;
 *   <li>a retriable error: retry;
 *   <li>anything else (authorisation, fenced producer, …): fail, so the uncaught-exception
 *       handler decides, rather than skipping every record while the cluster is misconfigured.
 * </ul>
 *
 * <p>Kafka 4.1 gives production handlers no dead-letter route (KIP-1034's {@code Response} API is
 * Kafka 4.2+), so skipped records are logged with everything needed to find and replay the input.
 */
public final class ProductionFailureHandler implements ProductionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProductionFailureHandler.class);

  @Override
  public ProductionExceptionHandlerResponse handle(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      LOG.warn("Retrying write to topic={}: {}", record.topic(), exception.toString());
      return ProductionExceptionHandlerResponse.RETRY;
    }
    if (exception instanceof RecordTooLargeException
        || exception instanceof InvalidRecordException) {
      log("refused by the broker", record.topic(), context, exception);
      return ProductionExceptionHandlerResponse.CONTINUE;
    }
    LOG.error(
        "Cannot write to topic={} (source topic={} partition={} offset={}); failing: {}",
        record.topic(),
        context.topic(),
        context.partition(),
        context.offset(),
        exception.toString(),
        exception);
    return ProductionExceptionHandlerResponse.FAIL;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ProductionExceptionHandlerResponse handleSerializationException(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    log("cannot serialize its " + origin.name().toLowerCase(Locale.ROOT), record.topic(),
        context, exception);
    return ProductionExceptionHandlerResponse.CONTINUE;
  }

  private static void log(String what, String target, ErrorHandlerContext context, Exception e) {
    LOG.error(
        "Skipping output record to topic={}: {}; source topic={} partition={} offset={} "
            + "processor={} reason={}",
        target,
        what,
        context.topic(),
        context.partition(),
        context.offset(),
        context.processorNodeId(),
        RejectedArticleFactory.reasonOf(e),
        e);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // Nothing to configure.
  }
}
