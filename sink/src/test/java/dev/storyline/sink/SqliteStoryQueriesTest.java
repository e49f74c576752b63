package dev.storyline.sink;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoryQueriesTest} on a SQLite file. */
class SqliteStoryQueriesTest extends StoryQueriesTest {

  @TempDir Path folder;

  @Override
  protected StoryDatabase openDatabase() {
    return StoryDatabase.open("jdbc:sqlite:" + folder.resolve("stories.db"));
  }
}
