package dev.storyline.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoryCommandsContract} on a SQLite file. */
class SqliteStoryCommandsTest extends StoryCommandsContract {

  @TempDir Path dir;

  @Override
  String freshDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("stories.db");
  }
}
