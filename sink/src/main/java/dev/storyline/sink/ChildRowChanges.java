package dev.storyline.sink;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The child-row statements of one transaction, per {@link ChildTable}: rows to insert, rows to
 * update by key and keys to delete. A story either contributes all its rows (written afresh) or
 * only the difference between the rows stored for its previous version, known from their
 * {@link StoryDigest}, and its new ones.
 */
final class ChildRowChanges {

  private final Map<ChildTable, List<Object[]>> inserts = new EnumMap<>(ChildTable.class);
  private final Map<ChildTable, List<Object[]>> updates = new EnumMap<>(ChildTable.class);
  private final Map<ChildTable, List<Object[]>> deletes = new EnumMap<>(ChildTable.class);

  ChildRowChanges() {
    for (ChildTable table : ChildTable.values()) {
      inserts.put(table, new ArrayList<>());
      updates.put(table, new ArrayList<>());
      deletes.put(table, new ArrayList<>());
    }
  }

  /** Inserts every row of a story that has none stored. */
  void insertAll(StoryRows story) {
    for (ChildTable table : ChildTable.values()) {
      inserts.get(table).addAll(story.rows(table));
    }
  }

  /**
   * Turns the stored rows described by {@code before} into {@code story}'s rows: inserts the rows
   * whose key is new, updates those whose other columns changed, deletes those whose key is gone.
   *
   * @param after the digest of {@code story}'s rows, with the same hasher as {@code before}
   */
  void change(StoryRows story, StoryDigest before, StoryDigest after) {
    for (ChildTable table : ChildTable.values()) {
      List<Object[]> rows = story.rows(table);
      Object[] oldKeys = before.keys(table);
      long[] oldHashes = before.hashes(table);
      Object[] newKeys = after.keys(table);
      long[] newHashes = after.hashes(table);
      boolean[] kept = new boolean[oldKeys.length];
      Map<Object, Integer> oldPositions = null;
      for (int i = 0; i < rows.size(); i++) {
        int old;
        if (i < oldKeys.length && oldKeys[i].equals(newKeys[i])) {
          old = i;
        } else {
          if (oldPositions == null) {
            oldPositions = positions(oldKeys);
          }
          old = oldPositions.getOrDefault(newKeys[i], -1);
        }
        if (old < 0) {
          inserts.get(table).add(rows.get(i));
        } else {
          kept[old] = true;
          if (oldHashes[old] != newHashes[i]) {
            updates.get(table).add(rows.get(i));
          }
        }
      }
      for (int old = 0; old < oldKeys.length; old++) {
        if (!kept[old]) {
          deletes.get(table).add(keyRow(table, story.storyId(), oldKeys[old]));
        }
      }
    }
  }

  private static Map<Object, Integer> positions(Object[] keys) {
    Map<Object, Integer> positions = new HashMap<>(keys.length * 2);
    for (int i = 0; i < keys.length; i++) {
      positions.put(keys[i], i);
    }
    return positions;
  }

  /** The key columns of a row, from its story id and {@link ChildTable#rowKey}. */
  private static Object[] keyRow(ChildTable table, String storyId, Object key) {
    if (table.keyLength() == 2) {
      return new Object[] {storyId, key};
    }
    long packed = (Long) key;
    return new Object[] {storyId, (int) (packed >>> 32), (int) packed};
  }

  List<Object[]> inserts(ChildTable table) {
    return inserts.get(table);
  }

  List<Object[]> updates(ChildTable table) {
    return updates.get(table);
  }

  /** Key columns (story id first) of the rows to delete. */
  List<Object[]> deletes(ChildTable table) {
    return deletes.get(table);
  }

  /** Rows inserted, updated and deleted over all tables. */
  int size() {
    int size = 0;
    for (ChildTable table : ChildTable.values()) {
      size += inserts.get(table).size() + updates.get(table).size() + deletes.get(table).size();
    }
    return size;
  }
}
