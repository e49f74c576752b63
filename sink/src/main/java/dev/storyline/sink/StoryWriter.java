package dev.storyline.sink;

import dev.storyline.avro.FigureGroup;
import dev.storyline.avro.FigureReport;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryEntity;
import dev.storyline.avro.StoryMember;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
 * repeated update never overwrites a newer one. A written story replaces its child rows
 * (sources, members, entities, figure groups and values) as a whole. Statements are prepared and
 * batched per table.
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

  /** Child tables, children of children first so deletes respect the foreign keys. */
  private static final List<String> CHILD_TABLES =
      List.of(
          "story_figure_values",
          "story_figure_groups",
          "story_entities",
          "story_articles",
          "story_sources");

  private static final String INSERT_SOURCE =
      "INSERT INTO story_sources (story_id, ordinal, source) VALUES (?, ?, ?)";
  private static final String INSERT_ARTICLE =
      "INSERT INTO story_articles (story_id, article_id, ordinal, source, title, url, published,"
          + " duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_ENTITY =
      "INSERT INTO story_entities (story_id, ordinal, name, entity_type, article_count,"
          + " mention_count) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String INSERT_FIGURE_GROUP =
      "INSERT INTO story_figure_groups (story_id, group_index, kind, unit, label, conflicting)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String INSERT_FIGURE_VALUE =
      "INSERT INTO story_figure_values (story_id, group_index, report_index, article_id, source,"
          + " qualifier, low_value, upper_value, figure_date, figure_text, sentence)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPSERT_OFFSET =
      "INSERT INTO consumed_offsets (topic, partition, next_offset) VALUES (?, ?, ?)"
          + " ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset";
  private static final String SELECT_OFFSETS =
      "SELECT partition, next_offset FROM consumed_offsets WHERE topic = ?";

  private final StoryDatabase database;
  private final Clock clock;
  private final Connection connection;

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
    this.database = database;
    this.clock = clock;
    try {
      this.connection = database.connectForWriting();
    } catch (SQLException e) {
      throw new StoryDatabaseException(
          "cannot connect to the stories database " + database + ": " + e.getMessage(), e);
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
      connection.setAutoCommit(false);
      try {
        deleteStories(deletions);
        List<StoryCluster> newer = newerThanStored(latestVersions(stories));
        long now = clock.millis();
        upsertStories(newer, now);
        replaceChildRows(newer);
        storeOffsets(nextOffsets);
        connection.commit();
        log.debug(
            "wrote {} of {} story updates and offsets {}",
            newer.size(), stories.size(), nextOffsets);
      } catch (SQLException | RuntimeException e) {
        rollback(e);
        throw e;
      } finally {
        restoreAutoCommit();
      }
    } catch (SQLException e) {
      throw new StoryDatabaseException(
          "cannot write " + stories.size() + " stories and offsets " + nextOffsets
              + " to " + database + " (rolled back, nothing written): " + describe(e), e);
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
      List<String> tables = new ArrayList<>(CHILD_TABLES);
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

  private List<StoryCluster> newerThanStored(List<StoryCluster> candidates) throws SQLException {
    Map<String, Long> stored = storedVersions(candidates);
    List<StoryCluster> newer = new ArrayList<>(candidates.size());
    for (StoryCluster story : candidates) {
      Long version = stored.get(story.getStoryId());
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

  private void replaceChildRows(List<StoryCluster> stories) throws SQLException {
    if (stories.isEmpty()) {
      return;
    }
    deleteChildRows(stories);
    if (database.dialect() == StoryDatabase.Dialect.POSTGRESQL) {
      insertChildRowsAsArrays(stories);
      return;
    }
    try (PreparedStatement sources = connection.prepareStatement(INSERT_SOURCE);
        PreparedStatement articles = connection.prepareStatement(INSERT_ARTICLE);
        PreparedStatement entities = connection.prepareStatement(INSERT_ENTITY);
        PreparedStatement groups = connection.prepareStatement(INSERT_FIGURE_GROUP);
        PreparedStatement values = connection.prepareStatement(INSERT_FIGURE_VALUE)) {
      for (StoryCluster story : stories) {
        String storyId = text(story.getStoryId());
        addSources(sources, storyId, story.getSources());
        addArticles(articles, storyId, story.getMembers());
        addEntities(entities, storyId, story.getEntities());
        addFigures(groups, values, storyId, story.getFigureGroups());
      }
      // Parents before children, for the foreign keys.
      sources.executeBatch();
      articles.executeBatch();
      entities.executeBatch();
      groups.executeBatch();
      values.executeBatch();
    }
  }

  /**
   * Deletes the child rows of the stories, one statement per table (and chunk): a story id list
   * ({@code = ANY(array)} on PostgreSQL, {@code IN (…)} on SQLite) rather than one statement per
   * story, which costs five statements per update.
   */
  private void deleteChildRows(List<StoryCluster> stories) throws SQLException {
    if (database.dialect() == StoryDatabase.Dialect.POSTGRESQL) {
      Object[] ids = stories.stream().map(story -> text(story.getStoryId())).toArray();
      Array array = connection.createArrayOf("text", ids);
      try {
        for (String table : CHILD_TABLES) {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM " + table + " WHERE story_id = ANY(?)")) {
            delete.setArray(1, array);
            delete.executeUpdate();
          }
        }
      } finally {
        array.free();
      }
      return;
    }
    for (int from = 0; from < stories.size(); from += LOOKUP_CHUNK) {
      List<StoryCluster> chunk =
          stories.subList(from, Math.min(stories.size(), from + LOOKUP_CHUNK));
      String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
      for (String table : CHILD_TABLES) {
        try (PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM " + table + " WHERE story_id IN (" + placeholders + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            delete.setString(i + 1, text(chunk.get(i).getStoryId()));
          }
          delete.executeUpdate();
        }
      }
    }
  }

  /**
   * PostgreSQL: the child rows of the stories with one {@code INSERT … SELECT FROM unnest(…)}
   * per table, each column one array parameter. Several times faster than batched single-row
   * inserts, even rewritten into multi-row ones, and still a prepared statement.
   */
  private void insertChildRowsAsArrays(List<StoryCluster> stories) throws SQLException {
    ColumnRows sources =
        new ColumnRows("story_sources", "story_id text", "ordinal int4", "source text");
    ColumnRows articles =
        new ColumnRows("story_articles", "story_id text", "article_id text", "ordinal int4",
            "source text", "title text", "url text", "published int8", "duplicate_of text");
    ColumnRows entities =
        new ColumnRows("story_entities", "story_id text", "ordinal int4", "name text",
            "entity_type text", "article_count int4", "mention_count int4");
    ColumnRows groups =
        new ColumnRows("story_figure_groups", "story_id text", "group_index int4", "kind text",
            "unit text", "label text", "conflicting bool");
    ColumnRows values =
        new ColumnRows("story_figure_values", "story_id text", "group_index int4",
            "report_index int4", "article_id text", "source text", "qualifier text",
            "low_value float8", "upper_value float8", "figure_date text", "figure_text text",
            "sentence text");
    for (StoryCluster story : stories) {
      String storyId = text(story.getStoryId());
      List<String> sourceNames = story.getSources();
      for (int i = 0; i < sourceNames.size(); i++) {
        sources.add(storyId, i, text(sourceNames.get(i)));
      }
      List<StoryMember> members = story.getMembers();
      for (int i = 0; i < members.size(); i++) {
        StoryMember m = members.get(i);
        articles.add(storyId, text(m.getArticleId()), i, text(m.getSource()), text(m.getTitle()),
            nullableText(m.getUrl()), m.getPublished().toEpochMilli(),
            nullableText(m.getDuplicateOf()));
      }
      List<StoryEntity> storyEntities = story.getEntities();
      for (int i = 0; i < storyEntities.size(); i++) {
        StoryEntity e = storyEntities.get(i);
        entities.add(storyId, i, text(e.getName()), e.getType().name(), e.getArticleCount(),
            e.getMentionCount());
      }
      List<FigureGroup> figureGroups = story.getFigureGroups();
      for (int g = 0; g < figureGroups.size(); g++) {
        FigureGroup group = figureGroups.get(g);
        groups.add(storyId, g, group.getKind().name(), nullableText(group.getUnit()),
            text(group.getLabel()), group.getConflicting());
        List<FigureReport> reports = group.getReports();
        for (int r = 0; r < reports.size(); r++) {
          FigureReport report = reports.get(r);
          values.add(storyId, g, r, text(report.getArticleId()), text(report.getSource()),
              report.getQualifier().name(), report.getValue(), report.getUpperValue(),
              nullableText(report.getDate()), text(report.getText()), text(report.getSentence()));
        }
      }
    }
    // Parents before children, for the foreign keys.
    for (ColumnRows table : List.of(sources, articles, entities, groups, values)) {
      table.insert(connection);
    }
  }

  /** Rows of one table collected column by column, for {@link #insertChildRowsAsArrays}. */
  private static final class ColumnRows {

    private final String table;
    private final String[] names;
    private final String[] types;
    private final List<List<Object>> columns = new ArrayList<>();

    /** @param columns each "name type", the type a PostgreSQL array element type */
    ColumnRows(String table, String... columns) {
      this.table = table;
      this.names = new String[columns.length];
      this.types = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        String[] nameAndType = columns[i].split(" ");
        names[i] = nameAndType[0];
        types[i] = nameAndType[1];
        this.columns.add(new ArrayList<>());
      }
    }

    void add(Object... row) {
      for (int i = 0; i < row.length; i++) {
        columns.get(i).add(row[i]);
      }
    }

    void insert(Connection connection) throws SQLException {
      if (columns.get(0).isEmpty()) {
        return;
      }
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
          .append(String.join(", ", names)).append(") SELECT * FROM unnest(");
      for (int i = 0; i < types.length; i++) {
        sql.append(i == 0 ? "" : ", ").append("?::").append(types[i]).append("[]");
      }
      sql.append(")");
      List<Array> arrays = new ArrayList<>(types.length);
      try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < types.length; i++) {
          Array array = connection.createArrayOf(types[i], columns.get(i).toArray());
          arrays.add(array);
          insert.setArray(i + 1, array);
        }
        insert.executeUpdate();
      } finally {
        for (Array array : arrays) {
          array.free();
        }
      }
    }
  }

  private static String nullableText(String value) {
    return value == null ? null : text(value);
  }

  private static void addSources(PreparedStatement insert, String storyId, List<String> sources)
      throws SQLException {
    for (int i = 0; i < sources.size(); i++) {
      insert.setString(1, storyId);
      insert.setInt(2, i);
      insert.setString(3, text(sources.get(i)));
      insert.addBatch();
    }
  }

  private static void addArticles(
      PreparedStatement insert, String storyId, List<StoryMember> members) throws SQLException {
    for (int i = 0; i < members.size(); i++) {
      StoryMember member = members.get(i);
      insert.setString(1, storyId);
      insert.setString(2, text(member.getArticleId()));
      insert.setInt(3, i);
      insert.setString(4, text(member.getSource()));
      insert.setString(5, text(member.getTitle()));
      setNullableText(insert, 6, member.getUrl());
      insert.setLong(7, member.getPublished().toEpochMilli());
      setNullableText(insert, 8, member.getDuplicateOf());
      insert.addBatch();
    }
  }

  private static void addEntities(
      PreparedStatement insert, String storyId, List<StoryEntity> entities) throws SQLException {
    for (int i = 0; i < entities.size(); i++) {
      StoryEntity entity = entities.get(i);
      insert.setString(1, storyId);
      insert.setInt(2, i);
      insert.setString(3, text(entity.getName()));
      insert.setString(4, entity.getType().name());
      insert.setInt(5, entity.getArticleCount());
      insert.setInt(6, entity.getMentionCount());
      insert.addBatch();
    }
  }

  private static void addFigures(
      PreparedStatement groupInsert,
      PreparedStatement valueInsert,
      String storyId,
      List<FigureGroup> groups)
      throws SQLException {
    for (int g = 0; g < groups.size(); g++) {
      FigureGroup group = groups.get(g);
      groupInsert.setString(1, storyId);
      groupInsert.setInt(2, g);
      groupInsert.setString(3, group.getKind().name());
      setNullableText(groupInsert, 4, group.getUnit());
      groupInsert.setString(5, text(group.getLabel()));
      groupInsert.setBoolean(6, group.getConflicting());
      groupInsert.addBatch();
      List<FigureReport> reports = group.getReports();
      for (int r = 0; r < reports.size(); r++) {
        FigureReport report = reports.get(r);
        valueInsert.setString(1, storyId);
        valueInsert.setInt(2, g);
        valueInsert.setInt(3, r);
        valueInsert.setString(4, text(report.getArticleId()));
        valueInsert.setString(5, text(report.getSource()));
        valueInsert.setString(6, report.getQualifier().name());
        setNullableDouble(valueInsert, 7, report.getValue());
        setNullableDouble(valueInsert, 8, report.getUpperValue());
        setNullableText(valueInsert, 9, report.getDate());
        valueInsert.setString(10, text(report.getText()));
        valueInsert.setString(11, text(report.getSentence()));
        valueInsert.addBatch();
      }
    }
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

  private static void setNullableText(PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, text(value));
    }
  }

  private static void setNullableDouble(PreparedStatement statement, int index, Double value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, value);
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
