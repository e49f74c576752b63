package dev.storyline.cli;

import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline contract on the embedded KRaft broker: runs everywhere. */
class EmbeddedBrokerPipelineIT extends PipelineContract {

  @TempDir static Path brokerDir;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(brokerDir.resolve("kafka"), 0, 2));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Override
  String bootstrapServers() {
    return broker.bootstrapServers();
  }
}
