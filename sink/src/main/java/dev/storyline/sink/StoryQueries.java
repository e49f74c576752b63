package dev.storyline.sink;

import dev.storyline.avro.EntityType;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads stories back from the {@link StoryDatabase}: the story list, one story in full, and the
 * number of stored articles. Each call uses its own connection, so it may run while a {@link
 * StoryWriter} writes.
 */
public final class StoryQueries {

  private static final String SELECT_STORY =
      "SELECT story_id, version, headline, first_published, last_published, coverage, closed,"
          + " clusterer_version, updated_at FROM stories WHERE story_id = ?";
  private static final String SELECT_SOURCES =
      "SELECT source FROM story_sources WHERE story_id = ? ORDER BY ordinal";
  private static final String SELECT_MEMBERS =
      "SELECT article_id, source, title, url, published, duplicate_of FROM story_articles"
          + " WHERE story_id = ? ORDER BY ordinal";
  private static final String SELECT_ENTITIES =
      "SELECT name, entity_type, article_count, mention_count FROM story_entities"
          + " WHERE story_id = ? ORDER BY ordinal";
  private static final String SELECT_FIGURE_GROUPS =
      "SELECT group_index, kind, unit, label, conflicting FROM story_figure_groups"
          + " WHERE story_id = ? ORDER BY group_index";
  private static final String SELECT_FIGURE_VALUES =
      "SELECT group_index, article_id, source, qualifier, low_value, upper_value, figure_date,"
          + " figure_text, sentence FROM story_figure_values WHERE story_id = ?"
          + " ORDER BY group_index, report_index";
  private static final String COUNT_ARTICLES = "SELECT COUNT(*) FROM story_articles";

  private final StoryDatabase database;

  public StoryQueries(StoryDatabase database) {
    this.database = database;
  }

