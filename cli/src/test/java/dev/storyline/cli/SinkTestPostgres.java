package dev.storyline.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server of the CLI's sink tests, at {@value #URL_VARIABLE} (which {@code .ci/run}
 * sets), with one fresh schema per test; without that variable the test is skipped (a JUnit
 * assumption, reported as skipped). The sink module's own tests also try Testcontainers.
 */
final class SinkTestPostgres {

  static final String URL_VARIABLE = "STORYLINE_TEST_POSTGRES_URL";

  private String serverUrl;
  private String schema;

  /** Creates a fresh schema and returns a JDBC URL whose tables go there. */
  String freshSchemaUrl() throws SQLException {
    String configured = System.getenv(URL_VARIABLE);
    assumeTrue(configured != null && !configured.isBlank(),
        "PostgreSQL test skipped: " + URL_VARIABLE + " is not set");
    serverUrl = configured.strip();
    schema = "storyline_cli_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops the schema {@link #freshSchemaUrl()} created, with everything in it. */
  void drop() throws SQLException {
    if (schema != null) {
      execute("DROP SCHEMA " + schema + " CASCADE");
      schema = null;
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
