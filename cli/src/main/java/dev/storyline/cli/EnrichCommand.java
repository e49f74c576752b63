package dev.storyline.cli;

import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code storyline enrich}: the enrichment and story clustering Streams app. */
@Command(
    name = "enrich",
    description = "Run the enrichment and story clustering Kafka Streams app (exactly-once) until Ctrl-C; "
        + "start more instances to share the partitions. Follows replays (storyline replay).")
final class EnrichCommand extends StorylineSubcommand {

  @Mixin KafkaOptions kafka;
  @Mixin TopicOptions topicOptions;
  @Mixin DataOptions data;

  @Override
  public Integer call() throws InterruptedException {
    TopicCreator.ensureTopics(kafka.clientProperties(), kafka.bootstrapServers(), kafka.topics(),
        topicOptions.partitions(), topicOptions.replicationFactor());
    Optional<String> failure;
    try (Shutdown shutdown = Shutdown.onSignal();
        GenerationalEnrich enrich = startEnrich(kafka, topicOptions, data, kafka.bootstrapServers(), shutdown::fail)) {
      out().println("enrich running against " + kafka.bootstrapServers() + "; Ctrl-C stops it");
      out().flush();
      failure = shutdown.await();
    }
    failure.ifPresent(reason -> {
      throw new UserError(reason);
    });
    return 0;
  }

  /** Starts the Streams app with the command's settings; shared by enrich, up and demo. */
  static GenerationalEnrich startEnrich(KafkaOptions kafka, TopicOptions topicOptions, DataOptions data,
      String bootstrap, Consumer<String> onFailure) {
    Properties config = kafka.serviceProperties();
    config.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, data.streamsStateDir().toString());
    if (topicOptions.replicationFactor() > 0) {
      config.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(topicOptions.replicationFactor()));
    }
    return GenerationalEnrich.start(config, bootstrap, kafka.topics(), onFailure);
  }
}
