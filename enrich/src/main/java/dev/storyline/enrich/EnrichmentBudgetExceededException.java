package dev.storyline.enrich;

/**
 * An article that would take longer to enrich than the per-article time budget. The enrichment
 * topology rejects it with this message rather than holding a stream thread past
 * {@code max.poll.interval.ms}.
 */
public final class EnrichmentBudgetExceededException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EnrichmentBudgetExceededException(String message) {
    super(message);
  }
}
