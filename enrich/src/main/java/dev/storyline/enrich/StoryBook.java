package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the {@link StoryClusterer} keeps open stories and their member articles. The clustering
 * processor backs it with its state stores; tests and offline evaluation use
 * {@link InMemoryStoryBook}. Closed stories and their members are removed; which story each member
 * was in is remembered for {@link ClusteringSettings#closedMemory()} after the story closed.
 */
public interface StoryBook {

  Optional<StoryCluster> story(String storyId);

  /** A member article, by article id. */
  Optional<EnrichedArticle> member(String articleId);

  void putStory(StoryCluster story);

  /** Stores (or replaces) a member article under its article id. */
  void putMember(EnrichedArticle article);

  void removeStory(String storyId);

  void removeMember(String articleId);

  /** Every open story, in no particular order. */
  void forEachStory(Consumer<StoryCluster> action);

  /** What is remembered of an article whose story closed, by article id. */
  Optional<ClosedMember> closedMember(String articleId);

  /** Remembers an article of a story that closed. */
  void putClosedMember(String articleId, ClosedMember member);

  /** Forgets every closed member whose story closed before {@code time}. */
  void forgetClosedBefore(Instant time);
}
