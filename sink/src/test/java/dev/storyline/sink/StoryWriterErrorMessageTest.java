package dev.storyline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** How {@link StoryWriter} quotes a database error in its exceptions. */
class StoryWriterErrorMessageTest {

  @Test
  void shouldPutTheDatabaseErrorFirstAndShortenLongMessages() {
    // Given a failed batch whose statement quotes a 3,000-character title
    String statement = "Batch entry 0 INSERT INTO story_articles VALUES ('";
    BatchUpdateException batch =
        new BatchUpdateException(statement + "x".repeat(3_000) + "')", new int[0]);
    batch.setNextException(new SQLException("ERROR: duplicate key value"));

    // When it is described
    String message = StoryWriter.describe(batch);

    // Then the database's error comes first and the whole is cut at 2,000 characters
    String kept = "ERROR: duplicate key value in: " + statement;
    assertThat(message)
        .isEqualTo(kept + "x".repeat(2_000 - kept.length()) + "… [1083 more characters]");
  }

  @Test
  void shouldKeepAShortMessageWhole() {
    assertThat(StoryWriter.describe(new SQLException("database is locked")))
        .isEqualTo("database is locked");
  }
}
