package dev.storyline.cli;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The pipeline contract on Testcontainers' Apache Kafka: runs where Docker exists, and is
 * reported as skipped (not passed) where it does not.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersPipelineIT extends PipelineContract {

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @Override
  String bootstrapServers() {
    return KAFKA.getBootstrapServers();
  }
}
