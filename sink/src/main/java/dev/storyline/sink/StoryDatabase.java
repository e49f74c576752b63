package dev.storyline.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The stories database: a SQLite file (the embedded default) or a PostgreSQL database
 * (production), migrated to the current schema with Flyway when opened.
 *
 * <p>Hands out new JDBC connections; whoever takes one closes it. SQLite connections use WAL
 * mode (readers never block the writer nor the writer readers) with {@code synchronous=NORMAL},
 * a busy timeout (a second writer waits instead of failing) and enforced foreign keys.
 */
public final class StoryDatabase {

  private static final Logger log = LoggerFactory.getLogger(StoryDatabase.class);

  static final String SQLITE_PREFIX = "jdbc:sqlite:";
  static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
  static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(30);
  private static final String MIGRATIONS = "classpath:db/migration";

  /** The database products Storyline stores stories in. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  private final Dialect dialect;
  private final String displayUrl;
  private final DataSource dataSource;
  private final DataSource writeDataSource;

  private StoryDatabase(
      Dialect dialect, String displayUrl, DataSource dataSource, DataSource writeDataSource) {
    this.dialect = dialect;
    this.displayUrl = displayUrl;
    this.dataSource = dataSource;
    this.writeDataSource = writeDataSource;
  }

  /** Opens and migrates the database at {@code jdbcUrl}; see {@link #open(String, Properties)}. */
  public static StoryDatabase open(String jdbcUrl) {
    return open(jdbcUrl, new Properties());
  }

  /**
   * Opens the database at {@code jdbcUrl} and migrates it to the current schema.
   *
   * @param jdbcUrl {@code jdbc:sqlite:PATH} (parent folders are created) or {@code
   *     jdbc:postgresql://HOST[:PORT]/DATABASE[?user=…&password=…&currentSchema=…]}
   * @param connectionProperties extra driver properties, e.g. {@code user} and {@code password}
   *     for PostgreSQL so they need not be in the URL; ignored for SQLite
   * @throws IllegalArgumentException when the URL is neither SQLite nor PostgreSQL, or names an
   *     in-memory SQLite database
   * @throws StoryDatabaseException when the database cannot be reached or migrated
   */
  public static StoryDatabase open(String jdbcUrl, Properties connectionProperties) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new IllegalArgumentException(
          "database URL is empty: use jdbc:sqlite:PATH or jdbc:postgresql://HOST/DATABASE");
    }
    StoryDatabase database;
    if (jdbcUrl.startsWith(SQLITE_PREFIX)) {
      createParentFolders(sqliteFile(jdbcUrl), jdbcUrl);
      database =
          new StoryDatabase(
              Dialect.SQLITE,
              jdbcUrl,
              sqlite(jdbcUrl, SQLiteConfig.TransactionMode.DEFERRED),
              sqlite(jdbcUrl, SQLiteConfig.TransactionMode.IMMEDIATE));
    } else if (jdbcUrl.startsWith(POSTGRESQL_PREFIX)) {
      DataSource dataSource = postgresql(jdbcUrl, connectionProperties);
      database = new StoryDatabase(Dialect.POSTGRESQL, redact(jdbcUrl), dataSource, dataSource);
    } else {
      throw new IllegalArgumentException(
          "unsupported database URL '" + redact(jdbcUrl)
              + "': use jdbc:sqlite:PATH or jdbc:postgresql://HOST/DATABASE");
    }
    database.migrate();
    return database;
  }

  /** A new connection in auto-commit mode, for reading; the caller closes it. */
  public Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  /**
   * A new connection in auto-commit mode for the writer; the caller closes it. On SQLite its
   * transactions begin IMMEDIATE: they take the write lock up front (waiting up to the busy
   * timeout), so they never fail half-way on a lock upgrade. Readers use deferred transactions,
   * which never hold the write lock.
   */
  Connection connectForWriting() throws SQLException {
    return writeDataSource.getConnection();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The JDBC URL with any password masked, for logs and error messages. */
  public String displayUrl() {
    return displayUrl;
  }

  @Override
  public String toString() {
    return displayUrl;
  }

  private void migrate() {
    try {
      MigrateResult result =
          Flyway.configure(StoryDatabase.class.getClassLoader())
              .dataSource(writeDataSource)
              .locations(MIGRATIONS)
              .load()
              .migrate();
      log.info(
          "stories database {} at schema version {} ({} migrations applied)",
          displayUrl,
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : result.initialSchemaVersion,
          result.migrationsExecuted);
    } catch (FlywayException e) {
      throw new StoryDatabaseException(
          "cannot migrate the stories database " + displayUrl + ": " + e.getMessage(), e);
    }
  }

  private static DataSource sqlite(String jdbcUrl, SQLiteConfig.TransactionMode transactions) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // No fsync per commit (only at checkpoints): a power loss may roll back the last commits,
    // but whole, offsets with their rows, so the sink re-reads those records from Kafka. An
    // application crash loses nothing. Saves about a sixth of the writer's time.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) SQLITE_BUSY_TIMEOUT.toMillis());
    config.enforceForeignKeys(true);
    config.setTransactionMode(transactions);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(jdbcUrl);
    return dataSource;
  }

  /** The file of a {@code jdbc:sqlite:[file:]PATH[?options]} URL. */
  static Path sqliteFile(String jdbcUrl) {
    String location = jdbcUrl.substring(SQLITE_PREFIX.length());
    if (location.startsWith("file:")) {
      location = location.substring("file:".length());
    }
    int query = location.indexOf('?');
    if (query >= 0) {
      location = location.substring(0, query);
    }
    if (location.isBlank() || location.equals(":memory:") || location.contains("mode=memory")) {
      throw new IllegalArgumentException(
          "'" + jdbcUrl + "' is an in-memory SQLite database, where every connection sees its own"
              + " empty database: give a file, e.g. jdbc:sqlite:data/stories.db");
    }
    try {
      return Path.of(location);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "'" + jdbcUrl + "': '" + location + "' is not a valid file path: " + e.getMessage(), e);
    }
  }

  private static void createParentFolders(Path file, String jdbcUrl) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StoryDatabaseException(
          "cannot create the folder " + parent + " for the SQLite database " + jdbcUrl + ": " + e,
          e);
    }
  }

  private static DataSource postgresql(String jdbcUrl, Properties connectionProperties) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    // The writer batches its inserts; rewritten into multi-row INSERTs they are several times
    // faster. Set first, so a URL parameter or connection property of the user's wins.
    dataSource.setReWriteBatchedInserts(true);
    try {
      dataSource.setURL(jdbcUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid PostgreSQL URL '" + redact(jdbcUrl) + "': " + e.getMessage(), e);
    }
    for (String name : connectionProperties.stringPropertyNames()) {
      try {
        dataSource.setProperty(name, connectionProperties.getProperty(name));
      } catch (SQLException e) {
        throw new IllegalArgumentException(
            "unknown PostgreSQL connection property '" + name + "': " + e.getMessage(), e);
      }
    }
    return dataSource;
  }

  /** Masks the value of a {@code password} URL parameter. */
  static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }
}
