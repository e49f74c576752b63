package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailurePolicyTest {

  @Test
  void shouldReplaceFailedThreadsUpToTheLimitThenShutDown() {
    // Given
    StreamThreadFailurePolicy policy = new StreamThreadFailurePolicy(2);
    RuntimeException failure = new IllegalStateException("boom");

    // When / Then
    assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void shouldShutDownAtOnceWhenASourceTopicIsMissing() {
    // Given
    StreamThreadFailurePolicy policy = new StreamThreadFailurePolicy(3);

    // When
    StreamThreadExceptionResponse response =
        policy.handle(new StreamsException(new MissingSourceTopicException("storyline.articles")));

    // Then
    assertThat(response).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }
}
