/**
 * The Storyline Kafka Streams app: the enrichment stage
 * ({@link dev.storyline.enrich.EnrichmentTopology}) turns {@code Article}s into {@code EnrichedArticle}s, the clustering stage
 * ({@link dev.storyline.enrich.ClusteringTopology}) groups them into {@code StoryCluster}s, and
 * {@link dev.storyline.enrich.EnrichApp} / {@link dev.storyline.enrich.EnrichService} configure and
 * run both in one Streams application.
 *
 * <p>Enrichment is {@link dev.storyline.enrich.NlpEnricher}: {@link dev.storyline.enrich.LanguageDetector}
 * (OpenNLP), {@link dev.storyline.enrich.EntityRecognizer} ({@link dev.storyline.enrich.CoreNlpRecognizer}),
 * {@link dev.storyline.enrich.DocumentConsistency} and {@link dev.storyline.enrich.EntityCanonicalizer}
 * for entities, {@link dev.storyline.enrich.FigureExtractor} for figures; {@link dev.storyline.enrich.EntityEvaluation}
 * and {@link dev.storyline.enrich.FigureEvaluation} score them on external data.
 */
package dev.storyline.enrich;
