package dev.storyline.enrich;

import java.util.Map;

/**
 * Settings of the story clusterer. Part of the clusterer version, so story states produced with
 * different settings can be told apart after a replay.
 *
 * @param similarityThreshold least cosine similarity between an article's term vector and a
 *     story's centroid for the article to join that story, in (0, 1]
 */
public record ClusteringSettings(double similarityThreshold) {

  public static final String SIMILARITY_THRESHOLD_CONFIG = "storyline.cluster.similarity-threshold";

  public static final ClusteringSettings DEFAULTS = new ClusteringSettings(0.3);

  public ClusteringSettings {
    if (!(similarityThreshold > 0.0 && similarityThreshold <= 1.0)) {
      throw new IllegalArgumentException(
          SIMILARITY_THRESHOLD_CONFIG + ": " + similarityThreshold + " must be in (0, 1]");
    }
  }

  /** Settings from configuration; absent keys take the {@link #DEFAULTS}. */
  public static ClusteringSettings fromConfig(Map<?, ?> config) {
    Object threshold = config.get(SIMILARITY_THRESHOLD_CONFIG);
    if (threshold == null) {
      return DEFAULTS;
    }
    try {
      return new ClusteringSettings(Double.parseDouble(threshold.toString().strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SIMILARITY_THRESHOLD_CONFIG + ": '" + threshold + "' is not a number", e);
    }
  }

  /** Canonical description, hashed into the clusterer version. */
  public String describe() {
    return "tf-cosine;stopwords=" + StopWords.ENGLISH_VERSION + ";threshold=" + similarityThreshold;
  }
}
