package dev.storyline.sink;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link StoryWriterTest} on PostgreSQL, in a fresh schema per test; skipped when no server is
 * configured and Docker is unavailable (see {@link PostgresTestDatabase}).
 */
class PostgresStoryWriterTest extends StoryWriterTest {

  private final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @Override
  protected StoryDatabase openDatabase() throws SQLException {
    return postgres.open();
  }

  @AfterEach
  void dropSchema() throws SQLException {
    postgres.drop();
  }
}
