package dev.storyline.sink;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link StoryDigest}s of the stories a writer stored most recently, least recently used
 * evicted beyond a capacity. An entry describes rows that are committed in the database; a
 * missing entry only means the story is written afresh. Not thread-safe: one writer's thread.
 */
final class WrittenStories {

  private final int capacity;
  private final LinkedHashMap<String, StoryDigest> digests;

  /** @param capacity stories remembered; 0 remembers none */
  WrittenStories(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    this.digests =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, StoryDigest> eldest) {
            return size() > WrittenStories.this.capacity;
          }
        };
  }

  /** The digest of the story's stored rows, when remembered. */
  StoryDigest get(String storyId) {
    return digests.get(storyId);
  }

  /** Remembers digests of committed rows. */
  void putAll(Map<String, StoryDigest> committed) {
    if (capacity > 0) {
      digests.putAll(committed);
    }
  }

  void forget(Collection<String> storyIds) {
    storyIds.forEach(digests::remove);
  }

  void clear() {
    digests.clear();
  }

  int size() {
    return digests.size();
  }
}
