package dev.storyline.sink;

import dev.storyline.avro.FigureGroup;
import dev.storyline.avro.FigureReport;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryEntity;
import dev.storyline.avro.StoryMember;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The child rows of one story version, per {@link ChildTable}, exactly as the writer stores them
 * (text through {@link StoryWriter#text}, times as epoch milliseconds, enums by name).
 */
final class StoryRows {

  private final String storyId;
  private final Map<ChildTable, List<Object[]>> rows;

  private StoryRows(String storyId, Map<ChildTable, List<Object[]>> rows) {
    this.storyId = storyId;
    this.rows = rows;
  }

  static StoryRows of(StoryCluster story) {
    String storyId = StoryWriter.text(story.getStoryId());
    Map<ChildTable, List<Object[]>> rows = new EnumMap<>(ChildTable.class);
    List<Object[]> sources = new ArrayList<>(story.getSources().size());
    List<String> sourceNames = story.getSources();
    for (int i = 0; i < sourceNames.size(); i++) {
      sources.add(new Object[] {storyId, i, StoryWriter.text(sourceNames.get(i))});
    }
    rows.put(ChildTable.SOURCES, sources);

    List<StoryMember> members = story.getMembers();
    List<Object[]> articles = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      StoryMember m = members.get(i);
      articles.add(new Object[] {storyId, StoryWriter.text(m.getArticleId()), i,
          StoryWriter.text(m.getSource()), StoryWriter.text(m.getTitle()), nullableText(m.getUrl()),
          m.getPublished().toEpochMilli(), nullableText(m.getDuplicateOf())});
    }
    rows.put(ChildTable.ARTICLES, articles);

    List<StoryEntity> storyEntities = story.getEntities();
    List<Object[]> entities = new ArrayList<>(storyEntities.size());
    for (int i = 0; i < storyEntities.size(); i++) {
      StoryEntity e = storyEntities.get(i);
      entities.add(new Object[] {storyId, i, StoryWriter.text(e.getName()), e.getType().name(),
          e.getArticleCount(), e.getMentionCount()});
    }
    rows.put(ChildTable.ENTITIES, entities);

    List<FigureGroup> figureGroups = story.getFigureGroups();
    List<Object[]> groups = new ArrayList<>(figureGroups.size());
    List<Object[]> values = new ArrayList<>();
    for (int g = 0; g < figureGroups.size(); g++) {
      FigureGroup group = figureGroups.get(g);
      groups.add(new Object[] {storyId, g, group.getKind().name(), nullableText(group.getUnit()),
          StoryWriter.text(group.getLabel()), group.getConflicting()});
      List<FigureReport> reports = group.getReports();
      for (int r = 0; r < reports.size(); r++) {
        FigureReport report = reports.get(r);
        values.add(new Object[] {storyId, g, r, StoryWriter.text(report.getArticleId()),
            StoryWriter.text(report.getSource()), report.getQualifier().name(), report.getValue(),
            report.getUpperValue(), nullableText(report.getDate()),
            StoryWriter.text(report.getText()), StoryWriter.text(report.getSentence())});
      }
    }
    rows.put(ChildTable.FIGURE_GROUPS, groups);
    rows.put(ChildTable.FIGURE_VALUES, values);
    return new StoryRows(storyId, rows);
  }

  private static String nullableText(String value) {
    return value == null ? null : StoryWriter.text(value);
  }

  /** The story id as stored. */
  String storyId() {
    return storyId;
  }

  List<Object[]> rows(ChildTable table) {
    return rows.get(table);
  }

  /** Number of child rows over all tables. */
  int size() {
    int size = 0;
    for (List<Object[]> tableRows : rows.values()) {
      size += tableRows.size();
    }
    return size;
  }

  /** What the writer remembers of these rows once stored as version {@code version}. */
  StoryDigest digest(long version, RowHasher hasher) {
    ChildTable[] tables = ChildTable.values();
    Object[][] keys = new Object[tables.length][];
    long[][] hashes = new long[tables.length][];
    for (ChildTable table : tables) {
      List<Object[]> tableRows = rows.get(table);
      Object[] tableKeys = new Object[tableRows.size()];
      long[] tableHashes = new long[tableRows.size()];
      for (int i = 0; i < tableRows.size(); i++) {
        Object[] row = tableRows.get(i);
        tableKeys[i] = table.rowKey(row);
        tableHashes[i] = hasher.hash(row, table.keyLength());
      }
      keys[table.ordinal()] = tableKeys;
      hashes[table.ordinal()] = tableHashes;
    }
    return new StoryDigest(version, keys, hashes);
  }
}
