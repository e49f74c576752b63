package dev.storyline.cli;

import dev.storyline.cli.broker.BrokerStartException;
import dev.storyline.cli.broker.EmbeddedKafkaBroker;

/** Starts the embedded broker for a command and creates the Storyline topics on it. */
final class Brokers {

  private Brokers() {}

  static EmbeddedKafkaBroker startEmbedded(KafkaOptions kafka, TopicOptions topicOptions, DataOptions data) {
    EmbeddedKafkaBroker broker;
    try {
      broker = EmbeddedKafkaBroker.start(
          new EmbeddedKafkaBroker.Settings(data.kafkaLogDir(), kafka.kafkaPort(), topicOptions.partitions()));
    } catch (BrokerStartException e) {
      throw new UserError(e.getMessage(), e);
    }
    try {
      TopicCreator.ensureTopics(kafka.clientProperties(), broker.bootstrapServers(), kafka.topics(),
          topicOptions.partitions(), topicOptions.replicationFactor());
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }
}
