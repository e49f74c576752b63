package dev.storyline.cli;

import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code storyline broker}: only the embedded broker, for running the services as separate processes. */
@Command(
    name = "broker",
    description = "Run only the embedded Kafka broker (KRaft, 127.0.0.1) with the Storyline topics, until Ctrl-C.")
final class BrokerCommand extends StorylineSubcommand {

  @Mixin KafkaOptions kafka;
  @Mixin TopicOptions topicOptions;
  @Mixin DataOptions data;

  @Override
  public Integer call() throws InterruptedException {
    try (Shutdown shutdown = Shutdown.onSignal();
        EmbeddedKafkaBroker broker = Brokers.startEmbedded(kafka, topicOptions, data)) {
      out().println("Kafka broker listening on " + broker.bootstrapServers() + " (log in "
          + data.kafkaLogDir() + "); Ctrl-C stops it");
      shutdown.await();
    }
    return 0;
  }
}
