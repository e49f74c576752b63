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

  /**
   * An entity name's key and what merging reads of it: its words, its proper word suffixes
   * ("trump" and "j trump" of "donald j trump"), its acronym (or null), and whether the name
   * normalised is its key (a plain spelling).
   */
  private record Name(String key, String[] words, String[] suffixes, String acronym,
      boolean plain) {

    static Name of(Entity entity) {
      String key = keyOf(entity);
      String[] words = key.split(" ");
      String[] suffixes = new String[Math.max(0, words.length - 1)];
      for (int i = 1; i < words.length; i++) {
        suffixes[i - 1] = String.join(" ", Arrays.copyOfRange(words, i, words.length));
      }
      return new Name(key, words, suffixes, acronymOf(words),
          TextNormalizer.normalise(entity.getName()).equals(key));
    }
  }

  private static final class Group {
    final String key;
    final String[] words;
    final String[] suffixes;
    final String acronym;
    /** Shared with the counted group this one was copied from until it absorbs another. */
    Set<String> articles;
    private boolean ownArticles;
    final Map<String, Integer> spellings;
    /** The spellings that, normalised, are the key. */
    final Set<String> plainSpellings;
    final Map<EntityType, Integer> types;
    int mentions;
    double salience;
    Group mergedInto;

    Group(Name name) {
      this.key = name.key();
      this.words = name.words();
      this.suffixes = name.suffixes();
      this.acronym = name.acronym();
      this.articles = new HashSet<>();
      this.ownArticles = true;
      this.spellings = new HashMap<>();
      this.plainSpellings = new HashSet<>();
      this.types = new EnumMap<>(EntityType.class);
    }

    /**
     * A copy of a counted group for merging, which changes only the articles, types, mentions and
     * salience of the groups it joins: the spellings are shared, the articles copied when needed.
     */
    Group(Group counted) {
      this.key = counted.key;
      this.words = counted.words;
      this.suffixes = counted.suffixes;
      this.acronym = counted.acronym;
      this.articles = counted.articles;
      this.ownArticles = false;
      this.spellings = counted.spellings;
      this.plainSpellings = counted.plainSpellings;
      this.types = new EnumMap<>(counted.types);
      this.mentions = counted.mentions;
      this.salience = counted.salience;
    }

    /** The most frequent type; of equally frequent ones the first declared. */
    EntityType type() {
      EntityType best = EntityType.MISC;
      int most = 0;
      for (Map.Entry<EntityType, Integer> entry : types.entrySet()) {
        if (entry.getValue() > most) {
          best = entry.getKey();
          most = entry.getValue();
        }
      }
      return best;
    }

    Group root() {
      return mergedInto == null ? this : mergedInto.root();
    }

    void absorb(Group other) {
      if (!ownArticles) {
        articles = new HashSet<>(articles);
        ownArticles = true;
      }
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
    final List<Name> names;

    private Keyed(String articleId, List<Entity> entities, List<Name> names) {
      this.articleId = articleId;
      this.entities = entities;
      this.names = names;
    }
  }

  /** The article's entities with their keys. */
  static Keyed keyed(EnrichedArticle article) {
    List<Entity> entities = article.getEntities();
    List<Name> names = new ArrayList<>(entities.size());
    for (Entity entity : entities) {
      names.add(Name.of(entity));
    }
    return new Keyed(article.getArticle().getId(), entities, names);
  }

  /** The merged, ranked entities of {@code articles} (the story's originals). */
  public static List<StoryEntity> merge(List<EnrichedArticle> articles) {
    return mergeKeyed(articles.stream().map(EntityMerger::keyed).toList());
  }

  /** {@link #merge} of articles whose entities are already {@linkplain #keyed keyed}. */
  static List<StoryEntity> mergeKeyed(List<Keyed> articles) {
    Tally tally = new Tally();
    articles.forEach(tally::add);
    return tally.merged();
  }

  /**
   * A story's entities counted by key, one original after the other. The story's state is built
   * on every update, and counting all its originals' entities again each time grows with the
   * story; a story keeps its tally instead and adds each original that joins after the others (the
   * usual case). Adding the originals in their order gives the same counts and the same salience
   * sums, added in the same order, as counting them all at once, so {@link #merged} is what {@link
   * #mergeKeyed} of the same articles gives.
   */
  static final class Tally {
    /** By key; only the nationality pass depends on an order, and takes the groups by key. */
    private final Map<String, Group> groups = new HashMap<>();

    /** Counts the entities of the story's next original (the latest so far). */
    void add(Keyed article) {
      String articleId = article.articleId;
      for (int i = 0; i < article.entities.size(); i++) {
        Entity entity = article.entities.get(i);
        Name name = article.names.get(i);
        if (name.key().isEmpty()) {
          continue;
        }
        Group group = groups.computeIfAbsent(name.key(), k -> new Group(name));
        boolean firstInArticle = group.articles.add(articleId);
        group.spellings.merge(entity.getName(), 1, Integer::sum);
        if (name.plain()) {
          group.plainSpellings.add(entity.getName());
        }
        group.types.merge(entity.getType(), 1, Integer::sum);
        group.mentions += entity.getMentionCount();
        if (firstInArticle) {
          group.salience += 1.0 / (1.0 + Math.max(0, entity.getFirstPosition()) / POSITION_SCALE);
        }
      }
    }

    /** The merged, ranked entities of the articles added so far; the tally is left as it was. */
    List<StoryEntity> merged() {
      Map<String, Group> copies = new HashMap<>(groups.size() * 2);
      groups.forEach((key, counted) -> copies.put(key, new Group(counted)));
      return mergeGroups(copies);
    }
  }

  private static final Comparator<Group> BY_KEY = Comparator.comparing(g -> g.key);

  /** The groups merged (they are changed) and ranked. */
  private static List<StoryEntity> mergeGroups(Map<String, Group> groups) {
    // Longer names by each of their proper word suffixes and by their acronym, so each shorter
    // name finds its candidates in one lookup.
    Map<String, List<Group>> bySuffix = new HashMap<>();
    Map<String, List<Group>> byAcronym = new HashMap<>();
    for (Group group : groups.values()) {
      for (String suffix : group.suffixes) {
        bySuffix.computeIfAbsent(suffix, k -> new ArrayList<>()).add(group);
      }
      if (group.acronym != null) {
        byAcronym.computeIfAbsent(group.acronym, k -> new ArrayList<>()).add(group);
      }
    }
    // "Venezuelan Tren de Aragua" is "Tren de Aragua" when the story names it so too: a
    // nationality the tagger took into an organisation's name does not make another organisation.
    List<Group> byKey = new ArrayList<>(groups.values());
    byKey.sort(BY_KEY);
    for (Group group : byKey) {
      if (group.words.length > 1 && Demonyms.isDemonym(group.words[0])) {
        Group bare = groups.get(group.suffixes[0]);
        if (bare != null && bare.type() == group.type() && bare.mergedInto == null) {
          bare.absorb(group);
        }
      }
    }
    List<Group> shortestFirst = byKey;
    shortestFirst.sort(Comparator.<Group>comparingInt(g -> g.words.length)
        .thenComparing(g -> g.key));
    for (Group shorter : shortestFirst) {
      if (shorter.mergedInto != null) {
        continue;
      }
      List<Group> longerNames = bySuffix.getOrDefault(shorter.key, List.of());
      List<Group> acronymOf = shorter.words.length == 1
          ? byAcronym.getOrDefault(shorter.key, List.of()) : List.of();
      if (longerNames.isEmpty() && acronymOf.isEmpty()) {
        continue;
      }
      EntityType type = shorter.type();
      List<Group> candidates = new ArrayList<>(longerNames.size() + acronymOf.size());
      candidates.addAll(longerNames);
      candidates.addAll(acronymOf);
      candidates.sort(BY_KEY);
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
  private static String acronymOf(String[] words) {
    if (words.length < 2) {
      return null;
    }
    StringBuilder initials = new StringBuilder();
    for (String word : words) {
      if (!StopWords.ENGLISH.contains(word)) {
        initials.append(word.charAt(0));
      }
    }
    return initials.length() < 2 ? null : initials.toString();
  }

  private static String canonicalSpelling(Group group) {
    return group.spellings.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue()
            .thenComparing(e -> group.plainSpellings.contains(e.getKey()))
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse(group.key);
  }

}
