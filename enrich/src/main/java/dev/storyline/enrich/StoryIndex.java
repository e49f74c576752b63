package dev.storyline.enrich;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * In-memory index over the open stories of a {@link StoryBook}: each story's centroid (the sum of
 * its members' term vectors) and which story each article belongs to. It is derived state,
 * rebuilt from the book whenever a {@link StoryClusterer} is created, so it never has to be
 * restored on its own.
 */
final class StoryIndex {

  /** Sorted by story id, so ties in similarity go to the lowest id, deterministically. */
  private final Map<String, TermVector> centroids = new TreeMap<>();

  private final Map<String, String> storyByArticle = new HashMap<>();

  static StoryIndex rebuild(StoryBook book) {
    StoryIndex index = new StoryIndex();
    book.forEachStory(
        story ->
            story
                .getMembers()
                .forEach(
                    member -> {
                      String articleId = member.getArticleId();
                      TermVector vector =
                          book.member(articleId)
                              .map(StoryClusterer::termVector)
                              .orElseThrow(
                                  () ->
                                      new IllegalStateException(
                                          "story " + story.getStoryId() + " lists member "
                                              + articleId + " that is not in the member store"));
                      index.add(story.getStoryId(), articleId, vector);
                    }));
    return index;
  }

  Optional<String> storyOf(String articleId) {
    return Optional.ofNullable(storyByArticle.get(articleId));
  }

  /** The story whose centroid is most similar to {@code vector}, if any reaches the threshold. */
  Optional<String> mostSimilar(TermVector vector, double threshold) {
    String best = null;
    double bestSimilarity = 0.0;
    for (Map.Entry<String, TermVector> entry : centroids.entrySet()) {
      double similarity = entry.getValue().cosine(vector);
      if (similarity >= threshold && (best == null || similarity > bestSimilarity)) {
        best = entry.getKey();
        bestSimilarity = similarity;
      }
    }
    return Optional.ofNullable(best);
  }

  void add(String storyId, String articleId, TermVector vector) {
    centroids.merge(storyId, vector, TermVector::plus);
    storyByArticle.put(articleId, storyId);
  }

  /** Swaps one member's vector for its new one (the article was sent again). */
  void replace(String storyId, TermVector oldVector, TermVector newVector) {
    centroids.merge(storyId, newVector, (centroid, v) -> centroid.minus(oldVector).plus(v));
  }
}
