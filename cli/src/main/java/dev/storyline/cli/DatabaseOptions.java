package dev.storyline.cli;

import picocli.CommandLine.Option;

/** Which database the sink writes and the query commands read. */
public final class DatabaseOptions {

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      defaultValue = "${env:STORYLINE_DB}",
      description = "Story database: jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=…&password=… "
          + "(env STORYLINE_DB; default: jdbc:sqlite:<data-dir>/storyline.db).")
  String jdbcUrl;

  /** The JDBC URL given, or the SQLite file in the data folder. */
  public String jdbcUrl(DataOptions data) {
    if (jdbcUrl != null && !jdbcUrl.isBlank()) {
      return jdbcUrl.strip();
    }
    return "jdbc:sqlite:" + data.dataDir().resolve("storyline.db");
  }
}
