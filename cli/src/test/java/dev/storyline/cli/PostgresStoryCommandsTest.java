package dev.storyline.cli;

import org.junit.jupiter.api.AfterEach;

/**
 * {@link StoryCommandsContract} on PostgreSQL, in a fresh schema per test; skipped unless
 * {@value SinkTestPostgres#URL_VARIABLE} names a server.
 */
class PostgresStoryCommandsTest extends StoryCommandsContract {

  private final SinkTestPostgres postgres = new SinkTestPostgres();

  @Override
  String freshDatabaseUrl() throws Exception {
    return postgres.freshSchemaUrl();
  }

  @AfterEach
  void dropSchema() throws Exception {
    postgres.drop();
  }
}
