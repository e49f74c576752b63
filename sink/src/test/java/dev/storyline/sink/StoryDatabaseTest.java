package dev.storyline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening and migrating the stories database; SQLite only (the PostgreSQL variants of the writer
 * and query tests run the same migration).
 */
class StoryDatabaseTest {

  @TempDir Path folder;

  @Test
  void shouldCreateTheParentFoldersAndTheTables() throws SQLException {
    // Given a SQLite path whose folders do not exist
    Path file = folder.resolve("data/nested/stories.db");

    // When the database is opened
    StoryDatabase database = StoryDatabase.open("jdbc:sqlite:" + file);

    // Then the file exists with every table of the schema
    assertThat(file).exists();
    assertThat(database.dialect()).isEqualTo(StoryDatabase.Dialect.SQLITE);
    assertThat(
            single(database,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'flyway%'"
                    + " ORDER BY name"))
        .containsExactly(
            "consumed_offsets",
            "stories",
            "story_articles",
            "story_entities",
            "story_figure_groups",
            "story_figure_values",
            "story_sources");
  }

  @Test
  void shouldUseWalModeABusyTimeoutAndForeignKeys() throws SQLException {
    // When a SQLite database is opened
    StoryDatabase database = StoryDatabase.open("jdbc:sqlite:" + folder.resolve("s.db"));

    // Then its connections use WAL, wait for locks and enforce foreign keys
    assertThat(single(database, "PRAGMA journal_mode")).containsExactly("wal");
    assertThat(single(database, "PRAGMA busy_timeout")).containsExactly("30000");
    assertThat(single(database, "PRAGMA foreign_keys")).containsExactly("1");
  }

  @Test
  void shouldKeepTheDataWhenOpenedAgain() {
    // Given a database with a story and an offset
    String url = "jdbc:sqlite:file:" + folder.resolve("s.db");
    StoryDatabase first = StoryDatabase.open(url);
    try (StoryWriter writer = new StoryWriter(first)) {
      writer.write(List.of(TestStories.deportations(1)), Map.of(new TopicPartition("t", 0), 8L));
    }

    // When it is opened (and migrated) again
    StoryDatabase second = StoryDatabase.open(url);

    // Then the story and the offset are still there
    assertThat(new StoryQueries(second).countArticles()).isEqualTo(3);
    try (StoryWriter writer = new StoryWriter(second)) {
      assertThat(writer.committedOffsets("t")).isEqualTo(Map.of(new TopicPartition("t", 0), 8L));
    }
  }

  @Test
  void shouldRefuseAnInMemorySqliteDatabase() {
    assertThatThrownBy(() -> StoryDatabase.open("jdbc:sqlite::memory:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'jdbc:sqlite::memory:' is an in-memory SQLite database, where every connection sees"
                + " its own empty database: give a file, e.g. jdbc:sqlite:data/stories.db");
  }

  @Test
  void shouldRefuseAnUnsupportedUrlWithoutShowingItsPassword() {
    assertThatThrownBy(() -> StoryDatabase.open("jdbc:mysql://db/stories?user=a&password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unsupported database URL 'jdbc:mysql://db/stories?user=a&password=***': use"
                + " jdbc:sqlite:PATH or jdbc:postgresql://HOST/DATABASE");
  }

  @Test
  void shouldMaskThePasswordOfAPostgresqlUrl() {
    assertThat(
            StoryDatabase.redact(
                "jdbc:postgresql://db:5432/stories?user=storyline&password=s3cr&t=1&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/stories?user=storyline&password=***&t=1&ssl=true");
  }

  @Test
  void shouldFindTheFileOfASqliteUrl() {
    assertThat(StoryDatabase.sqliteFile("jdbc:sqlite:data/stories.db"))
        .isEqualTo(Path.of("data/stories.db"));
    assertThat(StoryDatabase.sqliteFile("jdbc:sqlite:file:/tmp/s.db?journal_mode=WAL"))
        .isEqualTo(Path.of("/tmp/s.db"));
  }

  private static List<String> single(StoryDatabase database, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
