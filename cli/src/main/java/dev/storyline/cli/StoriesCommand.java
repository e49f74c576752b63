package dev.storyline.cli;

import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryFilter;
import dev.storyline.sink.StoryQueries;
import dev.storyline.sink.StorySummary;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code storyline stories}: lists the stories in the database. */
@Command(
    name = "stories",
    description = "List the stories in the database, most recently published first.")
final class StoriesCommand extends StorylineSubcommand {

  @Mixin DataOptions data;
  @Mixin DatabaseOptions database;

  @Option(names = "--since", paramLabel = "DATE",
      description = "Only stories with an article published at or after DATE (2025-04-14 or an ISO instant).")
  String since;

  @Option(names = "--entity", paramLabel = "NAME", description = "Only stories that name this entity (case-insensitive).")
  String entity;

  @Option(names = "--source", paramLabel = "NAME", description = "Only stories this outlet covered (case-insensitive).")
  String source;

  @Option(names = "--limit", paramLabel = "N", description = "At most N stories.")
  Integer limit;

  @Option(names = "--json", description = "Print a JSON array: storyId, headline, articleCount, sources, "
      + "firstPublished, lastPublished.")
  boolean json;

  @Override
  public Integer call() {
    StoryFilter filter = StoryFilter.all().entity(entity).source(source).limit(limit);
    if (since != null) {
      filter = filter.since(parseSince(since));
    }
    List<StorySummary> stories;
    try {
      stories = new StoryQueries(StoryDatabase.open(database.jdbcUrl(data))).list(filter);
    } catch (RuntimeException e) {
      throw new UserError(e.getMessage(), e);
    }
    if (json) {
      out().println(StoryPrinter.json(stories.stream().map(StoryPrinter::summaryJson).toList()));
    } else if (stories.isEmpty()) {
      out().println("no stories in " + database.jdbcUrl(data));
    } else {
      StoryPrinter.printSummaries(out(), stories);
    }
    out().flush();
    return 0;
  }

  private static Instant parseSince(String text) {
    try {
      return text.length() == 10
          ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new UserError("--since: '" + text + "' is not a date (2025-04-14) or an ISO instant");
    }
  }
}
