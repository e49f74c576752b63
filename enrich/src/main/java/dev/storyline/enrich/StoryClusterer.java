package dev.storyline.enrich;

import com.dynatrace.hash4j.hashing.Hashing;
import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import dev.storyline.enrich.StoryIndex.Member;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns enriched articles to stories, online and in a single pass, and builds each story's new
 * state.
 *
 * <p>For each article, in order:
 *
 * <ol>
 *   <li>the stream's event time advances to the article's publication time, and every open story
 *       whose span ends more than the {@linkplain ClusteringSettings#horizon() horizon} earlier
 *       closes: its final state (closed, version + 1) is emitted and it leaves the index and the
 *       book, so memory is bounded by the horizon, not by history. A story's span ends at its
 *       last article, or at the latest coming date its articles announced ({@link
 *       AnnouncedDates}: "Bukele will visit next month") when that is later, so the coverage
 *       before and after a scheduled event stays one story;
 *   <li>an article id already in an open story replaces its earlier version there (same story,
 *       nothing counted twice); an unchanged resend (same article, same enricher version) changes
 *       nothing and emits nothing;
 *   <li>an article id that was a member of a story closed less than {@linkplain
 *       ClusteringSettings#closedMemory() the closed memory} ago changes nothing either: the
 *       closed story's final state stands, and the article is not listed by a second story. An
 *       edited version of such an article is logged and left out of the stories (its enriched
 *       record is on the enriched topic like any other);
 *   <li>an exact copy (same content hash) or near-duplicate (MinHash Jaccard at or above
 *       {@linkplain ClusteringSettings#nearDuplicateThreshold() the threshold}) of an open member
 *       joins that member's story, marked {@code duplicateOf} the earliest original;
 *   <li>otherwise it joins the open story with the best score (TF-IDF cosine of title-boosted
 *       words and entity names against the story centroid, IDF over the open stories, times a
 *       time-proximity factor) if it reaches the threshold, or starts a story whose id is derived
 *       from its own id.
 * </ol>
 *
 * <p>A story's state (headline, merged entities, figure groups, ...) is built from the whole story,
 * so {@link #assign} only counts the change and {@link #release} builds the state of each story
 * changed since the last release once: the clustering topology releases held articles in batches
 * and writes each changed story once per batch, so a story that several of them joined costs one
 * state, not one per article. {@link #add} does both for one article.
 *
 * <p>Given the same articles in the same order the result is the same; the clustering topology
 * puts articles in (published, id) order first, so the interleaving of input partitions does not
 * matter. One instance per {@link StoryBook}; not thread-safe (the clustering stage is one task).
 */
public final class StoryClusterer {

  /** Prefix of entity terms in article vectors, so "may" the month and "May" the person differ. */
  static final String ENTITY_TERM_PREFIX = "entity:";

  private static final Logger LOG = LoggerFactory.getLogger(StoryClusterer.class);

  /** How far event time advances between two sweeps of the expired closed members. */
  private static final Duration FORGET_EVERY = Duration.ofHours(1);

  private final ClusteringSettings settings;
  private final String version;
  private final StoryBook book;
  private final StoryIndex index;
  private Instant eventTime;
  private Instant lastForget;
  /** Open stories changed since the last {@link #release}, in the order they first changed. */
  private final Set<String> unreleased = new LinkedHashSet<>();

  /** A clusterer over the stories already in {@code book}. */
  public StoryClusterer(ClusteringSettings settings, StoryBook book) {
    this.settings = settings;
    this.version = versionOf(settings);
    this.book = book;
    this.index = new StoryIndex(settings);
    rebuild();
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

  /** The vector an article is compared by: title (boosted), body and entity names. */
  public static TermVector termVector(EnrichedArticle article, ClusteringSettings settings) {
    List<String> entityTerms = article.getEntities().stream()
        .map(e -> ENTITY_TERM_PREFIX + TextNormalizer.normalise(e.getName()))
        .toList();
    return TermVector.of(
        article.getArticle().getTitle(),
        article.getArticle().getBody(),
        settings.titleBoost(),
        entityTerms);
  }

  /**
   * Adds (or replaces) the article and builds its story's new state. Returns every story state
   * that changed: stories the advancing event time closed (by story id), then the article's story.
   * The same as {@link #assign} followed by {@link #release}.
   */
  public List<StoryCluster> add(EnrichedArticle article) {
    List<StoryCluster> changed = new ArrayList<>(assign(article).closed());
    changed.addAll(release());
    return changed;
  }

  /**
   * What {@link #assign} did: the final states of the stories the advancing event time closed (by
   * story id), and the story the article joined, started or changed, or null when it changed
   * nothing.
   */
  public record Assignment(List<StoryCluster> closed, String storyId) {}

  /**
   * Adds (or replaces) the article without building its story's new state: that is built once by
   * the next {@link #release}, however many articles changed the story before it. Memberships,
   * versions and every state are the same as with {@link #add}; only the intermediate states of a
   * story changed several times are not built. Returns the final states of the stories the
   * advancing event time closed, and the article's story.
   */
  public Assignment assign(EnrichedArticle article) {
    List<StoryCluster> closed = advanceTo(article.getArticle().getPublished());
    String articleId = article.getArticle().getId();
    Optional<Member> earlier = index.member(articleId);
    if (earlier.isPresent() && unchanged(earlier.get().article(), article)) {
      return new Assignment(closed, null);
    }
    if (earlier.isEmpty() && closedMember(articleId).isPresent()) {
      ClosedMember gone = closedMember(articleId).orElseThrow();
      if (!gone.contentHash().equals(article.getFingerprints().getContentHash())) {
        LOG.warn("Article {} was edited after its story {} closed (at {}); the closed story keeps"
            + " its earlier version", articleId, gone.storyId(), gone.closedAt());
      }
      return new Assignment(closed, null);
    }
    TermVector vector = termVector(article, settings);

    Member member;
    if (earlier.isPresent()) {
      String storyId = earlier.get().storyId();
      index.remove(articleId);
      String duplicateOf = index.originalOf(article, storyId).map(Member::id).orElse(null);
      member = new Member(storyId, article, vector, duplicateOf);
    } else {
      Optional<Member> original = index.originalOf(article, null);
      if (original.isPresent()) {
        member = new Member(original.get().storyId(), article, vector, original.get().id());
      } else {
        String storyId = index.bestMatch(vector, article.getArticle().getPublished())
            .map(StoryIndex.Match::storyId)
            .orElseGet(() -> storyIdFor(articleId));
        member = new Member(storyId, article, vector, null);
      }
    }
    index.add(member);
    index.setVersion(member.storyId(), index.versionOf(member.storyId()) + 1);
    book.putMember(article);
    unreleased.add(member.storyId());
    return new Assignment(closed, member.storyId());
  }

  /**
   * The new state of every open story changed since the last release, built once each and put in
   * the book, in the order the stories first changed.
   */
  public List<StoryCluster> release() {
    List<StoryCluster> states = new ArrayList<>(unreleased.size());
    for (String storyId : unreleased) {
      states.add(build(storyId));
    }
    unreleased.clear();
    return states;
  }

  /** Builds the open story's current state and puts it in the book. */
  private StoryCluster build(String storyId) {
    StoryCluster state;
    try {
      state = stateOf(storyId);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot build the state of story " + storyId + " ("
          + index.membersOf(storyId).size() + " members): " + e.getMessage(), e);
    }
    book.putStory(state);
    return state;
  }

  /**
   * Advances the event time (never backwards) and closes the stories it leaves behind; returns
   * their final states, by story id.
   */
  public List<StoryCluster> advanceTo(Instant time) {
    List<StoryCluster> closed = new ArrayList<>();
    if (eventTime != null && !time.isAfter(eventTime)) {
      return closed;
    }
    eventTime = time;
    for (String storyId : index.spanEndsBefore(time.minus(settings.horizon()))) {
      // A story changed since the last release has its latest state built first.
      StoryCluster last = unreleased.remove(storyId)
          ? build(storyId) : book.story(storyId).orElseThrow();
      StoryCluster finalState = finalStateOf(last);
      for (Member member : index.membersOf(storyId)) {
        book.removeMember(member.id());
        if (!settings.closedMemory().isZero()) {
          book.putClosedMember(member.id(), new ClosedMember(storyId,
              member.article().getFingerprints().getContentHash(), time));
        }
      }
      book.removeStory(storyId);
      index.removeStory(storyId);
      closed.add(finalState);
    }
    if (lastForget == null || !time.isBefore(lastForget.plus(FORGET_EVERY))) {
      book.forgetClosedBefore(time.minus(settings.closedMemory()));
      lastForget = time;
    }
    return closed;
  }

  /**
   * The closed state of a story: its last state, version + 1, closed. It shares the last state's
   * field values (members, entities, figure groups), which nothing changes, instead of copying
   * them as a builder from the last state would: a big story's lists are long, and the last state
   * leaves the book. Every field of the schema is taken over, a field added later included.
   */
  private static StoryCluster finalStateOf(StoryCluster last) {
    StoryCluster closed = new StoryCluster();
    for (int field = 0; field < StoryCluster.getClassSchema().getFields().size(); field++) {
      closed.put(field, last.get(field));
    }
    closed.setVersion(last.getVersion() + 1);
    closed.setClosed(true);
    return closed;
  }

  /**
   * What is remembered of the article id's closed story, if it closed within the closed memory
   * of the event time (checked here too, so the sweep's timing never changes a result).
   */
  private Optional<ClosedMember> closedMember(String articleId) {
    return book.closedMember(articleId)
        .filter(c -> !c.closedAt().isBefore(eventTime.minus(settings.closedMemory())));
  }

  /**
   * Same article, enriched by the same enricher version. When and from where it was ingested
   * ({@code ingestedAt}, {@code origin}) do not count: a resend of the same file is unchanged.
   */
  private static boolean unchanged(EnrichedArticle earlier, EnrichedArticle article) {
    Article before = earlier.getArticle();
    Article now = article.getArticle();
    return Article.newBuilder(before)
            .setIngestedAt(now.getIngestedAt())
            .setOrigin(now.getOrigin())
            .build()
            .equals(now)
        && earlier.getEnricherVersion().equals(article.getEnricherVersion());
  }

  /** Number of open stories. */
  public int openStories() {
    return index.openStories();
  }

  public String version() {
    return version;
  }

  public ClusteringSettings settings() {
    return settings;
  }

  private void rebuild() {
    long start = System.nanoTime();
    book.forEachStory(
        story -> {
          for (StoryMember storyMember : story.getMembers()) {
            String articleId = storyMember.getArticleId();
            EnrichedArticle article =
                book.member(articleId)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "story " + story.getStoryId() + " lists member " + articleId
                                    + " that is not in the member store"));
            index.add(
                new Member(story.getStoryId(), article, termVector(article, settings),
                    storyMember.getDuplicateOf()));
          }
          index.setVersion(story.getStoryId(), story.getVersion());
        });
    index.refreshNorms();
    eventTime = index.latestPublished().orElse(null);
    if (index.openStories() > 0) {
      LOG.info("Rebuilt the clustering index from {} open stories in {} ms", index.openStories(),
          (System.nanoTime() - start) / 1_000_000);
    }
  }

  /**
   * The story's current state (its version counted by {@link #assign}), from the index's running
   * aggregates: members in order, sources, coverage and span as kept by the index; headline,
   * entities and figure groups over the current originals (their entity keys and figure subjects
   * read once per member, their entities counted and their figures joined as they join).
   */
  private StoryCluster stateOf(String storyId) {
    StoryIndex.Summary summary = index.summaryOf(storyId);
    return StoryCluster.newBuilder()
        .setStoryId(storyId)
        .setVersion(index.versionOf(storyId))
        .setHeadline(index.mostCentral(storyId).orElse(summary.members().get(0)).article()
            .getArticle().getTitle())
        .setFirstPublished(summary.first())
        .setLastPublished(summary.last())
        .setCoverage(summary.coverage())
        .setSources(summary.sources())
        .setMembers(summary.storyMembers())
        .setEntities(summary.entities().merged())
        .setFigureGroups(summary.figures().grouped())
        .setClosed(false)
        .setClustererVersion(version)
        .build();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "StoryClusterer[%s, %d open]", version, openStories());
  }
}
