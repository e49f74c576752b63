package dev.storyline.sink;

import java.time.Instant;
import java.util.List;

/**
 * One line of the story list.
 *
 * @param storyId stable story id
 * @param headline title of the story's most representative article
 * @param articleCount members of the story, syndicated copies included
 * @param sources outlets that covered it, in the clusterer's (sorted) order
 * @param firstPublished earliest publication time among the members
 * @param lastPublished latest publication time among the members
 */
public record StorySummary(
    String storyId,
    String headline,
    int articleCount,
    List<String> sources,
    Instant firstPublished,
    Instant lastPublished) {

  public StorySummary {
    sources = List.copyOf(sources);
  }
}
