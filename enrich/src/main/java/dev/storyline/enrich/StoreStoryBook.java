package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A {@link StoryBook} over the clustering processor's state stores: stories by story id in
 * {@value ClusteringTopology#STORY_STORE}, member articles by article id in
 * {@value ClusteringTopology#MEMBER_STORE}, and the members of closed stories in
 * {@value ClusteringTopology#CLOSED_STORE} under two kinds of key: {@code a:} and the article id
 * (what is remembered) and {@code t:}, the close time and the article id (so forgetting is a range
 * scan over the expired keys only, not over the whole store).
 *
 * <p>Story states are written behind: {@link #putStory} keeps the latest state of each story in
 * memory until {@link #writeStories}, which the processor calls at the end of every release of
 * held articles, in the same call and so the same exactly-once transaction. A story that several
 * released articles changed is encoded and stored once, not once per article; reads see the
 * unwritten states.
 */
final class StoreStoryBook implements StoryBook {

  private static final String ARTICLE_PREFIX = "a:";
  private static final String TIME_PREFIX = "t:";

  private final KeyValueStore<String, StoryCluster> stories;
  private final KeyValueStore<String, EnrichedArticle> members;
  private final KeyValueStore<String, String> closed;
  private final Map<String, StoryCluster> unwritten = new HashMap<>();

  StoreStoryBook(
      KeyValueStore<String, StoryCluster> stories,
      KeyValueStore<String, EnrichedArticle> members,
      KeyValueStore<String, String> closed) {
    this.stories = stories;
    this.members = members;
    this.closed = closed;
  }

  @Override
  public Optional<StoryCluster> story(String storyId) {
    StoryCluster latest = unwritten.get(storyId);
    return latest != null ? Optional.of(latest) : Optional.ofNullable(stories.get(storyId));
  }

  @Override
  public Optional<EnrichedArticle> member(String articleId) {
    return Optional.ofNullable(members.get(articleId));
  }

  @Override
  public void putStory(StoryCluster story) {
    unwritten.put(story.getStoryId(), story);
  }

  /** Writes the latest state of every story put since the last call to the story store. */
  void writeStories() {
    unwritten.forEach(stories::put);
    unwritten.clear();
  }

  @Override
  public void putMember(EnrichedArticle article) {
    members.put(article.getArticle().getId(), article);
  }

  @Override
  public void removeStory(String storyId) {
    unwritten.remove(storyId);
    stories.delete(storyId);
  }

  @Override
  public void removeMember(String articleId) {
    members.delete(articleId);
  }

  @Override
  public void forEachStory(Consumer<StoryCluster> action) {
    writeStories();
    try (KeyValueIterator<String, StoryCluster> all = stories.all()) {
      all.forEachRemaining(entry -> action.accept(entry.value));
    }
  }

  @Override
  public Optional<ClosedMember> closedMember(String articleId) {
    return Optional.ofNullable(closed.get(ARTICLE_PREFIX + articleId)).map(ClosedMember::decode);
  }

  @Override
  public void putClosedMember(String articleId, ClosedMember member) {
    String earlier = closed.get(ARTICLE_PREFIX + articleId);
    if (earlier != null) {
      closed.delete(timeKey(ClosedMember.decode(earlier).closedAt(), articleId));
    }
    closed.put(ARTICLE_PREFIX + articleId, member.encode());
    closed.put(timeKey(member.closedAt(), articleId), "");
  }

  @Override
  public void forgetClosedBefore(Instant time) {
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, String> keys =
        closed.range(TIME_PREFIX, TIME_PREFIX + timeOrder(time))) {
      keys.forEachRemaining(entry -> expired.add(entry.key));
    }
    for (String key : expired) {
      if (key.compareTo(TIME_PREFIX + timeOrder(time)) >= 0) {
        continue;
      }
      closed.delete(key);
      closed.delete(ARTICLE_PREFIX + key.substring(key.indexOf(':', TIME_PREFIX.length()) + 1));
    }
  }

  private static String timeKey(Instant time, String articleId) {
    return TIME_PREFIX + timeOrder(time) + ":" + articleId;
  }

  /** Epoch milliseconds as 16 hex digits whose string order is their numeric order. */
  private static String timeOrder(Instant time) {
    return String.format(Locale.ROOT, "%016x", time.toEpochMilli() ^ Long.MIN_VALUE);
  }
}
