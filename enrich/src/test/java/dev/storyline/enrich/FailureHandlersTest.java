package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FailureHandlersTest {

  private static final ErrorHandlerContext CONTEXT = new FixedErrorHandlerContext();

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    log.start();
    ((Logger) LoggerFactory.getLogger("dev.storyline.enrich")).addAppender(log);
  }

  @AfterEach
  void releaseLogs() {
    ((Logger) LoggerFactory.getLogger("dev.storyline.enrich")).detachAppender(log);
  }

  @Test
  void shouldLogAndSkipARecordThatCannotBeDeserialized() {
    // Given
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>("storyline-enrich-cluster.story-space-repartition", 0, 17L,
            "all".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});

    // When
    DeserializationHandlerResponse response =
        new DeserializationFailureHandler()
            .handle(CONTEXT, record, new SerializationException("bad header"));

    // Then
    assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
    assertThat(messages())
        .containsExactly(
            "Skipping record that cannot be deserialized: "
                + "topic=storyline-enrich-cluster.story-space-repartition partition=0 offset=17 "
                + "processor=cluster.assign task=1_0 valueBytes=3 reason=bad header");
  }

  @Test
  void shouldLogAndSkipAnOutputRecordThatCannotBeSerialized() {
    // Given
    ProducerRecord<Object, Object> record = new ProducerRecord<>("storyline.stories", "s-1", "x");

    // When
    ProductionExceptionHandlerResponse response =
        new ProductionFailureHandler()
            .handleSerializationException(
                CONTEXT, record, new SerializationException("null headline"),
                SerializationExceptionOrigin.VALUE);

    // Then
    assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
    assertThat(messages())
        .containsExactly(
            "Skipping output record to topic=storyline.stories: cannot serialize its value; "
                + "source topic=storyline.articles partition=2 offset=41 processor=cluster.assign "
                + "reason=null headline");
  }

  @Test
  void shouldSkipRecordsTheBrokerRefusesRetryRetriableErrorsAndFailOnOthers() {
    // Given
    ProductionFailureHandler handler = new ProductionFailureHandler();
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("storyline.stories", new byte[0]);

    // When / Then
    assertThat(handler.handle(CONTEXT, record, new RecordTooLargeException("too large")))
        .isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
    assertThat(handler.handle(CONTEXT, record, new TimeoutException("slow broker")))
        .isEqualTo(ProductionExceptionHandlerResponse.RETRY);
    assertThat(handler.handle(CONTEXT, record, new AuthorizationException("denied")))
        .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
  }

  @Test
  void shouldLogAndSkipARecordThatFailedInAProcessor() {
    // Given
    Record<String, String> record = new Record<>("a-1", "value", 0L);

    // When
    ProcessingHandlerResponse response =
        new ProcessingFailureHandler().handle(CONTEXT, record, new IllegalStateException("bug"));

    // Then
    assertThat(response).isEqualTo(ProcessingHandlerResponse.CONTINUE);
    assertThat(messages())
        .containsExactly(
            "Skipping record that failed in processor=cluster.assign: topic=storyline.articles "
                + "partition=2 offset=41 key=a-1 reason=bug");
  }

  private java.util.List<String> messages() {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** The context Kafka Streams hands a handler, for a record at storyline.articles-2@41. */
  private static final class FixedErrorHandlerContext implements ErrorHandlerContext {
    @Override
    public String topic() {
      return "storyline.articles";
    }

    @Override
    public int partition() {
      return 2;
    }

    @Override
    public long offset() {
      return 41;
    }

    @Override
    public Headers headers() {
      return null;
    }

    @Override
    public String processorNodeId() {
      return "cluster.assign";
    }

    @Override
    public TaskId taskId() {
      return new TaskId(1, 0);
    }

    @Override
    public long timestamp() {
      return 0;
    }

    @Override
    public byte[] sourceRawKey() {
      return null;
    }

    @Override
    public byte[] sourceRawValue() {
      return null;
    }
  }
}
