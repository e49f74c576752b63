package dev.storyline.cli;

import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import java.util.function.Consumer;

/**
 * The services of one all-in-one process, started in order (broker, topics, enrich, sink) and
 * closed in reverse, so Streams and the sink leave the broker before it stops.
 */
final class Pipeline implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final String bootstrapServers;
  private GenerationalEnrich enrich;
  private SinkRunner sink;

  private Pipeline(EmbeddedKafkaBroker broker, String bootstrapServers) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the pipeline: the embedded broker unless the user named a cluster, then the topics,
   * the Streams app and the sink.
   *
   * @param onFailure told why, if a service stops on its own
   */
  static Pipeline start(KafkaOptions kafka, TopicOptions topicOptions, DataOptions data,
      DatabaseOptions database, Consumer<String> onFailure) {
    EmbeddedKafkaBroker broker = null;
    String bootstrap;
    if (kafka.explicitBootstrapServers().isPresent()) {
      bootstrap = kafka.explicitBootstrapServers().get();
      TopicCreator.ensureTopics(kafka.clientProperties(), bootstrap, kafka.topics(),
          topicOptions.partitions(), topicOptions.replicationFactor());
    } else {
      broker = Brokers.startEmbedded(kafka, topicOptions, data);
      bootstrap = broker.bootstrapServers();
    }
    Pipeline pipeline = new Pipeline(broker, bootstrap);
    try {
      pipeline.enrich = EnrichCommand.startEnrich(kafka, topicOptions, data, bootstrap, onFailure);
      pipeline.sink = SinkRunner.start(kafka.clientProperties(), bootstrap, kafka.topics(),
          database.jdbcUrl(data), onFailure);
      return pipeline;
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    try {
      if (sink != null) {
        sink.close();
      }
    } finally {
      try {
        if (enrich != null) {
          enrich.close();
        }
      } finally {
        if (broker != null) {
          broker.close();
        }
      }
    }
  }
}
