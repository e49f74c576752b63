package dev.storyline.sink;

import dev.storyline.avro.StoryCluster;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes story clusters and the consumed offsets of the stories topic to the {@link
 * StoryDatabase}, both in one transaction, so a crash at any point neither loses nor duplicates
 * a story.
 *
 * <p>A story is written only when its version is greater than the stored one: a stale or
 * repeated update never overwrites a newer one. A written story's child rows (sources, members,
 * entities, figure groups and values) become exactly those of the new version. The writer
 * remembers a {@link StoryDigest} of the rows it committed for the most recently written stories
 * (row keys and value hashes); when the stored version is the remembered one, only the rows that
 * changed are inserted, updated or deleted (a new version usually adds one member and changes a
 * few counts). Otherwise (a story not remembered: first write, restart, eviction) the child rows
 * are deleted and inserted whole. Statements go per table for the whole batch: one statement
 * with an array per column on PostgreSQL, a JDBC batch on SQLite.
 *
 * <p>The remembered digests assume this writer is the only one writing these stories while it
 * remembers them. A stored version other than the remembered one gets the story written whole;
 * an update or delete that does not find its row, or any failure of a transaction that relied on
 * digests, makes the writer forget them all and write the batch again whole. A transaction that
 * fails forgets the stories it touched; digests are remembered only once committed.
 *
 * <p>Holds one connection; use it from one thread at a time and close it when done.
 */
