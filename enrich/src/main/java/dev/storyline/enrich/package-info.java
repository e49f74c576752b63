/**
 * The Storyline Kafka Streams app: the enrichment stage
 * ({@link dev.storyline.enrich.EnrichmentTopology}) turns {@code Article}s into {@code EnrichedArticle}s, the clustering stage
 * ({@link dev.storyline.enrich.ClusteringTopology}) groups them into {@code StoryCluster}s, and
 * {@link dev.storyline.enrich.EnrichApp} / {@link dev.storyline.enrich.EnrichService} configure and
 * run both in one Streams application.
 */
package dev.storyline.enrich;
