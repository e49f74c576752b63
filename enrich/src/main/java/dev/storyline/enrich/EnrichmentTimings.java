package dev.storyline.enrich;

/**
 * Nanoseconds {@link NlpEnricher} spent per stage, summed over the articles it enriched with this
 * object: what {@code storyline bench enrich} prints to show where the time goes next to raw
 * CoreNLP. Not thread-safe: one per benchmarking thread.
 */
public final class EnrichmentTimings {

  /** The stages, in the order the enricher runs them. */
  public enum Stage {
    /** Language detection. */
    LANGUAGE,
    /** Segmented CoreNLP tagging with the guard rails. */
    NER,
    /** Acronym definitions, document-level repairs and canonical names. */
    REPAIRS,
    /** Figure extraction. */
    FIGURES,
    /** Content hash and MinHash signature. */
    FINGERPRINTS,
    /** The record itself and whatever falls between the stages. */
    OTHER
  }

  private final long[] nanos = new long[Stage.values().length];
  private long articles;

  void add(Stage stage, long elapsedNanos) {
    nanos[stage.ordinal()] += elapsedNanos;
  }

  void countArticle() {
    articles++;
  }

  /** Nanoseconds spent in {@code stage} so far. */
  public long nanos(Stage stage) {
    return nanos[stage.ordinal()];
  }

  /** Nanoseconds spent in all stages so far. */
  public long totalNanos() {
    long total = 0;
    for (long n : nanos) {
      total += n;
    }
    return total;
  }

  /** Articles enriched with these timings. */
  public long articles() {
    return articles;
  }

  /** Back to zero, for the next measurement. */
  public void reset() {
    java.util.Arrays.fill(nanos, 0);
    articles = 0;
  }
}
