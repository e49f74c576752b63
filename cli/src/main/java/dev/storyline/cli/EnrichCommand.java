package dev.storyline.cli;

import dev.storyline.enrich.EnrichService;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code storyline enrich}: the enrichment and story clustering Streams app. */
@Command(
    name = "enrich",
    description = "Run the enrichment and story clustering Kafka Streams app (exactly-once) until Ctrl-C; "
        + "start more instances to share the partitions.")
final class EnrichCommand extends StorylineSubcommand {

  @Mixin KafkaOptions kafka;
  @Mixin TopicOptions topicOptions;
  @Mixin DataOptions data;

  @Override
  public Integer call() throws InterruptedException {
    TopicCreator.ensureTopics(kafka.clientProperties(), kafka.bootstrapServers(), kafka.topics(),
        topicOptions.partitions(), topicOptions.replicationFactor());
    try (Shutdown shutdown = Shutdown.onSignal();
        EnrichService enrich = startEnrich(kafka, topicOptions, data, kafka.bootstrapServers())) {
      out().println("enrich running against " + kafka.bootstrapServers() + "; Ctrl-C stops it");
      shutdown.await();
    }
    return 0;
  }

  /** Starts the Streams app with the command's settings; shared by enrich, up and demo. */
  static EnrichService startEnrich(KafkaOptions kafka, TopicOptions topicOptions, DataOptions data, String bootstrap) {
    Properties config = kafka.serviceProperties();
    config.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, data.streamsStateDir().toString());
    if (topicOptions.replicationFactor() > 0) {
      config.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(topicOptions.replicationFactor()));
    }
    EnrichService service = EnrichService.create(config, bootstrap);
    try {
      service.start();
    } catch (IllegalStateException e) {
      service.close();
      throw new UserError("enrich did not start: " + e.getMessage(), e);
    }
    return service;
  }
}