  /**
   * The stories matching {@code filter}, newest last-published first (ties by story id).
   *
   * @throws StoryDatabaseException when the database cannot be read
   */
  public List<StorySummary> list(StoryFilter filter) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT s.story_id, s.headline, s.article_count, s.first_published, s.last_published"
                + " FROM stories s WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    if (filter.since() != null) {
      sql.append(" AND s.last_published >= ?");
      parameters.add(filter.since().toEpochMilli());
    }
    if (filter.entity() != null) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM story_entities e"
              + " WHERE e.story_id = s.story_id AND LOWER(e.name) = LOWER(?))");
      parameters.add(filter.entity());
    }
    if (filter.source() != null) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM story_sources o"
              + " WHERE o.story_id = s.story_id AND LOWER(o.source) = LOWER(?))");
      parameters.add(filter.source());
    }
    sql.append(" ORDER BY s.last_published DESC, s.story_id");
    if (filter.limit() != null) {
      sql.append(" LIMIT ?");
      parameters.add(filter.limit());
    }
    try (Connection connection = database.connect()) {
      List<Row> rows = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < parameters.size(); i++) {
          select.setObject(i + 1, parameters.get(i));
        }
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            rows.add(
                new Row(
                    result.getString(1),
                    result.getString(2),
                    result.getInt(3),
                    instant(result, 4),
                    instant(result, 5)));
          }
        }
      }
      Map<String, List<String>> sources = sources(connection, rows);
      List<StorySummary> summaries = new ArrayList<>(rows.size());
      for (Row row : rows) {
        summaries.add(
            new StorySummary(
                row.storyId,
                row.headline,
                row.articleCount,
                sources.getOrDefault(row.storyId, List.of()),
                row.firstPublished,
                row.lastPublished));
      }
      return summaries;
    } catch (SQLException e) {
      throw new StoryDatabaseException(
          "cannot list stories (" + filter + ") from " + database + ": " + e.getMessage(), e);
    }
  }

  /**
   * The story with this id, with its members, entities and figure groups; empty when unknown.
   *
   * @throws StoryDatabaseException when the database cannot be read
   */
  public Optional<StoryDetail> story(String storyId) {
    try (Connection connection = database.connect()) {
      // One snapshot for the story and its child rows, even while the writer commits: a SQLite
      // (deferred) transaction is one; PostgreSQL needs REPEATABLE READ for it.
      if (database.dialect() == StoryDatabase.Dialect.POSTGRESQL) {
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      }
      connection.setAutoCommit(false);
      try {
        return story(connection, storyId);
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new StoryDatabaseException(
          "cannot read story " + storyId + " from " + database + ": " + e.getMessage(), e);
    }
  }

  /**
   * The number of stored story articles (members of every story, duplicates included).
   *
   * @throws StoryDatabaseException when the database cannot be read
   */
  public int countArticles() {
    try (Connection connection = database.connect();
        PreparedStatement count = connection.prepareStatement(COUNT_ARTICLES);
        ResultSet result = count.executeQuery()) {
      result.next();
      return result.getInt(1);
    } catch (SQLException e) {
      throw new StoryDatabaseException(
          "cannot count story articles in " + database + ": " + e.getMessage(), e);
    }
  }

  /**
   * Which of the given article ids are members of a stored story.
   *
   * @throws StoryDatabaseException when the database cannot be read
   */
  public Set<String> storedArticles(Collection<String> articleIds) {
    Set<String> stored = new TreeSet<>();
    try (Connection connection = database.connect();
        PreparedStatement select =
            connection.prepareStatement("SELECT 1 FROM story_articles WHERE article_id = ?")) {
      for (String id : articleIds) {
        select.setString(1, id);
        try (ResultSet result = select.executeQuery()) {
          if (result.next()) {
            stored.add(id);
          }
        }
      }
      return stored;
    } catch (SQLException e) {
      throw new StoryDatabaseException(
          "cannot look up story articles in " + database + ": " + e.getMessage(), e);
    }
  }

  private static Optional<StoryDetail> story(Connection connection, String storyId)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT_STORY)) {
      select.setString(1, storyId);
      try (ResultSet story = select.executeQuery()) {
        if (!story.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoryDetail(
                story.getString("story_id"),
                story.getLong("version"),
                story.getString("headline"),
                instant(story, "first_published"),
                instant(story, "last_published"),
                story.getInt("coverage"),
                strings(connection, SELECT_SOURCES, storyId),
                members(connection, storyId),
                entities(connection, storyId),
                figureGroups(connection, storyId),
                story.getBoolean("closed"),
                story.getString("clusterer_version"),
                instant(story, "updated_at")));
      }
    }
  }

  private static List<StoryDetail.Member> members(Connection connection, String storyId)
      throws SQLException {
    List<StoryDetail.Member> members = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(SELECT_MEMBERS)) {
      select.setString(1, storyId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          members.add(
              new StoryDetail.Member(
                  rows.getString("article_id"),
                  rows.getString("source"),
                  rows.getString("title"),
                  rows.getString("url"),
                  instant(rows, "published"),
                  rows.getString("duplicate_of")));
        }
      }
    }
    return members;
  }

  private static List<StoryDetail.Entity> entities(Connection connection, String storyId)
      throws SQLException {
    List<StoryDetail.Entity> entities = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(SELECT_ENTITIES)) {
      select.setString(1, storyId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entities.add(
              new StoryDetail.Entity(
                  rows.getString("name"),
                  EntityType.valueOf(rows.getString("entity_type")),
                  rows.getInt("article_count"),
                  rows.getInt("mention_count")));
        }
      }
    }
    return entities;
  }

  private static List<StoryDetail.FigureGroup> figureGroups(Connection connection, String storyId)
      throws SQLException {
    Map<Integer, List<StoryDetail.FigureValue>> values = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement(SELECT_FIGURE_VALUES)) {
      select.setString(1, storyId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          values
              .computeIfAbsent(rows.getInt("group_index"), g -> new ArrayList<>())
              .add(
                  new StoryDetail.FigureValue(
                      rows.getString("article_id"),
                      rows.getString("source"),
                      FigureQualifier.valueOf(rows.getString("qualifier")),
                      nullableDouble(rows, "low_value"),
                      nullableDouble(rows, "upper_value"),
                      rows.getString("figure_date"),
                      rows.getString("figure_text"),
                      rows.getString("sentence")));
        }
      }
    }
    List<StoryDetail.FigureGroup> groups = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(SELECT_FIGURE_GROUPS)) {
      select.setString(1, storyId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          groups.add(
              new StoryDetail.FigureGroup(
                  FigureKind.valueOf(rows.getString("kind")),
                  rows.getString("unit"),
                  rows.getString("label"),
                  rows.getBoolean("conflicting"),
                  values.getOrDefault(rows.getInt("group_index"), List.of())));
        }
      }
    }
    return groups;
  }

  private static List<String> strings(Connection connection, String sql, String storyId)
      throws SQLException {
    List<String> strings = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, storyId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          strings.add(rows.getString(1));
        }
      }
    }
    return strings;
  }

  /** The sources of each listed story, in the clusterer's order. */
  private static Map<String, List<String>> sources(Connection connection, List<Row> rows)
      throws SQLException {
    Map<String, List<String>> sources = new LinkedHashMap<>();
    for (int from = 0; from < rows.size(); from += StoryWriter.LOOKUP_CHUNK) {
      List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + StoryWriter.LOOKUP_CHUNK));
      String sql =
          "SELECT story_id, source FROM story_sources WHERE story_id IN ("
              + String.join(", ", Collections.nCopies(chunk.size(), "?"))
              + ") ORDER BY story_id, ordinal";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          select.setString(i + 1, chunk.get(i).storyId);
        }
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            sources.computeIfAbsent(result.getString(1), id -> new ArrayList<>())
                .add(result.getString(2));
          }
        }
      }
    }
    return sources;
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    return Instant.ofEpochMilli(rows.getLong(column));
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    return Instant.ofEpochMilli(rows.getLong(column));
  }

  private static Double nullableDouble(ResultSet rows, String column) throws SQLException {
    double value = rows.getDouble(column);
    return rows.wasNull() ? null : value;
  }

  private record Row(
      String storyId,
      String headline,
      int articleCount,
      Instant firstPublished,
      Instant lastPublished) {}
}
