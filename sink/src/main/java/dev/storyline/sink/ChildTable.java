package dev.storyline.sink;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The tables holding a story's child rows, in insert order (parents before children): their
 * columns, which of them form the primary key, and the statements that insert, update and
 * delete rows by that key on each database product.
 *
 * <p>A row is an {@code Object[]} with one value per column in the order declared here, the
 * story id first, then the rest of the key: {@code String} (text), {@code Integer} (int4),
 * {@code Long} (int8), {@code Double} (float8), {@code Boolean} (bool) or null.
 */
enum ChildTable {
  SOURCES("story_sources", 1, "story_id text", "ordinal int4", "source text"),
  ARTICLES("story_articles", 1, "story_id text", "article_id text", "ordinal int4", "source text",
      "title text", "url text", "published int8", "duplicate_of text"),
  ENTITIES("story_entities", 1, "story_id text", "ordinal int4", "name text", "entity_type text",
      "article_count int4", "mention_count int4"),
  FIGURE_GROUPS("story_figure_groups", 1, "story_id text", "group_index int4", "kind text",
      "unit text", "label text", "conflicting bool"),
  FIGURE_VALUES("story_figure_values", 2, "story_id text", "group_index int4", "report_index int4",
      "article_id text", "source text", "qualifier text", "low_value float8",
      "upper_value float8", "figure_date text", "figure_text text", "sentence text");

  /** The tables in delete order: children of children first, for the foreign keys. */
  static final List<ChildTable> DELETE_ORDER = reversed();

  private final String table;
  /** Key columns after the story id. */
  private final int keyColumns;
  private final String[] names;
  /** PostgreSQL array element types. */
  private final String[] types;

  ChildTable(String table, int keyColumns, String... columns) {
    this.table = table;
    this.keyColumns = keyColumns;
    this.names = new String[columns.length];
    this.types = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      String[] nameAndType = columns[i].split(" ");
      names[i] = nameAndType[0];
      types[i] = nameAndType[1];
    }
  }

  private static List<ChildTable> reversed() {
    List<ChildTable> tables = new ArrayList<>(List.of(values()));
    Collections.reverse(tables);
    return List.copyOf(tables);
  }

  String table() {
    return table;
  }

  int columns() {
    return names.length;
  }

  /** Columns of the primary key, the story id included. */
  int keyLength() {
    return 1 + keyColumns;
  }

  /** PostgreSQL array element type of column {@code i}. */
  String type(int i) {
    return types[i];
  }

  /** The JDBC type to bind a null of column {@code i} with. */
  int sqlType(int i) {
    return switch (types[i]) {
      case "text" -> Types.VARCHAR;
      case "int4" -> Types.INTEGER;
      case "int8" -> Types.BIGINT;
      case "float8" -> Types.DOUBLE;
      case "bool" -> Types.BOOLEAN;
      default -> throw new IllegalStateException("unknown column type " + types[i]);
    };
  }

  /**
   * The key of a row within its story: the one key column's value, or for two integer key
   * columns both packed into a {@code Long}.
   */
  Object rowKey(Object[] row) {
    if (keyColumns == 1) {
      return row[1];
    }
    return ((long) (Integer) row[1] << 32) | ((Integer) row[2] & 0xFFFF_FFFFL);
  }

  /** {@code INSERT} of one row (SQLite, batched). */
  String insertRow() {
    return "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
        + String.join(", ", Collections.nCopies(names.length, "?")) + ")";
  }

  /** {@code INSERT} of every row given as one array per column (PostgreSQL). */
  String insertArrays() {
    return "INSERT INTO " + table + " (" + String.join(", ", names) + ") SELECT * FROM unnest("
        + arrayParameters(names.length) + ")";
  }

  /** {@code UPDATE} of one row's value columns by its key: values first, then the key. */
  String updateRow() {
    List<String> sets = new ArrayList<>();
    for (int i = keyLength(); i < names.length; i++) {
      sets.add(names[i] + " = ?");
    }
    return "UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE " + keyMatch(null);
  }

  /**
   * {@code UPDATE} of every row given as one array per column, all columns in table order
   * (PostgreSQL).
   */
  String updateArrays() {
    List<String> sets = new ArrayList<>();
    for (int i = keyLength(); i < names.length; i++) {
      sets.add(names[i] + " = u." + names[i]);
    }
    return "UPDATE " + table + " AS t SET " + String.join(", ", sets) + " FROM unnest("
        + arrayParameters(names.length) + ") AS u (" + String.join(", ", names) + ") WHERE "
        + keyMatch("u");
  }

  /** {@code DELETE} of one row by its key. */
  String deleteRow() {
    return "DELETE FROM " + table + " WHERE " + keyMatch(null);
  }

  /** {@code DELETE} of every row whose key is given as one array per key column (PostgreSQL). */
  String deleteArrays() {
    List<String> keyNames = List.of(names).subList(0, keyLength());
    return "DELETE FROM " + table + " AS t USING unnest(" + arrayParameters(keyLength())
        + ") AS u (" + String.join(", ", keyNames) + ") WHERE " + keyMatch("u");
  }

  private String arrayParameters(int count) {
    StringBuilder parameters = new StringBuilder();
    for (int i = 0; i < count; i++) {
      parameters.append(i == 0 ? "" : ", ").append("?::").append(types[i]).append("[]");
    }
    return parameters.toString();
  }

  /** {@code k = ?} per key column, or {@code t.k = alias.k} when an alias is given. */
  private String keyMatch(String alias) {
    List<String> match = new ArrayList<>();
    for (int i = 0; i < keyLength(); i++) {
      match.add(alias == null ? names[i] + " = ?" : "t." + names[i] + " = " + alias + "." + names[i]);
    }
    return String.join(" AND ", match);
  }
}
