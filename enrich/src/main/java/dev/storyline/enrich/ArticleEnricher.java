package dev.storyline.enrich;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;

/**
 * Turns one article into its enriched form. The enrichment topology calls it once per article,
 * possibly from several stream threads at once, so implementations must be thread-safe. An
 * exception means this article cannot be enriched: the topology sends it to the rejected topic
 * with the exception's message and carries on.
 */
public interface ArticleEnricher {

  /** The enriched article; never null. */
  EnrichedArticle enrich(Article article);
}
