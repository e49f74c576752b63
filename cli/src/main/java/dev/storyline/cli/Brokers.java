package dev.storyline.cli;

import dev.storyline.cli.broker.BrokerStartException;
import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import dev.storyline.schemas.Topics;
import java.nio.file.Path;
import java.util.Properties;

/** Starts the embedded broker for a command and creates the Storyline topics on it. */
final class Brokers {

  private Brokers() {}

  static EmbeddedKafkaBroker startEmbedded(KafkaOptions kafka, TopicOptions topicOptions, DataOptions data) {
    return start(new EmbeddedKafkaBroker.Settings(data.kafkaLogDir(), kafka.kafkaPort(), topicOptions.partitions()),
        kafka.clientProperties(), kafka.topics(), topicOptions.replicationFactor());
  }

  /**
   * A throw-away broker for a benchmark or an eval: its log under {@code work/kafka}, a free port,
   * the topics of {@code topics} with {@code partitions} partitions each.
   */
  static EmbeddedKafkaBroker startTemporary(Path work, Topics topics, int partitions) {
    return start(new EmbeddedKafkaBroker.Settings(work.resolve("kafka"), 0, partitions), new Properties(), topics,
        (short) -1);
  }

  private static EmbeddedKafkaBroker start(EmbeddedKafkaBroker.Settings settings, Properties client, Topics topics,
      short replicationFactor) {
    EmbeddedKafkaBroker broker;
    try {
      broker = EmbeddedKafkaBroker.start(settings);
    } catch (BrokerStartException e) {
      throw new UserError(e.getMessage(), e);
    }
    try {
      TopicCreator.ensureTopics(client, broker.bootstrapServers(), topics, settings.defaultPartitions(), replicationFactor);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }
}
