package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A {@link StoryBook} in maps, for unit tests and offline evaluation. Not thread-safe. */
public final class InMemoryStoryBook implements StoryBook {

  /** By id, so {@link #forEachStory} (and a clusterer's rebuild) goes in one order. */
  private final Map<String, StoryCluster> stories = new TreeMap<>();
  /** Only looked up, never iterated: hash maps (a tree map cost a string comparison per level). */
  private final Map<String, EnrichedArticle> members = new HashMap<>();
  private final Map<String, ClosedMember> closed = new HashMap<>();
  /**
   * The closed members in the order they were put, which is the order of their closing times as
   * long as {@code closedInOrder} holds (the clusterer closes stories as event time advances, and
   * it never goes back): forgetting then reads the oldest instead of every closed member.
   */
  private final ArrayDeque<Map.Entry<String, ClosedMember>> closedByTime = new ArrayDeque<>();
  private boolean closedInOrder = true;

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
    stories.remove(storyId);
  }

  @Override
  public void removeMember(String articleId) {
    members.remove(articleId);
  }

  /** Number of member articles held. */
  public int memberCount() {
    return members.size();
  }

  @Override
  public void forEachStory(Consumer<StoryCluster> action) {
    stories.values().forEach(action);
  }

  @Override
  public Optional<ClosedMember> closedMember(String articleId) {
    return Optional.ofNullable(closed.get(articleId));
  }

  @Override
  public void putClosedMember(String articleId, ClosedMember member) {
    closed.put(articleId, member);
    if (!closedByTime.isEmpty() && member.closedAt().isBefore(closedByTime.peekLast().getValue()
        .closedAt())) {
      closedInOrder = false;
    }
    closedByTime.add(Map.entry(articleId, member));
  }

  @Override
  public void forgetClosedBefore(Instant time) {
    if (closedInOrder) {
      while (!closedByTime.isEmpty() && closedByTime.peek().getValue().closedAt().isBefore(time)) {
        Map.Entry<String, ClosedMember> oldest = closedByTime.poll();
        // Unless the id was put again since.
        closed.remove(oldest.getKey(), oldest.getValue());
      }
      return;
    }
    closedByTime.clear();
    for (Iterator<ClosedMember> it = closed.values().iterator(); it.hasNext(); ) {
      if (it.next().closedAt().isBefore(time)) {
        it.remove();
      }
    }
  }

  /** Number of closed members remembered. */
  public int closedMemberCount() {
    return closed.size();
  }
}
