package dev.storyline.sink;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoryWriterTest} on a SQLite file. */
class SqliteStoryWriterTest extends StoryWriterTest {

  @TempDir Path folder;

  @Override
  protected StoryDatabase openDatabase() {
    return StoryDatabase.open("jdbc:sqlite:" + folder.resolve("stories.db"));
  }
}
