package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.StoryEntity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the entities of a story's original articles under one canonical name each, ranked by
 * salience.
 *
 * <p>Names are compared by {@link #keyOf} ("CECOT" and "Cecot" are one, so are "Donald J. Trump"
 * and "Donald Trump", "U.S." and "United States"). A name that is another name of the story with
 * a nationality in front ("Venezuelan Tren de Aragua") is that name. A shorter name then joins a
 * longer one of the same type when the articles make the link evident: its words end the longer
 * name ("Trump" in "Donald Trump", "Bukele" in "Nayib Bukele") or it is the longer name's
 * acronym ("TdA" for "Tren de Aragua" is not, "FBI" for "Federal Bureau of Investigation" is).
 * When several longer names qualify, the one in most articles wins. The canonical name is the most
 * frequent spelling of the longest form, the plainest on a tie ("Donald Trump", not "Donald J.
 * Trump").
 *
 * <p>Ranking: most articles first, then salience (each article adds more the earlier it first
 * mentions the entity), then mentions, then name.
 */
public final class EntityMerger {

  /** Characters over which an entity's first mention position halves its salience. */
  private static final double POSITION_SCALE = 500.0;

  private EntityMerger() {}

  private static final class Group {
    final String key;
    final String[] words;
    final Set<String> articles = new HashSet<>();
    final Map<String, Integer> spellings = new TreeMap<>();
    final Map<EntityType, Integer> types = new EnumMap<>(EntityType.class);
    int mentions;
    double salience;
    Group mergedInto;

    Group(String key) {
      this.key = key;
      this.words = key.split(" ");
    }

    EntityType type() {
      return types.entrySet().stream()
          .max(Map.Entry.<EntityType, Integer>comparingByValue()
              .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
          .map(Map.Entry::getKey)
          .orElse(EntityType.MISC);
    }

    Group root() {
      return mergedInto == null ? this : mergedInto.root();
    }

    void absorb(Group other) {
      articles.addAll(other.articles);
      other.types.forEach((t, n) -> types.merge(t, n, Integer::sum));
      mentions += other.mentions;
      salience += other.salience;
      other.mergedInto = this;
    }
  }

  /**
   * The entities of one article with their {@linkplain #keyOf keys}, computed once: a story's
   * entities are merged again on every update, and normalising every name each time would cost
   * more than the merge.
   */
  static final class Keyed {
    final String articleId;
    final List<Entity> entities;
    final List<String> keys;

    private Keyed(String articleId, List<Entity> entities, List<String> keys) {
      this.articleId = articleId;
      this.entities = entities;
      this.keys = keys;
    }
  }

  /** The article's entities with their keys. */
  static Keyed keyed(EnrichedArticle article) {
    List<Entity> entities = article.getEntities();
    List<String> keys = new ArrayList<>(entities.size());
    for (Entity entity : entities) {
      keys.add(keyOf(entity));
    }
    return new Keyed(article.getArticle().getId(), entities, keys);
  }

  /** The merged, ranked entities of {@code articles} (the story's originals). */
  public static List<StoryEntity> merge(List<EnrichedArticle> articles) {
    return mergeKeyed(articles.stream().map(EntityMerger::keyed).toList());
  }

  /** {@link #merge} of articles whose entities are already {@linkplain #keyed keyed}. */
  static List<StoryEntity> mergeKeyed(List<Keyed> articles) {
    Map<String, Group> groups = new TreeMap<>();
    for (Keyed article : articles) {
      String articleId = article.articleId;
      for (int i = 0; i < article.entities.size(); i++) {
        Entity entity = article.entities.get(i);
        String key = article.keys.get(i);
        if (key.isEmpty()) {
          continue;
        }
        Group group = groups.computeIfAbsent(key, Group::new);
        boolean firstInArticle = group.articles.add(articleId);
        group.spellings.merge(entity.getName(), 1, Integer::sum);
        group.types.merge(entity.getType(), 1, Integer::sum);
        group.mentions += entity.getMentionCount();
        if (firstInArticle) {
          group.salience += 1.0 / (1.0 + Math.max(0, entity.getFirstPosition()) / POSITION_SCALE);
        }
      }
    }
    // Longer names by each of their proper word suffixes and by their acronym, so each shorter
    // name finds its candidates in one lookup.
    Map<String, List<Group>> bySuffix = new HashMap<>();
    Map<String, List<Group>> byAcronym = new HashMap<>();
    for (Group group : groups.values()) {
      for (int i = 1; i < group.words.length; i++) {
        bySuffix.computeIfAbsent(String.join(" ", Arrays.copyOfRange(group.words, i,
            group.words.length)), k -> new ArrayList<>()).add(group);
      }
      String acronym = acronymOf(group);
      if (acronym != null) {
        byAcronym.computeIfAbsent(acronym, k -> new ArrayList<>()).add(group);
      }
    }
    // "Venezuelan Tren de Aragua" is "Tren de Aragua" when the story names it so too: a
    // nationality the tagger took into an organisation's name does not make another organisation.
    for (Group group : groups.values()) {
      if (group.words.length > 1 && Demonyms.isDemonym(group.words[0])) {
        Group bare = groups.get(String.join(" ", Arrays.copyOfRange(group.words, 1, group.words.length)));
        if (bare != null && bare.type() == group.type() && bare.mergedInto == null) {
          bare.absorb(group);
        }
      }
    }
    List<Group> shortestFirst = new ArrayList<>(groups.values());
    shortestFirst.sort(Comparator.<Group>comparingInt(g -> g.words.length)
        .thenComparing(g -> g.key));
    for (Group shorter : shortestFirst) {
      EntityType type = shorter.type();
      List<Group> candidates = new ArrayList<>(bySuffix.getOrDefault(shorter.key, List.of()));
      if (shorter.words.length == 1) {
        candidates.addAll(byAcronym.getOrDefault(shorter.key, List.of()));
      }
      candidates.sort(Comparator.comparing(g -> g.key));
      if (shorter.mergedInto != null) {
        continue;
      }
      Group target = null;
      for (Group longer : candidates) {
        if (longer != shorter && longer.mergedInto == null && longer.type() == type
            && (target == null || longer.articles.size() > target.articles.size())) {
          target = longer;
        }
      }
      if (target != null) {
        target.absorb(shorter);
      }
    }
    return groups.values().stream()
        .filter(g -> g.mergedInto == null)
        .sorted(Comparator.<Group>comparingInt(g -> -g.articles.size())
            .thenComparingDouble(g -> -g.salience)
            .thenComparingInt(g -> -g.mentions)
            .thenComparing(g -> g.key))
        .map(g -> StoryEntity.newBuilder()
            .setName(canonicalSpelling(g))
            .setType(g.type())
            .setArticleCount(g.articles.size())
            .setMentionCount(g.mentions)
            .build())
        .toList();
  }

  /**
   * The key names are compared by: normalised ("CECOT" and "Cecot" are one), a person's middle
   * initials dropped ("Donald J. Trump" is "Donald Trump"), and the usual short forms of the
   * countries news names most ("U.S.", "US", "USA" are "United States"; "UK", "Britain" are
   * "United Kingdom").
   */
  static String keyOf(Entity entity) {
    String key = TextNormalizer.normalise(entity.getName());
    if (entity.getType() == EntityType.PERSON) {
      String[] words = key.split(" ");
      if (words.length >= 3) {
        StringBuilder kept = new StringBuilder(words[0]);
        for (int i = 1; i < words.length - 1; i++) {
          if (words[i].length() > 1) {
            kept.append(' ').append(words[i]);
          }
        }
        key = kept.append(' ').append(words[words.length - 1]).toString();
      }
    }
    return COUNTRY_ALIASES.getOrDefault(key, key);
  }

  private static final Map<String, String> COUNTRY_ALIASES = Map.ofEntries(
      Map.entry("us", "united states"), Map.entry("u s", "united states"),
      Map.entry("usa", "united states"), Map.entry("u s a", "united states"),
      Map.entry("united states of america", "united states"),
      Map.entry("uk", "united kingdom"), Map.entry("u k", "united kingdom"),
      Map.entry("britain", "united kingdom"), Map.entry("great britain", "united kingdom"),
      Map.entry("uae", "united arab emirates"), Map.entry("u a e", "united arab emirates"),
      Map.entry("drc", "democratic republic of the congo"),
      Map.entry("prc", "china"), Map.entry("people s republic of china", "china"));

  /** "fbi" for "federal bureau of investigation": initials of the words that are not stop words. */
  private static String acronymOf(Group group) {
    if (group.words.length < 2) {
      return null;
    }
    StringBuilder initials = new StringBuilder();
    for (String word : group.words) {
      if (!StopWords.ENGLISH.contains(word)) {
        initials.append(word.charAt(0));
      }
    }
    return initials.length() < 2 ? null : initials.toString();
  }

  private static String canonicalSpelling(Group group) {
    return group.spellings.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue()
            .thenComparing(e -> TextNormalizer.normalise(e.getKey()).equals(group.key))
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse(group.key);
  }

}
