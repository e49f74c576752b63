package dev.storyline.sink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL server for the PostgreSQL variants of the database tests, and one fresh schema
 * per test.
 *
 * <p>The server is the one at {@value #URL_VARIABLE} when that is set (e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/storyline_test?user=storyline&password=storyline}); else a
 * Testcontainers PostgreSQL when Docker is available; else the test is skipped (a JUnit
 * assumption, reported as skipped), never silently passed.
 */
final class PostgresTestDatabase {

  static final String URL_VARIABLE = "STORYLINE_TEST_POSTGRES_URL";
  static final DockerImageName IMAGE = DockerImageName.parse("postgres:15.13-alpine");

  private static String serverUrl;
  private static Boolean dockerAvailable;
  private static PostgreSQLContainer<?> container;

  private String schema;

  /** Creates a fresh schema and opens (migrates) the story database in it. */
  StoryDatabase open() throws SQLException {
    String url = serverUrl();
    schema = "storyline_test_" + UUID.randomUUID().toString().replace("-", "");
    execute(url, "CREATE SCHEMA " + schema);
    return StoryDatabase.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
  }

  /** Drops the schema {@link #open()} created, with everything in it. */
  void drop() throws SQLException {
    if (schema != null) {
      execute(serverUrl(), "DROP SCHEMA " + schema + " CASCADE");
      schema = null;
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static synchronized String serverUrl() {
    if (serverUrl != null) {
      return serverUrl;
    }
    String configured = System.getenv(URL_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      serverUrl = configured.strip();
      return serverUrl;
    }
    if (dockerAvailable == null) {
      dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
    }
    assumeTrue(
        dockerAvailable,
        "PostgreSQL test skipped: " + URL_VARIABLE + " is not set and Docker is not available");
    container = new PostgreSQLContainer<>(IMAGE);
    // Stopped by Testcontainers' Ryuk when the test JVM exits.
    container.start();
    serverUrl =
        container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
            + "user=" + container.getUsername() + "&password=" + container.getPassword();
    return serverUrl;
  }
}
