package dev.storyline.cli;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code storyline sink}: writes stories into the database. */
@Command(
    name = "sink",
    description = "Consume the stories topic into the database (SQLite or PostgreSQL) until Ctrl-C; "
        + "offsets are kept in the same transaction as the rows.")
final class SinkCommand extends StorylineSubcommand {

  @Mixin KafkaOptions kafka;
  @Mixin TopicOptions topicOptions;
  @Mixin DataOptions data;
  @Mixin DatabaseOptions database;

  @Override
  public Integer call() throws InterruptedException {
    TopicCreator.ensureTopics(kafka.clientProperties(), kafka.bootstrapServers(), kafka.topics(),
        topicOptions.partitions(), topicOptions.replicationFactor());
    Optional<String> failure;
    try (Shutdown shutdown = Shutdown.onSignal();
        SinkRunner sink = SinkRunner.start(kafka.clientProperties(), kafka.bootstrapServers(), kafka.topics(),
            database.jdbcUrl(data), shutdown::fail)) {
      out().println("sink writing stories into " + database.jdbcUrl(data) + "; Ctrl-C stops it");
      failure = shutdown.await();
    }
    failure.ifPresent(reason -> { throw new UserError(reason); });
    return 0;
  }
}
