package dev.storyline.enrich;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A term-frequency vector: how often each word occurs in a text, after
 * {@link TextNormalizer normalisation}, without {@link StopWords} and one-character tokens. Story
 * centroids are sums of their members' vectors. Counts are integers, so dot products and norms
 * are exact and similarity does not depend on iteration order. Immutable.
 *
 * <p>The terms are held in the order they first occur (title, body, then the extra terms), in two
 * arrays the similarity loops read in sequence: an article's terms are gone over several times per
 * article, and every article is counted, so the counting uses flat arrays and an open-addressing
 * table rather than a map of boxed counts.
 */
public final class TermVector {

  private static final TermVector EMPTY = new TermVector(new String[0], new int[0]);

  /**
   * The terms and their counts, in the order their sums are taken in; the same for the same
   * text, term for term.
   */
  private final String[] termArray;
  private final int[] countArray;
  private final long squaredNorm;
  /** The counts by term, made when first asked for (only for reading and tests). */
  private Map<String, Integer> counts;

  private TermVector(String[] terms, int[] counts) {
    this.termArray = terms;
    this.countArray = counts;
    long sum = 0;
    for (int count : counts) {
      sum += (long) count * count;
    }
    this.squaredNorm = sum;
  }

  public static TermVector empty() {
    return EMPTY;
  }

  /** The vector of a text. */
  public static TermVector of(String text) {
    Counter counter = new Counter(text.length() / 6 + 1);
    counter.addWords(text, 1);
    return counter.vector();
  }

  /**
   * The vector of an article: each word of the title counts {@code titleBoost} times, each word
   * of the body once, and each extra term (entity names) once.
   */
  public static TermVector of(String title, String body, int titleBoost, List<String> extraTerms) {
    Counter counter =
        new Counter((title.length() + body.length()) / 6 + 2 + extraTerms.size());
    counter.addWords(title, titleBoost);
    counter.addWords(body, 1);
    for (String term : extraTerms) {
      counter.add(term, 1);
    }
    return counter.vector();
  }

  /**
   * Counts words: the terms and their counts in the order the terms first occur, found through an
   * open-addressing table of their places (linear probing, at most half full), so a word costs a
   * probe and no boxed count or map entry, and the vector's order is the text's, whatever the
   * table's size.
   */
  static final class Counter {
    private String[] terms;
    private int[] hashes;
    private int[] counts;
    private int size;
    /** Per slot: 1 + the place of the term in {@code terms}, or 0 when the slot is free. */
    private int[] table;

    /** A counter for about {@code expected} distinct words (more grow it). */
    Counter(int expected) {
      int places = Math.max(8, expected);
      terms = new String[places];
      hashes = new int[places];
      counts = new int[places];
      table = new int[Integer.highestOneBit(2 * places - 1) << 1];
    }

    /** Counts the words {@link TextNormalizer#words} gives, but not stop words or single letters. */
    void addWords(String text, int weight) {
      TextNormalizer.forEachWord(text, 2, word -> {
        if (!StopWords.ENGLISH.contains(word)) {
          add(word, weight);
        }
      });
    }

    void add(String term, int weight) {
      int hash = term.hashCode();
      int mask = table.length - 1;
      int at = spread(hash) & mask;
      for (int place = table[at]; place != 0; place = table[at]) {
        if (hashes[place - 1] == hash && terms[place - 1].equals(term)) {
          counts[place - 1] += weight;
          return;
        }
        at = (at + 1) & mask;
      }
      if (size == terms.length) {
        terms = Arrays.copyOf(terms, 2 * size);
        hashes = Arrays.copyOf(hashes, 2 * size);
        counts = Arrays.copyOf(counts, 2 * size);
      }
      terms[size] = term;
      hashes[size] = hash;
      counts[size] = weight;
      table[at] = ++size;
      if (2 * size > table.length) {
        grow();
      }
    }

    /** Twice the slots, the terms' places put in again. */
    private void grow() {
      table = new int[table.length * 2];
      int mask = table.length - 1;
      for (int place = 0; place < size; place++) {
        int at = spread(hashes[place]) & mask;
        while (table[at] != 0) {
          at = (at + 1) & mask;
        }
        table[at] = place + 1;
      }
    }

    /** The counted terms, in the order they first occurred. */
    TermVector vector() {
      return size == 0
          ? EMPTY : new TermVector(Arrays.copyOf(terms, size), Arrays.copyOf(counts, size));
    }

    /** Mixes the high bits of a string hash into the low ones the mask keeps. */
    private static int spread(int hash) {
      int h = hash * 0x9E3779B9;
      return h ^ (h >>> 16);
    }
  }

  /**
   * The terms, unsorted, in one order that never changes (the order their sums are taken in):
   * for the similarity loops, which must not copy. Read-only.
   */
  String[] termArray() {
    return termArray;
  }

  /** The counts of {@link #termArray()}'s terms, in its order. Read-only. */
  int[] countArray() {
    return countArray;
  }

  /** Euclidean norm of the counts. */
  public double norm() {
    return Math.sqrt((double) squaredNorm);
  }

  /** Number of distinct terms. */
  public int size() {
    return termArray.length;
  }

  /** Element-wise sum. */
  public TermVector plus(TermVector other) {
    return combine(other, 1);
  }

  /** Element-wise difference; terms whose count drops to zero or below are removed. */
  public TermVector minus(TermVector other) {
    return combine(other, -1);
  }

  /** Cosine similarity in [0, 1]; 0 when either vector is empty. */
  public double cosine(TermVector other) {
    if (squaredNorm == 0 || other.squaredNorm == 0) {
      return 0.0;
    }
    Map<String, Integer> small = size() <= other.size() ? map() : other.map();
    Map<String, Integer> large = small == map() ? other.map() : map();
    long dot = 0;
    for (Map.Entry<String, Integer> e : small.entrySet()) {
      dot += (long) e.getValue() * large.getOrDefault(e.getKey(), 0);
    }
    return dot / Math.sqrt((double) squaredNorm * other.squaredNorm);
  }

  public int count(String term) {
    return map().getOrDefault(term, 0);
  }

  /** The counts, sorted by term, for reading and for tests. */
  public Map<String, Integer> counts() {
    return Collections.unmodifiableMap(new TreeMap<>(map()));
  }

  public boolean isEmpty() {
    return termArray.length == 0;
  }

  private Map<String, Integer> map() {
    if (counts == null) {
      Map<String, Integer> map = new HashMap<>();
      for (int i = 0; i < termArray.length; i++) {
        map.put(termArray[i], countArray[i]);
      }
      counts = Collections.unmodifiableMap(map);
    }
    return counts;
  }

  private TermVector combine(TermVector other, int sign) {
    Map<String, Integer> result = new TreeMap<>(map());
    other.map().forEach(
        (term, count) -> result.merge(term, sign * count, (a, b) -> a + b > 0 ? a + b : null));
    result.values().removeIf(c -> c <= 0);
    Counter counter = new Counter(result.size());
    result.forEach(counter::add);
    return counter.vector();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TermVector other && map().equals(other.map());
  }

  @Override
  public int hashCode() {
    return map().hashCode();
  }

  @Override
  public String toString() {
    return counts().toString();
  }
}
