package dev.storyline.cli;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code storyline up}: the whole pipeline in one process, until Ctrl-C. */
@Command(
    name = "up",
    description = "Run the embedded broker (unless --bootstrap-servers is given), enrich and sink in one process "
        + "until Ctrl-C; feed it from another terminal with storyline ingest.")
final class UpCommand extends StorylineSubcommand {

  @Mixin KafkaOptions kafka;
  @Mixin TopicOptions topicOptions;
  @Mixin DataOptions data;
  @Mixin DatabaseOptions database;

  @Override
  public Integer call() throws InterruptedException {
    Optional<String> failure;
    try (Shutdown shutdown = Shutdown.onSignal();
        Pipeline pipeline = Pipeline.start(kafka, topicOptions, data, database, shutdown::fail)) {
      out().println("Storyline is up: Kafka on " + pipeline.bootstrapServers() + ", stories in "
          + database.jdbcUrl(data) + ". Ctrl-C stops it.");
      out().println("Feed it from another terminal: ./storyline ingest seeds/");
      failure = shutdown.await();
    }
    failure.ifPresent(reason -> { throw new UserError(reason); });
    return 0;
  }
}
