package dev.storyline.enrich;

/**
 * Finds named-entity mentions (people, organisations, places, misc) in a text. Implementations
 * are shared by all stream threads of a JVM, so they must be thread-safe.
 */
public interface EntityRecognizer {

  /**
   * The mentions in {@code text}, sentence-level tagger output without any document-level repair
   * (that is {@link DocumentConsistency}'s job).
   *
   * @throws EnrichmentBudgetExceededException when the text cannot be tagged within the
   *     recognizer's time budget
   */
  Recognition recognize(String text);

  /** A description of the model and settings, part of the enricher version stamp. */
  String describe();
}
