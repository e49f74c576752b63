package dev.storyline.enrich;

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
 */
public final class TermVector {

  private static final TermVector EMPTY = new TermVector(Map.of());

  private final Map<String, Integer> counts;
  private final long squaredNorm;
  /**
   * The terms and their counts in the map's order, read once: the similarity loops go over an
   * article's terms several times, and an array is read in sequence where the map's entries are
   * chased one pointer at a time.
   */
  private final String[] termArray;
  private final int[] countArray;

  private TermVector(Map<String, Integer> counts) {
    this.counts = counts;
    this.termArray = new String[counts.size()];
    this.countArray = new int[counts.size()];
    long sum = 0;
    int i = 0;
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      int count = entry.getValue();
      termArray[i] = entry.getKey();
      countArray[i] = count;
      sum += (long) count * count;
      i++;
    }
    this.squaredNorm = sum;
  }

  public static TermVector empty() {
    return EMPTY;
  }

  /** The vector of a text. */
  public static TermVector of(String text) {
    Map<String, Integer> counts = new HashMap<>();
    for (String word : TextNormalizer.words(text)) {
      if (word.length() > 1 && !StopWords.ENGLISH.contains(word)) {
        counts.merge(word, 1, Integer::sum);
      }
    }
    return counts.isEmpty() ? EMPTY : new TermVector(Collections.unmodifiableMap(counts));
  }

  /**
   * The vector of an article: each word of the title counts {@code titleBoost} times, each word
   * of the body once, and each extra term (entity names) once.
   */
  public static TermVector of(String title, String body, int titleBoost, List<String> extraTerms) {
    Map<String, Integer> counts = new HashMap<>();
    addWords(counts, title, titleBoost);
    addWords(counts, body, 1);
    extraTerms.forEach(term -> counts.merge(term, 1, Integer::sum));
    return counts.isEmpty() ? EMPTY : new TermVector(Collections.unmodifiableMap(counts));
  }

  private static void addWords(Map<String, Integer> counts, String text, int weight) {
    for (String word : TextNormalizer.words(text)) {
      if (word.length() > 1 && !StopWords.ENGLISH.contains(word)) {
        counts.merge(word, weight, Integer::sum);
      }
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
    return counts.size();
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
    Map<String, Integer> small = counts.size() <= other.counts.size() ? counts : other.counts;
    Map<String, Integer> large = small == counts ? other.counts : counts;
    long dot = 0;
    for (Map.Entry<String, Integer> e : small.entrySet()) {
      dot += (long) e.getValue() * large.getOrDefault(e.getKey(), 0);
    }
    return dot / Math.sqrt((double) squaredNorm * other.squaredNorm);
  }

  public int count(String term) {
    return counts.getOrDefault(term, 0);
  }

  /** The counts, sorted by term, for reading and for tests. */
  public Map<String, Integer> counts() {
    return Collections.unmodifiableMap(new TreeMap<>(counts));
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  private TermVector combine(TermVector other, int sign) {
    Map<String, Integer> result = new HashMap<>(counts);
    other.counts.forEach(
        (term, count) -> result.merge(term, sign * count, (a, b) -> a + b > 0 ? a + b : null));
    result.values().removeIf(c -> c <= 0);
    return result.isEmpty() ? EMPTY : new TermVector(Collections.unmodifiableMap(result));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TermVector other && counts.equals(other.counts);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  @Override
  public String toString() {
    return counts().toString();
  }
}
