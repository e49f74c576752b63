package dev.storyline.cli;

import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryFilter;
import dev.storyline.sink.StoryQueries;
import dev.storyline.sink.StorySummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code storyline stories}: lists the stories in the database, or exports them. */
@Command(
    name = "stories",
    description = "List the stories in the database, most recently published first.")
final class StoriesCommand extends StorylineSubcommand {

  @Mixin DataOptions data;
  @Mixin DatabaseOptions database;
  @Mixin StoryFormatOptions output;

  @Option(names = "--since", paramLabel = "DATE",
      description = "Only stories with an article published at or after DATE (2025-04-14, midnight UTC, or an ISO instant).")
  String since;

  @Option(names = "--entity", paramLabel = "NAME", description = "Only stories that name this entity (case-insensitive).")
  String entity;

  @Option(names = "--source", paramLabel = "NAME", description = "Only stories this outlet covered (case-insensitive).")
  String source;

  @Option(names = "--limit", paramLabel = "N", description = "At most N stories.")
  Integer limit;

  @Option(names = "--full", description = "With --format json or ndjson: whole stories (as `storyline story ID --json`) "
      + "instead of summaries, e.g. for export.")
  boolean full;

  @Override
  public Integer call() {
    StoryFormatOptions.Format format = output.format(spec);
    if (full && format == StoryFormatOptions.Format.TEXT) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--full needs --format json or --format ndjson");
    }
    if (limit != null && limit < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
    }
    StoryFilter filter = StoryFilter.all().entity(entity).source(source).limit(limit);
    if (since != null) {
      filter = filter.since(parseSince(since));
    }
    StoryDatabase db = StoryDatabases.open(database.jdbcUrl(data));
    StoryQueries queries = new StoryQueries(db);
    List<StorySummary> stories;
    List<Object> documents = new ArrayList<>();
    try {
      stories = queries.list(filter);
      for (StorySummary story : stories) {
        if (full) {
          // A story listed a moment ago can only be missing if it was deleted meanwhile: skip it.
          queries.story(story.storyId()).map(StoryPrinter::detailJson).ifPresent(documents::add);
        } else if (format != StoryFormatOptions.Format.TEXT) {
          documents.add(StoryPrinter.summaryJson(story));
        }
      }
    } catch (RuntimeException e) {
      throw new UserError(e.getMessage(), e);
    }
    switch (format) {
      case JSON -> out().println(StoryPrinter.json(documents));
      case NDJSON -> documents.forEach(document -> out().println(StoryPrinter.jsonLine(document)));
      case TEXT -> {
        if (stories.isEmpty()) {
          out().println("no stories in " + db.displayUrl() + (filter.equals(StoryFilter.all()) ? "" : " match"));
        } else {
          StoryPrinter.printSummaries(out(), stories);
        }
      }
    }
    out().flush();
    return 0;
  }

  private Instant parseSince(String text) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--since: '" + text + "' is not a date (2025-04-14) or an ISO instant (2025-04-14T09:00:00Z)");
    }
  }
}
