package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A {@link StoryBook} over the clustering processor's state stores: stories by story id in
 * {@value ClusteringTopology#STORY_STORE}, member articles by article id in
 * {@value ClusteringTopology#MEMBER_STORE}.
 */
final class StoreStoryBook implements StoryBook {

  private final KeyValueStore<String, StoryCluster> stories;
  private final KeyValueStore<String, EnrichedArticle> members;

  StoreStoryBook(
      KeyValueStore<String, StoryCluster> stories, KeyValueStore<String, EnrichedArticle> members) {
    this.stories = stories;
    this.members = members;
  }

  @Override
  public Optional<StoryCluster> story(String storyId) {
    return Optional.ofNullable(stories.get(storyId));
  }

  @Override
  public Optional<EnrichedArticle> member(String articleId) {
    return Optional.ofNullable(members.get(articleId));
  }

  @Override
  public void putStory(StoryCluster story) {
    stories.put(story.getStoryId(), story);
  }

  @Override
  public void putMember(EnrichedArticle article) {
    members.put(article.getArticle().getId(), article);
  }

  @Override
  public void removeStory(String storyId) {
    stories.delete(storyId);
  }

  @Override
  public void removeMember(String articleId) {
    members.delete(articleId);
  }

  @Override
  public void forEachStory(Consumer<StoryCluster> action) {
    try (KeyValueIterator<String, StoryCluster> all = stories.all()) {
      all.forEachRemaining(entry -> action.accept(entry.value));
    }
  }
}
