package dev.storyline.sink;

/**
 * What the writer remembers of a story's child rows as it stored them: the story version, and per
 * {@link ChildTable} (indexed by its ordinal) each row's key within the story and a 64-bit hash
 * of its other columns, in row order. About 30 bytes per row plus the article ids, instead of the
 * rows themselves.
 *
 * @param version the story version these rows belong to
 * @param keys per table, each row's {@link ChildTable#rowKey}
 * @param hashes per table, each row's {@link RowHasher#hash} of its non-key columns
 */
record StoryDigest(long version, Object[][] keys, long[][] hashes) {

  Object[] keys(ChildTable table) {
    return keys[table.ordinal()];
  }

  long[] hashes(ChildTable table) {
    return hashes[table.ordinal()];
  }
}
