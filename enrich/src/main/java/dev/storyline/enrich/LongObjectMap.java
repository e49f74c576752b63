package dev.storyline.enrich;

/**
 * A map from {@code long} keys to non-null values, by open addressing (linear probing, deletion
 * by shifting back): no boxed key and no node per entry. The {@link DuplicateDetector} keeps its
 * band keys (hashes) in one and reads, puts and removes some 40 of them per article; a {@code
 * HashMap<Long, ...>} there cost a boxed key and a pointer chase per band. Iteration is not
 * offered, so no result can depend on an order. Not thread-safe.
 *
 * @param <V> the values
 */
final class LongObjectMap<V> {

  private long[] keys;
  /** Null where the place is free. */
  private Object[] values;
  private int size;
  private int mask;

  LongObjectMap() {
    allocate(16);
  }

  int size() {
    return size;
  }

  /** The key's value, or null. */
  @SuppressWarnings("unchecked")
  V get(long key) {
    for (int at = home(key); ; at = (at + 1) & mask) {
      Object value = values[at];
      if (value == null) {
        return null;
      }
      if (keys[at] == key) {
        return (V) value;
      }
    }
  }

  /** Sets the key's value (non-null), replacing any value it had. */
  void put(long key, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value for key " + key);
    }
    int at = home(key);
    for (; values[at] != null; at = (at + 1) & mask) {
      if (keys[at] == key) {
        values[at] = value;
        return;
      }
    }
    keys[at] = key;
    values[at] = value;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  /** Removes the key, if it is in the map. */
  void remove(long key) {
    int at = home(key);
    while (values[at] == null || keys[at] != key) {
      if (values[at] == null) {
        return;
      }
      at = (at + 1) & mask;
    }
    // Shift back the entries after it whose probe passed through its place.
    int gap = at;
    for (int next = (gap + 1) & mask; values[next] != null; next = (next + 1) & mask) {
      int home = home(keys[next]);
      if (((next - home) & mask) >= ((next - gap) & mask)) {
        keys[gap] = keys[next];
        values[gap] = values[next];
        gap = next;
      }
    }
    values[gap] = null;
    size--;
  }

  private int home(long key) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ (mixed >>> 32)) & mask;
  }

  @SuppressWarnings("unchecked")
  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    allocate(oldKeys.length * 2);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null) {
        put(oldKeys[i], (V) oldValues[i]);
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
  }
}
