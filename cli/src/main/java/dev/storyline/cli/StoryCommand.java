package dev.storyline.cli;

import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryDetail;
import dev.storyline.sink.StoryQueries;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code storyline story ID}: one story in full, from the database. */
@Command(
    name = "story",
    description = "Show one story in full: members (duplicates marked), entities, figure groups (conflicts marked).")
final class StoryCommand extends StorylineSubcommand {

  @Mixin DataOptions data;
  @Mixin DatabaseOptions database;
  @Mixin StoryFormatOptions output;

  @Parameters(paramLabel = "ID", description = "The story id, as `storyline stories` lists it.")
  String storyId;

  @Override
  public Integer call() {
    StoryFormatOptions.Format format = output.format(spec);
    String jdbcUrl = database.jdbcUrl(data);
    Optional<StoryDetail> story;
    StoryDatabase db = StoryDatabases.open(jdbcUrl);
    try {
      story = new StoryQueries(db).story(storyId);
    } catch (RuntimeException e) {
      throw new UserError(e.getMessage(), e);
    }
    if (story.isEmpty()) {
      throw new UserError("no story '" + storyId + "' in " + db.displayUrl()
          + ": `storyline stories` lists the stored story ids");
    }
    switch (format) {
      case JSON -> out().println(StoryPrinter.json(StoryPrinter.detailJson(story.get())));
      case NDJSON -> out().println(StoryPrinter.jsonLine(StoryPrinter.detailJson(story.get())));
      case TEXT -> StoryPrinter.printDetail(out(), story.get());
    }
    out().flush();
    return 0;
  }
}
