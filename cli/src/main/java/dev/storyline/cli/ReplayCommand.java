package dev.storyline.cli;

import dev.storyline.avro.PipelineGeneration;
import dev.storyline.enrich.EnrichApp;
import dev.storyline.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code storyline replay}: reprocesses the retained article log with the current code and
 * settings, while the live feed goes on.
 *
 * <p>Strategy: a new pipeline generation with its own Streams application id (fresh state). The
 * command asks the running enrich instances to stop the old generation, waits until they have,
 * sets the new generation's starting offsets (articles: the replay start; enriched: its end, so
 * only re-enriched articles are clustered), tombstones every story of the old generation on the
 * compacted stories topic (the sink deletes those rows), removes the old generation's internal
 * topics, and lets the instances start the new generation. Articles arriving meanwhile wait in
 * the raw log and are processed after the backlog: nothing is lost, nothing is duplicated.
 */
@Command(
    name = "replay",
    description = "Reprocess the retained articles with the current code and settings: the running enrich "
        + "instances switch to a new generation, the stories are rebuilt, the live feed keeps flowing.")
final class ReplayCommand extends StorylineSubcommand {

  @Mixin KafkaOptions kafka;
  @Mixin DataOptions data;
  @Mixin DatabaseOptions database;

  @Option(names = "--from", paramLabel = "earliest|TIME", defaultValue = "earliest",
      description = "Replay the articles appended at or after TIME (2025-04-14 or an ISO instant); "
          + "default: ${DEFAULT-VALUE}. Stories are rebuilt from these articles only.")
  String from;

  @Option(names = "--to", paramLabel = "TIME",
      description = "Consider the replay done once the articles appended before TIME are processed "
          + "(default: the end of the log when the replay starts). Later articles are processed too, as live input.")
  String to;

  @Option(names = "--application-id", paramLabel = "ID", defaultValue = EnrichApp.APPLICATION_ID,
      description = "Base Streams application id of the enrich instances (default: ${DEFAULT-VALUE}).")
  String baseApplicationId;

  @Option(names = "--sink-group", paramLabel = "GROUP", defaultValue = dev.storyline.sink.StorySink.DEFAULT_GROUP_ID,
      description = "Consumer group of the story sink whose progress the replay waits for (default: ${DEFAULT-VALUE}).")
  String sinkGroup;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
      description = "Give up waiting for the instances after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--no-wait", description = "Start the new generation and return without waiting for it.")
  boolean noWait;

  @Override
  public Integer call() throws InterruptedException {
    Optional<Instant> start = parseTime("--from", from, true);
    Optional<Instant> until = to == null ? Optional.empty() : parseTime("--to", to, false);
    Topics topics = kafka.topics();
    Properties client = kafka.clientProperties();
    String bootstrap = kafka.bootstrapServers();
    Replay replay = new Replay(client, bootstrap, topics, Duration.ofSeconds(timeoutSeconds), sinkGroup, err());
    StorySnapshot before = StorySnapshot.read(database.jdbcUrl(data));
    PipelineGeneration previous = PipelineGenerations.current(client, bootstrap, topics)
        .orElse(PipelineGenerations.initial(baseApplicationId));
    PipelineGeneration next = replay.begin(previous, baseApplicationId, start);
    err().printf("replay: generation %d (%s) started from %s%n", next.getGeneration(), next.getApplicationId(),
        start.map(Instant::toString).orElse("the earliest article"));
    err().flush();
    if (noWait) {
      return 0;
    }
    replay.awaitCaughtUp(next, until, database.jdbcUrl(data));
    StorySnapshot after = StorySnapshot.read(database.jdbcUrl(data));
    out().println(before.changesTo(after));
    out().flush();
    return 0;
  }

  static Optional<Instant> parseTime(String option, String text, boolean earliestAllowed) {
    if (earliestAllowed && "earliest".equalsIgnoreCase(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw new UserError(option + ": '" + text + "' is not " + (earliestAllowed ? "'earliest', " : "")
          + "a date (2025-04-14) or an ISO instant (2025-04-14T10:00:00Z)");
    }
  }
}