public final class StoryWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StoryWriter.class);

  /** Placeholders per {@code IN (…)} lookup, well under both databases' parameter limits. */
  static final int LOOKUP_CHUNK = 500;

  /** PostgreSQL text cannot hold U+0000; it is stored as U+FFFD on every database alike. */
  private static final char NUL = '\u0000';

  private static final char REPLACEMENT = '\uFFFD';

  /** Longest database message quoted in an exception. */
  static final int MAX_MESSAGE = 2_000;

  private static final String UPSERT_STORY =
      "INSERT INTO stories (story_id, version, headline, first_published, last_published,"
          + " coverage, article_count, source_count, closed, clusterer_version, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (story_id) DO UPDATE SET version = excluded.version,"
          + " headline = excluded.headline, first_published = excluded.first_published,"
          + " last_published = excluded.last_published, coverage = excluded.coverage,"
          + " article_count = excluded.article_count, source_count = excluded.source_count,"
          + " closed = excluded.closed, clusterer_version = excluded.clusterer_version,"
          + " updated_at = excluded.updated_at"
          // Guards against a concurrent writer even though versions were checked first.
          + " WHERE stories.version < excluded.version";

  private static final String UPSERT_OFFSET =
      "INSERT INTO consumed_offsets (topic, partition, next_offset) VALUES (?, ?, ?)"
          + " ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset";
  private static final String SELECT_OFFSETS =
      "SELECT partition, next_offset FROM consumed_offsets WHERE topic = ?";

  /**
   * Stories whose digest a writer remembers by default: twice the 10,000 live stories the
   * clustering stage's benchmark keeps open. A digest takes about 1.4 kB of heap for a story of 31 rows (measured; mostly article
   * ids), so some 28 MB when full of such stories.
   */
  public static final int DEFAULT_REMEMBERED_STORIES = 20_000;

  private final StoryDatabase database;
  private final Clock clock;
  private final Connection connection;
  private final WrittenStories written;
  private final RowHasher hasher;
  /** Whether the last {@link #transaction} changed rows relying on a remembered digest. */
  private boolean usedDigests;
  /** What the last transaction did to child rows; for tests and debug logs. */
  private ChildRowCounts lastChildRows = new ChildRowCounts(0, 0, 0);

  /** A writer stamping {@code updated_at} with the system clock. */
  public StoryWriter(StoryDatabase database) {
    this(database, Clock.systemUTC());
  }

  /**
   * @param database where to write
   * @param clock stamps {@code updated_at} of each written story
   * @throws StoryDatabaseException when no connection can be opened
   */
  public StoryWriter(StoryDatabase database, Clock clock) {
    this(database, clock, DEFAULT_REMEMBERED_STORIES);
  }

  /**
   * @param rememberedStories how many of the most recently written stories' digests to keep; 0
   *     writes every story's child rows afresh
   */
  public StoryWriter(StoryDatabase database, Clock clock, int rememberedStories) {
    this(database, clock, rememberedStories, new java.security.SecureRandom().nextLong());
  }

  /** @param hashSeed seeds the row hashes, see {@link RowHasher} */
  StoryWriter(StoryDatabase database, Clock clock, int rememberedStories, long hashSeed) {
    this.database = database;
    this.clock = clock;
    this.written = new WrittenStories(rememberedStories);
    this.hasher = new RowHasher(hashSeed);
    Connection opened = null;
    try {
      opened = database.connectForWriting();
      if (database.dialect() == StoryDatabase.Dialect.POSTGRESQL) {
        try (Statement statement = opened.createStatement()) {
          // A custom plan sees the real length of the unnest(…) arrays (thousands of rows) and
          // hash-joins them against a sequential scan of the whole child table, once per
          // statement; the generic plan probes the primary key per row. Every statement of the
          // writer looks rows up by key, so generic plans are right for all of them.
          statement.execute("SET plan_cache_mode = force_generic_plan");
        }
      }
    } catch (SQLException e) {
      closeQuietly(opened, e);
      throw new StoryDatabaseException(
          "cannot connect to the stories database " + database + ": " + e.getMessage(), e);
    }
    this.connection = opened;
  }

  private static void closeQuietly(Connection connection, SQLException cause) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Writes, in one transaction, every story that is newer than the stored one and the next
   * offsets to read; on failure nothing is written.
   *
   * @param stories decoded story clusters in topic order; several versions of one story may
   *     appear, the highest wins
   * @param nextOffsets per partition of the stories topic, the offset after the last record
   *     consumed (written or skipped)
   * @throws StoryDatabaseException when the transaction fails; it has been rolled back
   */
  public void write(List<StoryCluster> stories, Map<TopicPartition, Long> nextOffsets) {
    write(Set.of(), stories, nextOffsets);
  }

  /**
   * Like {@link #write(List, Map)}, first deleting the tombstoned stories (rows and child rows)
   * in the same transaction, so a story written after its tombstone starts afresh at any version.
   *
   * @param deletions ids of stories to delete before writing {@code stories}
   */
  public void write(Set<String> deletions, List<StoryCluster> stories, Map<TopicPartition, Long> nextOffsets) {
    if (deletions.isEmpty() && stories.isEmpty() && nextOffsets.isEmpty()) {
      return;
    }
    try {
      Exception failure;
      try {
        transaction(deletions, stories, nextOffsets, true);
        return;
      } catch (StaleDigestException e) {
        failure = e;
      } catch (SQLException e) {
        if (!usedDigests) {
          throw e;
        }
        failure = e;
      }
      // Rolled back. A remembered digest may not match the stored rows (another writer, or a
      // failure the digests cannot explain): forget them all and write the batch afresh.
      log.warn("writing {} stories with their remembered rows failed ({}); writing them afresh",
          stories.size(),
          failure instanceof SQLException sql ? describe(sql) : failure.getMessage());
      written.clear();
      try {
        transaction(deletions, stories, nextOffsets, false);
      } catch (SQLException again) {
        again.addSuppressed(failure);
        throw again;
      } catch (StaleDigestException impossible) {
        // Without digests nothing is updated or deleted by key.
        throw new IllegalStateException(impossible);
      }
    } catch (SQLException e) {
      throw new StoryDatabaseException(
          "cannot write " + stories.size() + " stories and offsets " + nextOffsets
              + " to " + database + " (rolled back, nothing written): " + describe(e), e);
    }
  }

  /**
   * One transaction of {@link #write}; rolled back and the touched stories forgotten on failure.
   *
   * @param useDigests whether remembered digests may replace whole rewrites
   */
  private void transaction(
      Set<String> deletions,
      List<StoryCluster> stories,
      Map<TopicPartition, Long> nextOffsets,
      boolean useDigests)
      throws SQLException, StaleDigestException {
    usedDigests = false;
    lastChildRows = new ChildRowCounts(0, 0, 0);
    connection.setAutoCommit(false);
    try {
      deleteStories(deletions);
      written.forget(deletions);
      List<StoryCluster> candidates = latestVersions(stories);
      Map<String, Long> stored = storedVersions(candidates);
      List<StoryCluster> newer = newerThanStored(candidates, stored);
      long now = clock.millis();
      upsertStories(newer, now);
      Map<String, StoryDigest> digests = writeChildRows(newer, stored, useDigests);
      storeOffsets(nextOffsets);
      connection.commit();
      written.putAll(digests);
      log.debug(
          "wrote {} of {} story updates ({}) and offsets {}",
          newer.size(), stories.size(), lastChildRows, nextOffsets);
    } catch (SQLException | StaleDigestException | RuntimeException e) {
      rollback(e);
      written.forget(deletions);
      written.forget(stories.stream().map(StoryCluster::getStoryId).toList());
      throw e;
    } finally {
      restoreAutoCommit();
    }
  }

  /**
   * Forgets every remembered digest, so each story's next version is written afresh; for when
   * another writer may have written these stories meanwhile (e.g. partitions moved to another
   * sink and back).
   */
  public void forgetWrittenStories() {
    written.clear();
  }

  /** Number of stories whose digest is remembered. */
  int rememberedStories() {
    return written.size();
  }

  /** Whether the story's rows are remembered, as stored at {@code version}. */
  boolean remembers(String storyId, long version) {
    StoryDigest digest = written.get(storyId);
    return digest != null && digest.version() == version;
  }

  /** What the last successful or failed transaction did to child rows. */
  ChildRowCounts lastChildRows() {
    return lastChildRows;
  }

  /**
   * @param afresh stories whose child rows were written whole
   * @param changed stories whose child rows were changed against their remembered digest
   * @param rowChanges rows inserted, updated or deleted by key (whole writes' inserts included,
   *     their deletes by story id not)
   */
  record ChildRowCounts(int afresh, int changed, int rowChanges) {}

  /** An update or delete that relied on a remembered digest did not find its rows. */
  static final class StaleDigestException extends Exception {
    StaleDigestException(String message) {
      super(message);
    }
  }

  /**
   * The next offset to read per partition of {@code topic}, as stored by {@link #write}; a
   * partition never written is absent.
   */
  public Map<TopicPartition, Long> committedOffsets(String topic) {
    Map<TopicPartition, Long> offsets =
        new TreeMap<>(
            Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
    try (PreparedStatement select = connection.prepareStatement(SELECT_OFFSETS)) {
      select.setString(1, topic);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          offsets.put(new TopicPartition(topic, rows.getInt(1)), rows.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new StoryDatabaseException(
          "cannot read the consumed offsets of " + topic + " from " + database + ": "
              + describe(e), e);
    }
    return offsets;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoryDatabaseException(
          "cannot close the connection to " + database + ": " + describe(e), e);
    }
  }

  private void deleteStories(Set<String> storyIds) throws SQLException {
    if (storyIds.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(storyIds);
    for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
      String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      // Children before the parent, for the foreign keys.
      List<String> tables = new ArrayList<>();
      ChildTable.DELETE_ORDER.forEach(table -> tables.add(table.table()));
      tables.add("stories");
      for (String table : tables) {
        try (PreparedStatement delete =
            connection.prepareStatement("DELETE FROM " + table + " WHERE story_id IN (" + placeholders + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            delete.setString(i + 1, text(chunk.get(i)));
          }
          delete.executeUpdate();
        }
      }
    }
    log.debug("deleted {} tombstoned stories", storyIds.size());
  }

  /** The highest version of each story in the batch, in first-seen order. */
  static List<StoryCluster> latestVersions(List<StoryCluster> stories) {
    Map<String, StoryCluster> latest = new LinkedHashMap<>();
    for (StoryCluster story : stories) {
      latest.merge(
          story.getStoryId(),
          story,
          (kept, candidate) -> candidate.getVersion() > kept.getVersion() ? candidate : kept);
    }
    return new ArrayList<>(latest.values());
  }

  private static List<StoryCluster> newerThanStored(
      List<StoryCluster> candidates, Map<String, Long> stored) {
    List<StoryCluster> newer = new ArrayList<>(candidates.size());
    for (StoryCluster story : candidates) {
      Long version = stored.get(text(story.getStoryId()));
      if (version == null || story.getVersion() > version) {
        newer.add(story);
      } else {
        log.debug(
            "story {} version {} ignored: version {} is stored",
            story.getStoryId(), story.getVersion(), version);
      }
    }
    return newer;
  }

  private Map<String, Long> storedVersions(List<StoryCluster> stories) throws SQLException {
    Map<String, Long> versions = new HashMap<>();
    // PostgreSQL: lock the rows so a concurrent writer of the same story waits for this one.
    // SQLite: BEGIN IMMEDIATE already serialises writers.
    String lock = database.dialect() == StoryDatabase.Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    for (int from = 0; from < stories.size(); from += LOOKUP_CHUNK) {
      List<StoryCluster> chunk =
          stories.subList(from, Math.min(stories.size(), from + LOOKUP_CHUNK));
      String sql =
          "SELECT story_id, version FROM stories WHERE story_id IN ("
              + String.join(", ", Collections.nCopies(chunk.size(), "?"))
              + ") ORDER BY story_id"
              + lock;
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          select.setString(i + 1, text(chunk.get(i).getStoryId()));
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            versions.put(rows.getString(1), rows.getLong(2));
          }
        }
      }
    }
    return versions;
  }

  private void upsertStories(List<StoryCluster> stories, long now) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT_STORY)) {
      for (StoryCluster story : stories) {
        upsert.setString(1, text(story.getStoryId()));
        upsert.setLong(2, story.getVersion());
        upsert.setString(3, text(story.getHeadline()));
        upsert.setLong(4, story.getFirstPublished().toEpochMilli());
        upsert.setLong(5, story.getLastPublished().toEpochMilli());
        upsert.setInt(6, story.getCoverage());
        upsert.setInt(7, story.getMembers().size());
        upsert.setInt(8, story.getSources().size());
        upsert.setBoolean(9, story.getClosed());
        upsert.setString(10, text(story.getClustererVersion()));
        upsert.setLong(11, now);
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /**
   * Makes the child rows of each story those of its new version: only the changes against a
   * remembered digest whose version is the stored one, else delete (when stored) and insert
   * whole. Statements per table, children deleted first, parents inserted first.
   *
   * @param stored the stored version of each story that has one (by its id as stored), read in
   *     this transaction
   * @return the digest of each story's rows as written
   */
  private Map<String, StoryDigest> writeChildRows(
      List<StoryCluster> stories, Map<String, Long> stored, boolean useDigests)
      throws SQLException, StaleDigestException {
    Map<String, StoryDigest> digests = new HashMap<>();
    if (stories.isEmpty()) {
      return digests;
    }
    ChildRowChanges changes = new ChildRowChanges();
    List<String> replaced = new ArrayList<>();
    int changed = 0;
    for (StoryCluster story : stories) {
      StoryRows rows = StoryRows.of(story);
      StoryDigest after = rows.digest(story.getVersion(), hasher);
      Long storedVersion = stored.get(rows.storyId());
      StoryDigest before = useDigests && storedVersion != null ? written.get(story.getStoryId()) : null;
      if (before != null && before.version() == storedVersion) {
        changes.change(rows, before, after);
        usedDigests = true;
        changed++;
      } else {
        if (storedVersion != null) {
          replaced.add(rows.storyId());
        }
        changes.insertAll(rows);
      }
      digests.put(story.getStoryId(), after);
    }
    deleteChildRows(replaced);
    lastChildRows =
        new ChildRowCounts(stories.size() - changed, changed, changes.size());
    for (ChildTable table : ChildTable.DELETE_ORDER) {
      List<Object[]> keys = changes.deletes(table);
      expectRows(table, "deleted", keys.size(), deleteRows(table, keys));
    }
    for (ChildTable table : ChildTable.values()) {
      List<Object[]> rows = changes.updates(table);
      expectRows(table, "updated", rows.size(), updateRows(table, rows));
    }
    for (ChildTable table : ChildTable.values()) {
      insertRows(table, changes.inserts(table));
    }
    return digests;
  }

  private static void expectRows(ChildTable table, String what, int expected, int actual)
      throws StaleDigestException {
    if (actual != expected) {
      throw new StaleDigestException(
          table.table() + ": " + actual + " rows " + what + " where the remembered rows said "
              + expected);
    }
  }

  /**
   * Deletes the child rows of the stories, one statement per table (and chunk): a story id list
   * ({@code = ANY(array)} on PostgreSQL, {@code IN (…)} on SQLite) rather than one statement per
   * story, which costs five statements per update.
   */
  private void deleteChildRows(List<String> storyIds) throws SQLException {
    if (storyIds.isEmpty()) {
      return;
    }
    if (database.dialect() == StoryDatabase.Dialect.POSTGRESQL) {
      Array array = connection.createArrayOf("text", storyIds.toArray());
      try {
        for (ChildTable table : ChildTable.DELETE_ORDER) {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM " + table.table() + " WHERE story_id = ANY(?)")) {
            delete.setArray(1, array);
            delete.executeUpdate();
          }
        }
      } finally {
        array.free();
      }
      return;
    }
    for (int from = 0; from < storyIds.size(); from += LOOKUP_CHUNK) {
      List<String> chunk = storyIds.subList(from, Math.min(storyIds.size(), from + LOOKUP_CHUNK));
      String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      for (ChildTable table : ChildTable.DELETE_ORDER) {
        try (PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM " + table.table() + " WHERE story_id IN (" + placeholders + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            delete.setString(i + 1, chunk.get(i));
          }
          delete.executeUpdate();
        }
      }
    }
  }

  /**
   * Inserts rows: on PostgreSQL with one {@code INSERT … SELECT FROM unnest(…)}, each column one
   * array parameter (several times faster than batched single-row inserts, even rewritten into
   * multi-row ones); on SQLite as a batch of single-row inserts.
   */
  private void insertRows(ChildTable table, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (database.dialect() == StoryDatabase.Dialect.POSTGRESQL) {
      executeWithArrays(table.insertArrays(), table, rows, table.columns());
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(table.insertRow())) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          bind(insert, i + 1, row[i], table.sqlType(i));
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Updates the non-key columns of rows by key; returns the number of rows updated. */
  private int updateRows(ChildTable table, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    if (database.dialect() == StoryDatabase.Dialect.POSTGRESQL) {
      return executeWithArrays(table.updateArrays(), table, rows, table.columns());
    }
    try (PreparedStatement update = connection.prepareStatement(table.updateRow())) {
      int keys = table.keyLength();
      for (Object[] row : rows) {
        int parameter = 1;
        for (int i = keys; i < row.length; i++) {
          bind(update, parameter++, row[i], table.sqlType(i));
        }
        for (int i = 0; i < keys; i++) {
          bind(update, parameter++, row[i], table.sqlType(i));
        }
        update.addBatch();
      }
      return sum(update.executeBatch());
    }
  }

  /** Deletes rows by key (the key columns of each); returns the number of rows deleted. */
  private int deleteRows(ChildTable table, List<Object[]> keys) throws SQLException {
    if (keys.isEmpty()) {
      return 0;
    }
    if (database.dialect() == StoryDatabase.Dialect.POSTGRESQL) {
      return executeWithArrays(table.deleteArrays(), table, keys, table.keyLength());
    }
    try (PreparedStatement delete = connection.prepareStatement(table.deleteRow())) {
      for (Object[] key : keys) {
        for (int i = 0; i < key.length; i++) {
          bind(delete, i + 1, key[i], table.sqlType(i));
        }
        delete.addBatch();
      }
      return sum(delete.executeBatch());
    }
  }

  /**
   * PostgreSQL: runs {@code sql} with one array parameter per column, the first {@code columns}
   * columns of {@code rows}; returns the update count.
   */
  private int executeWithArrays(String sql, ChildTable table, List<Object[]> rows, int columns)
      throws SQLException {
    List<Array> arrays = new ArrayList<>(columns);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int c = 0; c < columns; c++) {
        Object[] column = new Object[rows.size()];
        for (int r = 0; r < column.length; r++) {
          column[r] = rows.get(r)[c];
        }
        Array array = connection.createArrayOf(table.type(c), column);
        arrays.add(array);
        statement.setArray(c + 1, array);
      }
      return statement.executeUpdate();
    } finally {
      for (Array array : arrays) {
        array.free();
      }
    }
  }

  private static void bind(PreparedStatement statement, int index, Object value, int sqlType)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, sqlType);
    } else {
      statement.setObject(index, value);
    }
  }

  private static int sum(int[] counts) {
    int sum = 0;
    for (int count : counts) {
      sum += count;
    }
    return sum;
  }

  private void storeOffsets(Map<TopicPartition, Long> nextOffsets) throws SQLException {
    if (nextOffsets.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT_OFFSET)) {
      for (Map.Entry<TopicPartition, Long> offset : nextOffsets.entrySet()) {
        upsert.setString(1, offset.getKey().topic());
        upsert.setInt(2, offset.getKey().partition());
        upsert.setLong(3, offset.getValue());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /** The text as stored: U+0000, which PostgreSQL refuses, becomes U+FFFD on every database. */
  static String text(String value) {
    return value.indexOf(NUL) < 0 ? value : value.replace(NUL, REPLACEMENT);
  }

  private void restoreAutoCommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // The transaction has already ended either way; a broken connection fails the next call.
      log.warn("cannot switch {} back to auto-commit: {}", database, describe(e), e);
    }
  }

  private void rollback(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
      log.error("rollback on {} failed after: {}", database, cause.getMessage(), e);
    }
  }

  /**
   * The message of a failure, the cause of a failed batch entry first, shortened: PostgreSQL
   * quotes the whole failed statement with its parameters, which may hold a 100 kB title.
   */
  static String describe(SQLException e) {
    StringBuilder message = new StringBuilder();
    SQLException next = e.getNextException();
    if (next != null && next.getMessage() != null && !next.getMessage().equals(e.getMessage())) {
      // The database's own error first; the failed statement after it.
      message.append(next.getMessage()).append(" in: ");
    }
    message.append(e.getMessage());
    if (message.length() > MAX_MESSAGE) {
      int cut = message.length() - MAX_MESSAGE;
      message.setLength(MAX_MESSAGE);
      message.append("… [").append(cut).append(" more characters]");
    }
    return message.toString();
  }
}
