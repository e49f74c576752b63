package dev.storyline.cli;

import dev.storyline.sink.StoryDatabase;

/** Opens the story database for the query commands, turning failures into one-line user errors. */
final class StoryDatabases {

  private StoryDatabases() {}

  /**
   * Opens (and migrates) the database at {@code jdbcUrl}.
   *
   * @throws UserError naming the --db option when it cannot be opened
   */
  static StoryDatabase open(String jdbcUrl) {
    try {
      return StoryDatabase.open(jdbcUrl);
    } catch (RuntimeException e) {
      throw new UserError("--db: " + e.getMessage(), e);
    }
  }
}
