package dev.storyline.sink;

/**
 * A seeded 64-bit hash of a row's column values, to tell whether a stored row changed between two
 * versions of a story without keeping the row.
 *
 * <p>Two different rows hash alike with a probability of about 2<sup>-64</sup>; such a changed
 * row would be left as it was. The seed is chosen per writer (random in production), so text
 * crafted to collide under one seed does not collide under another.
 */
final class RowHasher {

  private static final long MULTIPLIER = 0x9E37_79B9_7F4A_7C15L;
  private static final long NULL = 0x5BD1_E995_6A09_E667L;

  private final long seed;

  RowHasher(long seed) {
    this.seed = seed;
  }

  /** The hash of {@code row[from..]}. */
  long hash(Object[] row, int from) {
    long h = seed ^ (row.length - from);
    for (int i = from; i < row.length; i++) {
      h = mix(h * MULTIPLIER + valueHash(row[i]));
    }
    return h;
  }

  private long valueHash(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof String text) {
      long h = seed + text.length();
      for (int i = 0; i < text.length(); i++) {
        h = (h ^ text.charAt(i)) * 0x0000_0100_0000_01B3L;
      }
      return mix(h);
    }
    if (value instanceof Double number) {
      return mix(Double.doubleToLongBits(number) ^ seed);
    }
    if (value instanceof Number number) {
      return mix(number.longValue() ^ seed);
    }
    if (value instanceof Boolean flag) {
      return flag ? 0x2545_F491_4F6C_DD1DL : 0x1B87_3593_CC9E_2D51L;
    }
    throw new IllegalArgumentException("no hash for a column value of " + value.getClass());
  }

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return h;
  }
}
