package dev.storyline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The consumer and producer settings of {@link StorySink}; no broker involved. */
class StorySinkConfigTest {

  @Test
  void shouldDefaultToAReadCommittedConsumerWithoutAutoCommit() {
    // When no user settings are given
    Properties config = StorySink.config(new Properties(), "localhost:9092");

    // Then the defaults apply
    assertThat(config)
        .isEqualTo(
            properties(
                Map.of(
                    "bootstrap.servers", "localhost:9092",
                    "group.id", "storyline-sink",
                    "client.id", "storyline-sink",
                    "auto.offset.reset", "earliest",
                    "isolation.level", "read_committed",
                    "enable.auto.commit", "false")));
  }

  @Test
  void shouldLetTheUsersSettingsWin() {
    // Given a user's client file
    Properties user =
        properties(
            Map.of(
                "bootstrap.servers", "kafka-1:9093",
                "group.id", "sink-eu",
                "security.protocol", "SSL",
                "enable.auto.commit", "FALSE"));

    // When the settings are built with another bootstrap address
    Properties config = StorySink.config(user, "localhost:9092");

    // Then the user's values are kept and the user's properties untouched
    assertThat(config)
        .isEqualTo(
            properties(
                Map.of(
                    "bootstrap.servers", "kafka-1:9093",
                    "group.id", "sink-eu",
                    "client.id", "storyline-sink",
                    "security.protocol", "SSL",
                    "auto.offset.reset", "earliest",
                    "isolation.level", "read_committed",
                    "enable.auto.commit", "FALSE")));
    assertThat(user).hasSize(4);
  }

  @Test
  void shouldRefuseUncommittedReads() {
    Properties user = properties(Map.of("isolation.level", "read_uncommitted"));

    assertThatThrownBy(() -> StorySink.config(user, "localhost:9092"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "isolation.level=read_uncommitted is not supported by the story sink: it needs"
                + " isolation.level=read_committed because the stories topic is written in Kafka"
                + " transactions: aborted stories must not be stored");
  }

  @Test
  void shouldRefuseAutoCommit() {
    Properties user = properties(Map.of("enable.auto.commit", "true"));

    assertThatThrownBy(() -> StorySink.config(user, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("enable.auto.commit=true is not supported by the story sink");
  }

  @Test
  void shouldGiveTheRejectedProducerTheConnectionSettingsOnly() {
    // Given consumer settings with TLS and consumer-only keys
    Properties consumer =
        StorySink.config(
            properties(
                Map.of(
                    "security.protocol", "SSL",
                    "ssl.truststore.location", "/etc/kafka/truststore.jks",
                    "interceptor.classes", "com.example.ConsumerInterceptor",
                    "max.poll.records", "100",
                    "storyline.topic.prefix", "test.")),
            "kafka:9092");

    // When the producer settings are derived
    Properties producer = StorySink.producerConfig(consumer);

    // Then the producer connects the same way, idempotent with acks=all
    assertThat(producer)
        .isEqualTo(
            properties(
                Map.of(
                    "bootstrap.servers", "kafka:9092",
                    "security.protocol", "SSL",
                    "ssl.truststore.location", "/etc/kafka/truststore.jks",
                    "client.id", "storyline-sink-rejected",
                    "acks", "all",
                    "enable.idempotence", "true")));
  }

  private static Properties properties(Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    return properties;
  }
}
