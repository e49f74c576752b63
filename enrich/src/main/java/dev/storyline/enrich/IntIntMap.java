package dev.storyline.enrich;

import java.util.Arrays;

/**
 * A map from non-negative {@code int} keys to {@code int} values, by open addressing (linear
 * probing, deletion by shifting back): keys and values sit in two arrays, so a lookup reads one or
 * two cache lines and no boxed key, node or key object. The {@link StoryIndex} finds a term's
 * weight in a story's centroid with one (term number to place in the centroid's arrays) on every
 * term of every article it adds; a {@code HashMap} there cost a pointer chase per entry and per
 * key. Iteration is not offered, so no result can depend on an order. Not thread-safe.
 */
final class IntIntMap {

  /** Returned by {@link #get} for a key that is not in the map. */
  static final int MISSING = -1;

  private static final int FREE = -1;

  private int[] keys;
  private int[] values;
  private int size;
  private int mask;

  IntIntMap() {
    this(8);
  }

  /** A map that holds {@code expected} keys before it grows. */
  IntIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) * 2;
    allocate(capacity);
  }

  int size() {
    return size;
  }

  /** The key's value, or {@link #MISSING}. */
  int get(int key) {
    for (int at = home(key); ; at = (at + 1) & mask) {
      int held = keys[at];
      if (held == key) {
        return values[at];
      }
      if (held == FREE) {
        return MISSING;
      }
    }
  }

  /** Sets the key's value (a non-negative key), replacing any value it had. */
  void put(int key, int value) {
    if (key < 0) {
      throw new IllegalArgumentException("negative key " + key);
    }
    int at = home(key);
    while (keys[at] != FREE) {
      if (keys[at] == key) {
        values[at] = value;
        return;
      }
      at = (at + 1) & mask;
    }
    keys[at] = key;
    values[at] = value;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  /** Removes the key, if it is in the map. */
  void remove(int key) {
    int at = home(key);
    while (keys[at] != key) {
      if (keys[at] == FREE) {
        return;
      }
      at = (at + 1) & mask;
    }
    // Shift back the entries after it whose probe passed through its place.
    int gap = at;
    for (int next = (gap + 1) & mask; keys[next] != FREE; next = (next + 1) & mask) {
      int home = home(keys[next]);
      if (((next - home) & mask) >= ((next - gap) & mask)) {
        keys[gap] = keys[next];
        values[gap] = values[next];
        gap = next;
      }
    }
    keys[gap] = FREE;
    size--;
  }

  private int home(int key) {
    int mixed = key * 0x9E3779B9;
    return (mixed ^ (mixed >>> 16)) & mask;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    allocate(oldKeys.length * 2);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != FREE) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private void allocate(int capacity) {
    keys = new int[capacity];
    Arrays.fill(keys, FREE);
    values = new int[capacity];
    mask = capacity - 1;
  }
}
