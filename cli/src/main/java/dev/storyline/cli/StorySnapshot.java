package dev.storyline.cli;

import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryDetail;
import dev.storyline.sink.StoryFilter;
import dev.storyline.sink.StoryQueries;
import dev.storyline.sink.StorySummary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the story database holds, reduced to what a reader compares: per story id, its members,
 * entities and figure groups (not versions or timestamps, which a replay changes by design).
 */
record StorySnapshot(Map<String, String> stories) {

  static StorySnapshot read(String jdbcUrl) {
    StoryQueries queries = new StoryQueries(StoryDatabase.open(jdbcUrl));
    Map<String, String> stories = new TreeMap<>();
    for (StorySummary summary : queries.list(StoryFilter.all())) {
      queries.story(summary.storyId()).ifPresent(s -> stories.put(s.storyId(), content(s)));
    }
    return new StorySnapshot(stories);
  }

  static String content(StoryDetail story) {
    StringBuilder out = new StringBuilder(story.headline()).append('\n');
    story.members().forEach(m -> out.append("member ").append(m.articleId()).append(" dup=").append(m.duplicateOf()).append('\n'));
    story.entities().forEach(e -> out.append("entity ").append(e.name()).append(' ').append(e.type())
        .append(' ').append(e.articleCount()).append('/').append(e.mentionCount()).append('\n'));
    story.figureGroups().forEach(g -> {
      out.append("figures ").append(g.kind()).append(' ').append(g.unit()).append(' ').append(g.label())
          .append(g.conflicting() ? " conflicting" : "").append('\n');
      g.values().forEach(v -> out.append("  ").append(v.articleId()).append(' ').append(v.qualifier()).append(' ')
          .append(v.value()).append(' ').append(v.upperValue()).append(' ').append(v.date()).append('\n'));
    });
    return out.toString();
  }

  /** One line: how many stories were added, removed, changed and left as they were. */
  String changesTo(StorySnapshot after) {
    Set<String> added = new HashSet<>(after.stories.keySet());
    added.removeAll(stories.keySet());
    Set<String> removed = new HashSet<>(stories.keySet());
    removed.removeAll(after.stories.keySet());
    Map<String, String> common = new HashMap<>(after.stories);
    common.keySet().retainAll(stories.keySet());
    long changed = common.entrySet().stream().filter(e -> !e.getValue().equals(stories.get(e.getKey()))).count();
    return String.format("replay: %d stories before, %d after: %d added, %d removed, %d changed, %d unchanged",
        stories.size(), after.stories.size(), added.size(), removed.size(), changed, common.size() - changed);
  }
}
