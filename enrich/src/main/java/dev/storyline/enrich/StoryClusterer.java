package dev.storyline.enrich;

import com.dynatrace.hash4j.hashing.Hashing;
import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Assigns enriched articles to stories and builds each story's new state.
 *
 * <p>An article joins the open story whose centroid (sum of its members' term vectors, over
 * title and body) has the highest cosine similarity with the article's term vector, if that
 * reaches {@link ClusteringSettings#similarityThreshold()}; ties go to the lowest story id.
 * Otherwise it starts a new story whose id is derived from the article id, so a replay of the same
 * input gives the same story ids. An article id seen before replaces its earlier version in the
 * story it already belongs to (no double counting). Every accepted article yields the story's
 * whole new state with the version incremented.
 *
 * <p>One instance per {@link StoryBook}; not thread-safe (the clustering stage is a single task).
 */
public final class StoryClusterer {

  private static final Comparator<StoryMember> EARLIEST_FIRST =
      Comparator.comparing(StoryMember::getPublished).thenComparing(StoryMember::getArticleId);

  private final ClusteringSettings settings;
  private final String version;
  private final StoryBook book;
  private final StoryIndex index;

  /** A clusterer over the stories already in {@code book}. */
  public StoryClusterer(ClusteringSettings settings, StoryBook book) {
    this.settings = settings;
    this.version = versionOf(settings);
    this.book = book;
    this.index = StoryIndex.rebuild(book);
  }

  /** The clusterer version written into every story: project version + settings hash. */
  public static String versionOf(ClusteringSettings settings) {
    return StorylineVersion.stamp(settings.describe());
  }

  /** Story id for a story started by {@code articleId}: {@code s-} and 16 hex digits. */
  public static String storyIdFor(String articleId) {
    long hash = Hashing.xxh3_64().hashBytesToLong(articleId.getBytes(StandardCharsets.UTF_8));
    return String.format("s-%016x", hash);
  }

  /** The vector an article is compared by: its title and body. */
  public static TermVector termVector(EnrichedArticle article) {
    return TermVector.of(article.getArticle().getTitle() + "\n" + article.getArticle().getBody());
  }

  /** Adds (or replaces) the article and returns the new state of its story. */
  public StoryCluster add(EnrichedArticle article) {
    String articleId = article.getArticle().getId();
    TermVector vector = termVector(article);
    Optional<String> current = index.storyOf(articleId);
    String storyId =
        current.or(() -> index.mostSimilar(vector, settings.similarityThreshold()))
            .orElseGet(() -> storyIdFor(articleId));
    StoryCluster previous = book.story(storyId).orElse(null);
    Optional<TermVector> replaced =
        current.isPresent()
            ? book.member(articleId).map(StoryClusterer::termVector)
            : Optional.empty();

    StoryCluster updated = nextState(storyId, previous, article);

    book.putMember(article);
    book.putStory(updated);
    if (replaced.isPresent()) {
      index.replace(storyId, replaced.get(), vector);
    } else {
      index.add(storyId, articleId, vector);
    }
    return updated;
  }

  public String version() {
    return version;
  }

  private StoryCluster nextState(String storyId, StoryCluster previous, EnrichedArticle article) {
    List<StoryMember> members = new ArrayList<>();
    if (previous != null) {
      previous.getMembers().stream()
          .filter(m -> !m.getArticleId().equals(article.getArticle().getId()))
          .forEach(members::add);
    }
    members.add(memberOf(article.getArticle()));
    members.sort(EARLIEST_FIRST);

    Instant last = members.stream().map(StoryMember::getPublished).max(Comparator.naturalOrder())
        .orElseThrow();
    TreeSet<String> sources = new TreeSet<>();
    members.forEach(m -> sources.add(m.getSource()));
    int coverage = (int) members.stream().filter(m -> m.getDuplicateOf() == null).count();

    return StoryCluster.newBuilder()
        .setStoryId(storyId)
        .setVersion(previous == null ? 1 : previous.getVersion() + 1)
        .setHeadline(members.get(0).getTitle())
        .setFirstPublished(members.get(0).getPublished())
        .setLastPublished(last)
        .setCoverage(coverage)
        .setSources(List.copyOf(sources))
        .setMembers(members)
        .setEntities(List.of())
        .setFigureGroups(List.of())
        .setClosed(false)
        .setClustererVersion(version)
        .build();
  }

  private static StoryMember memberOf(Article article) {
    return StoryMember.newBuilder()
        .setArticleId(article.getId())
        .setSource(article.getSource())
        .setTitle(article.getTitle())
        .setUrl(article.getUrl())
        .setPublished(article.getPublished())
        .setDuplicateOf(null)
        .build();
  }
}
