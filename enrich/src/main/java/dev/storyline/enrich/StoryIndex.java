package dev.storyline.enrich;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryMember;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * In-memory index over the open stories: each story's members and centroid (sum of its original
 * members' length-normalised term vectors), an inverted index from term to the stories whose
 * centroid holds it (which also gives the IDF, learned online as inverse story frequency over the
 * open stories), the {@link DuplicateDetector} over every open member, the stories ordered by the
 * end of their span for closing, and the running aggregates a story's state is built from
 * (members in order, sources, keyed entities, prepared figures).
 *
 * <p>It is derived state: everything in it follows from the open stories' members, so it is rebuilt
 * from the {@link StoryBook} when a {@link StoryClusterer} starts and never restored on its own.
 * Ties are broken by story id, so results never depend on hash-map iteration order. Not
 * thread-safe.
 *
 * <p>Why it is shaped so (the clustering stage must take thousands of articles a second with
 * 10,000 live stories): the loops that run per article read flat arrays in sequence instead of
 * following a pointer per term. Every term and every open story has a number; a term's posting
 * holds the stories' numbers and centroid weights side by side in one array, so the candidate
 * pass adds into an array of accumulators by story number and reads no map; a story's centroid and a
 * member's terms are arrays of term numbers (and weights or counts), and what the loops over them
 * need per term — its posting length (so its IDF, from a table by posting length) and whether the
 * article holds it — is in arrays by term number. Only the article's {@value #CANDIDATE_TERMS}
 * heaviest terms propose candidates. Norms used in exact scores are exact, computed with the
 * current IDF: a cached norm would make the scores of a live index differ from those of one
 * rebuilt after a restart (see docs/BENCHMARKS.md).
 */
final class StoryIndex {

  /** Candidates scored exactly after the inverted-index pass. */
  private static final int EXACT_CANDIDATES = 8;

  /**
   * Least similarity, in multiples of the similarity threshold, for an article to be linked to a
   * story through a date the story announced.
   */
  static final double ANNOUNCED_SIMILARITY_FACTOR = 2.0;

  /**
   * Factor above 1 on a bound computed in floating point, so rounding never makes it smaller than
   * what it bounds (whose own rounding is far below this).
   */
  private static final double BOUND_MARGIN = 1.0 + 1e-9;

  /** Latest originals of a story compared one by one (nearest-member linkage). */
  private static final int RECENT_MEMBERS = 50;

  /** Postings longer than this (and than 0.2% of the open stories) do not propose candidates. */
  private static final int MIN_LONGEST_POSTING = 30;
  private static final int POSTING_DIVISOR = 500;

  /**
   * The article's terms, heaviest first by TF-IDF times IDF (what a term adds to a dot product
   * with a centroid), that propose candidates; the others still count in the exact score. A story
   * that shares none of an article's heaviest terms does not reach the threshold.
   */
  static final int CANDIDATE_TERMS = 40;

  /**
   * Weight of the nearest-member similarity against the centroid similarity: a short text close
   * to one recent member can join even when the centroid has drifted.
   */
  private static final double MEMBER_WEIGHT = 0.7;

  /**
   * One member of an open story. {@code duplicateOf} is null for originals; {@code announced}
   * are the coming dates it announces ({@link AnnouncedDates}). The members the index hands out
   * have no {@code vector} (null): once added, a member's terms are kept as term numbers and
   * counts, not as a string per term.
   */
  record Member(
      String storyId, EnrichedArticle article, TermVector vector, String duplicateOf,
      List<AnnouncedDates.Span> announced) {
    Member(String storyId, EnrichedArticle article, TermVector vector, String duplicateOf) {
      this(storyId, article, vector, duplicateOf, AnnouncedDates.of(article));
    }

    String id() {
      return article.getArticle().getId();
    }

    Instant published() {
      return article.getArticle().getPublished();
    }

    boolean original() {
      return duplicateOf == null;
    }

    /** The same member without its vector, as the index keeps it. */
    Member withoutVector() {
      return vector == null ? this : new Member(storyId, article, null, duplicateOf, announced);
    }
  }

  /** Earliest first, then by id: the order members are listed and originals are chosen in. */
  static final Comparator<Member> EARLIEST_FIRST =
      Comparator.comparing(Member::published).thenComparing(Member::id);

  private static final Comparator<Slot> SLOTS_EARLIEST_FIRST =
      (a, b) -> EARLIEST_FIRST.compare(a.member, b.member);

  /** A story's best match score. */
  record Match(String storyId, double score) {}

  /**
   * What a story's state is built from, in the order the state lists it: members earliest first
   * (and as story members), sources by name, the originals' entities counted and their figures
   * joined.
   */
  record Summary(
      List<Member> members, List<StoryMember> storyMembers, List<String> sources, int coverage,
      Instant first, Instant last, EntityMerger.Tally entities, FigureGrouper.Tally figures) {}

  /**
   * A term of the open stories' centroids, with its posting: side by side in one array each
   * story's number and the value of the term's weight in its centroid (one cache line holds both
   * for the candidate pass, and for an entry added or removed), and apart the weight's place in
   * the story's arrays. A removed entry is replaced by the last: the order of a posting never
   * matters (each story's accumulator sums in the article's term order, and the top list is
   * ordered by score and story id).
   */
  private static final class Term {
    final String text;
    final int id;
    /** At {@code 2 * p} entry p's story number (exact in a double), at {@code 2 * p + 1} value. */
    double[] entries = new double[4];
    /** Per entry, the weight's place in its story's arrays. */
    int[] places = new int[2];
    int size;
    /**
     * Set when the term left the index (it was empty when the empty terms were dropped): a new
     * term takes its text.
     */
    boolean gone;

    Term(String text, int id) {
      this.text = text;
      this.id = id;
    }

    /** Adds the story's entry with a value of 0; returns its place in the posting. */
    int add(int storyNo, int place) {
      if (size == places.length) {
        int grown = size * 2;
        places = Arrays.copyOf(places, grown);
        entries = Arrays.copyOf(entries, 2 * grown);
      }
      entries[2 * size] = storyNo;
      entries[2 * size + 1] = 0.0;
      places[size] = place;
      return size++;
    }
  }

  /** An open member with what the index keeps for it. */
  private static final class Slot {
    final Member member;
    final StoryMember storyMember;
    final EntityMerger.Keyed entities;
    final FigureGrouper.Prepared figures;
    /**
     * For originals: the member's terms' numbers and counts, in the vector's order; their places
     * in the story's centroid arrays (valid while the story's {@code placesStale} is not set: the
     * headline's loop over every original reads the story's array instead of following a pointer
     * per term); the vector's norm.
     */
    int[] termIds;
    int[] counts;
    int[] places;
    double norm;

    Slot(Member member) {
      this.member = member;
      this.storyMember = storyMemberOf(member);
      this.entities = EntityMerger.keyed(member.article());
      this.figures = FigureGrouper.prepare(member.article());
    }
  }

  private static final class OpenStory {
    final String id;
    /** Its number in the index's per-story arrays; reused once the story left. */
    final int no;
    /** Every member, earliest first (members mostly arrive in that order: appended). */
    final List<Slot> ordered = new ArrayList<>(2);
    /** Originals, earliest first: nearest-member linkage reads the latest from the end. */
    final List<Slot> originals = new ArrayList<>(2);
    /**
     * The originals' entities counted and their figures joined, in the originals' order; null
     * when an original left or joined before the latest, until they are counted again from the
     * originals.
     */
    EntityMerger.Tally entities = new EntityMerger.Tally();
    FigureGrouper.Tally figures = new FigureGrouper.Tally();
    /** Set when a weight moved to another place in the arrays below (a member was replaced). */
    boolean placesStale;
    /**
     * The centroid's weights: their term numbers, values and places in their terms' postings, in
     * parallel arrays in no particular order (a removed one is replaced by the last): sums over
     * them are taken in fixed point ({@link #fixed}), so their order does not matter. {@code
     * slots} gives a term number's place in them.
     */
    final IntIntMap slots = new IntIntMap(16);
    int[] termIds = new int[16];
    double[] values = new double[16];
    int[] postingPlaces = new int[16];
    int size;
    final Map<String, Integer> sources = new TreeMap<>();
    Instant first;
    Instant last;
    /** The later of {@code last} and the end of the latest date its originals announce. */
    Instant until;
    /** The dates its originals announce. */
    List<AnnouncedDates.Span> announced = new ArrayList<>();
    /** Version of the story's latest state; 0 before its first. */
    long version;

    OpenStory(String id, int no) {
      this.id = id;
      this.no = no;
    }
  }

  private final ClusteringSettings settings;
  private final DuplicateDetector duplicates;
  private final Map<String, OpenStory> stories = new HashMap<>();
  private final Map<String, Slot> members = new HashMap<>();
  private final Map<String, Term> terms = new HashMap<>();
  /** Open stories by the end of their span (last article or latest announced date). */
  private final TreeSet<OpenStory> byUntil =
      new TreeSet<>(Comparator.<OpenStory, Instant>comparing(s -> s.until).thenComparing(s -> s.id));

  /**
   * Per term number, side by side (one memory read gives both): at {@code 2 * number} the length
   * of the term's posting (the number of stories holding it), at {@code 2 * number + 1} the term's
   * count in the article being scored (0 when the article does not hold it, and between articles).
   */
  private int[] termFigures = new int[2 * 1024];
  /** Per term number, the term (null for a number no term has). */
  private Term[] termsById = new Term[1024];
  private final Numbers termNumbers = new Numbers();
  /**
   * Terms in {@code terms} that no open story holds. A term whose last story leaves stays (the
   * word often comes back with a later article, and taking it out of the map and in again cost
   * more than the rest of closing a story); an empty term scores and proposes nothing, as a term
   * the index does not know. The empty terms are dropped together once they are as many as the
   * held ones.
   */
  private int emptyTerms;
  private static final int LEAST_EMPTY_TERMS_DROPPED = 4096;

  /** Per story number: the story. */
  private OpenStory[] storiesByNo = new OpenStory[1024];
  /**
   * Per story number, {@value #STORY_FIGURES} side by side (what the candidate pass reads of a
   * story, in one or two cache lines): the candidate pass's sum ({@code -1} when the pass has not
   * touched the story), the IDF-weighted centroid norm as of the story's last change or the
   * rebuild (only for ranking candidates; exact scores use the current norm), the story's span
   * in epoch milliseconds (first and last article; exact in a double), and 1 when its originals
   * announce dates, else 0 (so the time weight of most stories needs no read of the story itself).
   */
  private double[] storyFigures = new double[STORY_FIGURES * 1024];
  private static final int STORY_FIGURES = 5;
  private static final int ACCUMULATOR = 0;
  private static final int APPROXIMATE_NORM = 1;
  private static final int FIRST_MILLIS = 2;
  private static final int LAST_MILLIS = 3;
  private static final int ANNOUNCES = 4;
  private final Numbers storyNumbers = new Numbers();
  /** The last vector {@linkplain #resolve resolved}, and its terms. */
  private TermVector resolvedVector;
  private Term[] resolvedTerms;
  /** Counts the terms that joined or left {@code terms}; the count when the last was resolved. */
  private long termGeneration;
  private long resolvedGeneration = -1;
  /** The numbers of the stories the candidate pass touched. */
  private int[] touched = new int[256];

  /**
   * IDF by posting length for the current number of open stories: {@code idfs[n]} is valid when
   * {@code idfStories[n]} is that number. Filled on first use with the one formula, so an entry has
   * the same bits whenever it is computed, in a live index or in one rebuilt after a restart; an
   * article then needs a {@code Math.log} per distinct posting length instead of one per term.
   */
  private double[] idfs = new double[64];
  private int[] idfStories = filledWithMinusOne(64);

  /**
   * Counts the changes to centroid weights, posting lengths and the open stories: what a centroid
   * norm depends on.
   */
  private long changes;
  /**
   * The stories {@link #bestMatch} scored exactly, with the fixed-point sums of their squared
   * IDF-weighted centroid weights, valid while {@link #changes} is {@code scoredChanges}: the
   * article is then usually {@linkplain #add added} to one of them, whose new norm is that sum
   * with the article's terms' parts taken out and put in again, instead of a pass over the whole
   * centroid (the same integer, so the same norm).
   */
  private final OpenStory[] scoredStories = new OpenStory[EXACT_CANDIDATES];
  private final long[] scoredNormSums = new long[EXACT_CANDIDATES];
  private int scoredCount;
  private long scoredChanges = -1;

  StoryIndex(ClusteringSettings settings) {
    this.settings = settings;
    this.duplicates = new DuplicateDetector(settings.nearDuplicateThreshold());
  }

  Optional<Member> member(String articleId) {
    Slot slot = members.get(articleId);
    return slot == null ? Optional.empty() : Optional.of(slot.member);
  }

  /** The members of an open story, earliest first. */
  List<Member> membersOf(String storyId) {
    OpenStory story = stories.get(storyId);
    List<Member> members = new ArrayList<>(story == null ? 0 : story.ordered.size());
    if (story != null) {
      story.ordered.forEach(slot -> members.add(slot.member));
    }
    return members;
  }

  /** What the state of an open story is built from; null when the story is not open. */
  Summary summaryOf(String storyId) {
    OpenStory story = stories.get(storyId);
    if (story == null) {
      return null;
    }
    List<Member> ordered = new ArrayList<>(story.ordered.size());
    List<StoryMember> storyMembers = new ArrayList<>(story.ordered.size());
    for (Slot slot : story.ordered) {
      ordered.add(slot.member);
      storyMembers.add(slot.storyMember);
    }
    if (story.entities == null) {
      story.entities = new EntityMerger.Tally();
      story.figures = new FigureGrouper.Tally();
      for (Slot slot : story.originals) {
        story.entities.add(slot.entities);
        story.figures.add(slot.figures);
      }
    }
    return new Summary(ordered, storyMembers, List.copyOf(story.sources.keySet()),
        story.originals.size(), story.first, story.last, story.entities, story.figures);
  }

  /** Version of the open story's latest state; 0 when it has none yet or is not open. */
  long versionOf(String storyId) {
    OpenStory story = stories.get(storyId);
    return story == null ? 0 : story.version;
  }

  /** Records the version of the open story's latest state. */
  void setVersion(String storyId, long version) {
    OpenStory story = stories.get(storyId);
    if (story != null) {
      story.version = version;
    }
  }

  boolean isOpen(String storyId) {
    return stories.containsKey(storyId);
  }

  int openStories() {
    return stories.size();
  }

  /** The latest publication time over the open stories' members, if any. */
  Optional<Instant> latestPublished() {
    return stories.values().stream().map(s -> s.last).max(Comparator.naturalOrder());
  }

  /**
   * Open stories whose span ends before {@code cutoff}: the last article, or the latest date the
   * story's articles announced when that is later. By story id.
   */
  List<String> spanEndsBefore(Instant cutoff) {
    List<String> ids = new ArrayList<>();
    for (OpenStory story : byUntil) {
      if (!story.until.isBefore(cutoff)) {
        break;
      }
      ids.add(story.id);
    }
    ids.sort(Comparator.naturalOrder());
    return ids;
  }

  /**
   * The earliest original that {@code article} copies (exactly, or as a near-duplicate), among
   * the open members, optionally only within one story; the copy's own original when the match is
   * itself a copy.
   */
  Optional<Member> originalOf(EnrichedArticle article, String onlyInStory) {
    for (String id : duplicates.copiesOf(entryOf(article))) {
      Member match = members.get(id).member;
      if (onlyInStory != null && !match.storyId().equals(onlyInStory)) {
        continue;
      }
      Slot root = match.original() ? null : members.get(match.duplicateOf());
      return Optional.of(root == null ? match : root.member);
    }
    return Optional.empty();
  }

  /**
   * The open story most similar to {@code vector} published at {@code published}, if its score
   * reaches the threshold: TF-IDF cosine with the story centroid times exp(-gap / time scale),
   * where gap is the time to the story's span (first to last article) or to one of the dates its
   * articles announced, whichever is nearer.
   */
  Optional<Match> bestMatch(TermVector vector, Instant published) {
    if (vector.isEmpty() || stories.isEmpty()) {
      return Optional.empty();
    }
    Term[] resolved = resolve(vector);
    try {
      return bestMatch(vector, resolved, published);
    } finally {
      for (Term term : resolved) {
        if (term != null) {
          termFigures[2 * term.id + 1] = 0;
        }
      }
    }
  }

  /** {@link #bestMatch}, with the vector's terms resolved; marks them with their counts. */
  private Optional<Match> bestMatch(TermVector vector, Term[] resolved, Instant published) {
    int longestPosting = Math.max(MIN_LONGEST_POSTING, stories.size() / POSTING_DIVISOR);
    int size = vector.size();
    double[] proposing = new double[size];
    int proposers = 0;
    double articleNorm = 0.0;
    int[] counts = vector.countArray();
    for (int i = 0; i < size; i++) {
      Term term = resolved[i];
      int count = counts[i];
      double idf = idfOf(term == null ? 0 : term.size);
      double weight = count * idf;
      articleNorm += weight * weight;
      if (term != null) {
        termFigures[2 * term.id + 1] = count;
        // Terms in many stories say little about which one; they still count in the exact score.
        // An empty term proposes nothing.
        proposing[i] = term.size > 0 && term.size <= longestPosting ? weight * idf : -1.0;
        if (proposing[i] >= 0) {
          proposers++;
        }
      } else {
        proposing[i] = -1.0;
      }
    }
    double cut = -1.0;
    if (proposers > CANDIDATE_TERMS) {
      double[] sorted = proposing.clone();
      Arrays.sort(sorted);
      cut = sorted[size - CANDIDATE_TERMS];
    }
    int touchedCount = 0;
    int taken = 0;
    for (int i = 0; i < size; i++) {
      // Ties at the cut are taken in the vector's order, up to the number of candidate terms.
      if (proposing[i] < 0 || proposing[i] < cut || (cut >= 0 && taken == CANDIDATE_TERMS)) {
        continue;
      }
      taken++;
      double weightIdf = proposing[i];
      Term term = resolved[i];
      double[] entries = term.entries;
      for (int p = 0, n = 2 * term.size; p < n; p += 2) {
        int no = (int) entries[p];
        int at = STORY_FIGURES * no + ACCUMULATOR;
        if (storyFigures[at] < 0) {
          storyFigures[at] = 0.0;
          if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
          }
          touched[touchedCount++] = no;
        }
        storyFigures[at] += weightIdf * entries[p + 1];
      }
    }
    if (touchedCount == 0) {
      return Optional.empty();
    }
    Optional<Match> best = bestOf(touchedCount, Math.sqrt(articleNorm), published, resolved, counts);
    for (int t = 0; t < touchedCount; t++) {
      storyFigures[STORY_FIGURES * touched[t] + ACCUMULATOR] = -1.0;
    }
    return best;
  }

  /**
   * The best of the stories the candidate pass touched: a top list by approximate score, each
   * scored exactly unless a bound shows that it cannot be the result (see docs/BENCHMARKS.md,
   * fifth pass): the result is the same as if every one were scored.
   */
  private Optional<Match> bestOf(
      int touchedCount, double norm, Instant published, Term[] resolved, int[] counts) {
    // The top list, best first by approximate score, then by story id.
    long publishedMillis = published.toEpochMilli();
    double announcedFrom = ANNOUNCED_SIMILARITY_FACTOR * settings.similarityThreshold();
    OpenStory[] top = new OpenStory[EXACT_CANDIDATES];
    double[] topScores = new double[EXACT_CANDIDATES];
    int topSize = 0;
    for (int t = 0; t < touchedCount; t++) {
      int no = touched[t];
      int at = STORY_FIGURES * no;
      double untimed = storyFigures[at + ACCUMULATOR] / storyFigures[at + APPROXIMATE_NORM];
      // The time weight is at most 1: a story whose untimed score is below the lowest of a full
      // top list cannot enter it, so its exp is not needed (the same top list as timing it).
      if (topSize == EXACT_CANDIDATES && untimed < topScores[topSize - 1]) {
        continue;
      }
      // What timed() gives, from the per-story arrays unless an announced date may count.
      OpenStory story = null;
      double score;
      if (untimed >= announcedFrom && storyFigures[at + ANNOUNCES] != 0.0) {
        story = storiesByNo[no];
        score = timed(untimed, story, published);
      } else {
        score = weighed(untimed, spanGap((long) storyFigures[at + FIRST_MILLIS],
            (long) storyFigures[at + LAST_MILLIS], publishedMillis));
      }
      if (topSize == EXACT_CANDIDATES && score < topScores[topSize - 1]) {
        continue;
      }
      if (story == null) {
        story = storiesByNo[no];
      }
      if (topSize == EXACT_CANDIDATES
          && !ranksAbove(score, story, topScores[topSize - 1], top[topSize - 1])) {
        continue;
      }
      int place = topSize == EXACT_CANDIDATES ? topSize - 1 : topSize++;
      while (place > 0 && ranksAbove(score, story, topScores[place - 1], top[place - 1])) {
        top[place] = top[place - 1];
        topScores[place] = topScores[place - 1];
        place--;
      }
      top[place] = story;
      topScores[place] = score;
    }
    // The candidates in the top list's order (the best approximate score first, usually the
    // result): each is scored exactly unless a bound shows it cannot be the result, i.e. cannot
    // reach the threshold or the best score so far. The result is the best score of all of them
    // (then the lower story id), so it does not depend on the order they are taken in.
    double threshold = settings.similarityThreshold();
    Match best = null;
    scoredCount = 0;
    scoredChanges = changes;
    for (int t = 0; t < topSize; t++) {
      OpenStory story = top[t];
      double least = best == null ? threshold : Math.max(threshold, best.score());
      // Cheapest first: the time weight alone (a similarity is at most 1), then the share of the
      // article's norm on the terms the story holds, read through the story's term map (a few
      // probes per article term instead of a pass over a centroid that is often much longer).
      if (cannotReach(similarityBound(1.0, story.size), story, published, least)) {
        continue;
      }
      if (story.size > resolved.length
          && cannotReach(similarityBound(Math.sqrt(sharedSquares(story, resolved, counts)) / norm,
              story.size), story, published, least)) {
        continue;
      }
      // One pass over the centroid gives both its norm with the current IDF and the dot product
      // with the article (whose terms are marked), each summed in fixed point.
      long normSum = 0;
      long dotSum = 0;
      double shared = 0.0;
      int[] termIds = story.termIds;
      double[] values = story.values;
      for (int w = 0, n = story.size; w < n; w++) {
        int id = termIds[w];
        double idf = idfOf(termFigures[2 * id]);
        double weighted = values[w] * idf;
        normSum += fixed(weighted * weighted);
        int count = termFigures[2 * id + 1];
        if (count > 0) {
          dotSum += fixed(count * idf * weighted);
          shared += (count * idf) * (count * idf);
        }
      }
      double centroidNorm = normOf(normSum);
      double similarity = unfixed(dotSum) / (norm * centroidNorm);
      scoredStories[scoredCount] = story;
      scoredNormSums[scoredCount++] = normSum;
      // Cauchy-Schwarz: a member's cosine with the article is at most the share of the article's
      // norm on the terms of the member, so on those of the centroid (which holds them all).
      // Nearest-member linkage only where that can change the result.
      double bound = MEMBER_WEIGHT * Math.sqrt(shared) / norm * BOUND_MARGIN;
      if (bound > similarity) {
        // The time weight only grows with the similarity: this story cannot be the result.
        if (cannotReach(bound, story, published, least)) {
          continue;
        }
        similarity = Math.max(similarity, MEMBER_WEIGHT * nearestMember(story, norm));
      }
      double score = timed(similarity, story, published);
      if (best == null || score > best.score()
          || (score == best.score() && story.id.compareTo(best.storyId()) < 0)) {
        best = new Match(story.id, score);
      }
    }
    return best != null && best.score() >= settings.similarityThreshold()
        ? Optional.of(best) : Optional.empty();
  }

  /**
   * An upper bound of the centroid similarity {@link #bestOf} computes for a story of {@code
   * size} centroid terms, and of its nearest-member similarity, from a bound {@code cosine} of the
   * real cosine: the fixed-point sums round each term by at most 2^-33, which a centroid's
   * IDF-weighted squared norm (at least 1: a sum of non-negative unit vectors, weighted by IDFs of
   * at least 1) and the article's norm (at least 1) turn into at most this relative and absolute
   * error (with room to spare).
   */
  private static double similarityBound(double cosine, int size) {
    double rounding = size * 0x1p-33;
    return cosine * (1.0 + 4.0 * rounding) * BOUND_MARGIN + 2.0 * rounding;
  }

  /** Whether a similarity of at most {@code bound} cannot reach {@code least} once timed. */
  private boolean cannotReach(double bound, OpenStory story, Instant published, double least) {
    return timed(bound, story, published) * BOUND_MARGIN < least;
  }

  /**
   * The sum of the article's squared TF-IDF weights over the terms the story's centroid holds (the
   * article's norm on them, squared).
   */
  private double sharedSquares(OpenStory story, Term[] resolved, int[] counts) {
    double shared = 0.0;
    for (int i = 0; i < resolved.length; i++) {
      Term term = resolved[i];
      if (term != null && term.size > 0 && story.slots.get(term.id) != IntIntMap.MISSING) {
        double weight = counts[i] * idfOf(term.size);
        shared += weight * weight;
      }
    }
    return shared;
  }

  /**
   * The vector's terms in the index, in the vector's order, null for a term no open story holds.
   * The last vector's are kept: the article scored by {@link #bestMatch} is then {@linkplain
   * #add added}, and the map lookups per term are a cost per article worth halving. Of the kept
   * terms only those that were missing or have left the index since are looked up again, and none
   * when no term has joined or left the dictionary since (a missing term is then still missing).
   */
  private Term[] resolve(TermVector vector) {
    boolean kept = vector == resolvedVector;
    if (kept && resolvedGeneration == termGeneration) {
      return resolvedTerms;
    }
    resolvedGeneration = termGeneration;
    if (!kept) {
      resolvedVector = vector;
      resolvedTerms = new Term[vector.size()];
    }
    Term[] resolved = resolvedTerms;
    String[] texts = vector.termArray();
    for (int i = 0; i < texts.length; i++) {
      if (!kept || resolved[i] == null || resolved[i].gone) {
        resolved[i] = terms.get(texts[i]);
      }
    }
    return resolved;
  }

  /** Order of the top list: higher approximate score first, then lower story id. */
  private static boolean ranksAbove(
      double score, OpenStory story, double otherScore, OpenStory other) {
    int byScore = Double.compare(score, otherScore);
    return byScore > 0 || (byScore == 0 && story.id.compareTo(other.id) < 0);
  }

  /**
   * Highest TF-IDF cosine between the article being scored (its terms are marked with their
   * counts) and one of the story's latest originals.
   */
  private double nearestMember(OpenStory story, double norm) {
    double best = 0.0;
    List<Slot> originals = story.originals;
    for (int s = originals.size() - 1; s >= 0 && s >= originals.size() - RECENT_MEMBERS; s--) {
      Slot slot = originals.get(s);
      double dot = 0.0;
      double memberNorm = 0.0;
      int[] termIds = slot.termIds;
      int[] counts = slot.counts;
      for (int i = 0; i < termIds.length; i++) {
        int id = termIds[i];
        double idf = idfOf(termFigures[2 * id]);
        double weight = counts[i] * idf;
        memberNorm += weight * weight;
        int count = termFigures[2 * id + 1];
        if (count > 0) {
          dot += weight * count * idf;
        }
      }
      if (memberNorm > 0) {
        best = Math.max(best, dot / (norm * Math.sqrt(memberNorm)));
      }
    }
    return best;
  }

  /** Adds a member to its story, opening the story when it is new. */
  void add(Member member) {
    long scoredNormSum = scoredNormSum(member.storyId());
    boolean scored = scoredNormSum >= 0;
    changes++;
    OpenStory story = stories.get(member.storyId());
    if (story == null) {
      story = openStory(member.storyId());
    } else {
      byUntil.remove(story);
    }
    Slot slot = new Slot(member.withoutVector());
    insertInOrder(story.ordered, slot);
    story.sources.merge(member.article().getArticle().getSource(), 1, Integer::sum);
    members.put(member.id(), slot);
    duplicates.add(entryOf(member.article()));
    if (member.original()) {
      insertInOrder(story.originals, slot);
      if (story.entities != null && story.originals.get(story.originals.size() - 1) == slot) {
        story.entities.add(slot.entities);
        story.figures.add(slot.figures);
      } else {
        story.entities = null;
        story.figures = null;
      }
      String[] texts = member.vector().termArray();
      int[] counts = member.vector().countArray();
      Term[] resolved = resolve(member.vector());
      slot.termIds = new int[texts.length];
      slot.places = new int[texts.length];
      slot.counts = counts;
      slot.norm = member.vector().norm();
      double scale = 1.0 / slot.norm;
      for (int i = 0; i < texts.length; i++) {
        Term term = resolved[i];
        if (term == null) {
          term = newTerm(texts[i]);
        }
        int at = story.slots.get(term.id);
        if (at == IntIntMap.MISSING) {
          at = attach(story, term);
        } else if (scored) {
          scoredNormSum -= squaredWeighted(story.values[at], term.size);
        }
        double value = story.values[at] + counts[i] * scale;
        setWeight(story, at, term, value);
        if (scored) {
          scoredNormSum += squaredWeighted(value, term.size);
        }
        slot.termIds[i] = term.id;
        slot.places[i] = at;
      }
    }
    extendSpan(story, member);
    spanChanged(story);
    byUntil.add(story);
    storyFigures[STORY_FIGURES * story.no + APPROXIMATE_NORM] =
        scored ? normOf(scoredNormSum) : centroidNorm(story);
  }

  /**
   * The fixed-point sum of the story's squared IDF-weighted centroid weights as {@link
   * #bestMatch} computed it, if nothing it depends on changed since; else -1.
   */
  private long scoredNormSum(String storyId) {
    if (scoredChanges == changes) {
      for (int s = 0; s < scoredCount; s++) {
        if (scoredStories[s].id.equals(storyId)) {
          return scoredNormSums[s];
        }
      }
    }
    return -1;
  }

  /** A centroid weight's part of the fixed-point sum of its story's norm. */
  private long squaredWeighted(double value, int postingLength) {
    double weighted = value * idfOf(postingLength);
    return fixed(weighted * weighted);
  }

  /** Removes a member (it is replaced by a new version). */
  void remove(String articleId) {
    Slot slot = members.remove(articleId);
    if (slot == null) {
      return;
    }
    changes++;
    Member member = slot.member;
    OpenStory story = stories.get(member.storyId());
    byUntil.remove(story);
    story.ordered.remove(Collections.binarySearch(story.ordered, slot, SLOTS_EARLIEST_FIRST));
    String source = member.article().getArticle().getSource();
    story.sources.computeIfPresent(source, (s, n) -> n == 1 ? null : n - 1);
    duplicates.remove(articleId);
    if (member.original()) {
      story.originals.remove(
          Collections.binarySearch(story.originals, slot, SLOTS_EARLIEST_FIRST));
      story.entities = null;
      story.figures = null;
      double scale = 1.0 / slot.norm;
      for (int i = 0; i < slot.termIds.length; i++) {
        int at = story.slots.get(slot.termIds[i]);
        double left = story.values[at] - slot.counts[i] * scale;
        if (left > 1e-9) {
          setWeight(story, at, termsById[slot.termIds[i]], left);
        } else {
          detach(story, at);
        }
      }
    }
    if (story.ordered.isEmpty()) {
      closeStory(story);
    } else {
      recomputeSpan(story);
      spanChanged(story);
      byUntil.add(story);
      storyFigures[STORY_FIGURES * story.no + APPROXIMATE_NORM] = centroidNorm(story);
    }
  }

  /** Removes a story and all its members (it closed). */
  void removeStory(String storyId) {
    OpenStory story = stories.get(storyId);
    if (story == null) {
      return;
    }
    byUntil.remove(story);
    for (Slot slot : story.ordered) {
      members.remove(slot.member.id());
      duplicates.remove(slot.member.id());
    }
    closeStory(story);
  }

  /**
   * The story's original member closest (plain cosine of counts) to its centroid: the most
   * central article; the earliest on a tie.
   */
  Optional<Member> mostCentral(String storyId) {
    OpenStory story = stories.get(storyId);
    if (story == null) {
      return Optional.empty();
    }
    long centroidSum = 0;
    for (int w = 0; w < story.size; w++) {
      centroidSum += fixed(story.values[w] * story.values[w]);
    }
    double centroidNorm = Math.sqrt(unfixed(centroidSum));
    Member best = null;
    double bestSimilarity = -1.0;
    if (story.placesStale) {
      for (Slot slot : story.originals) {
        for (int i = 0; i < slot.places.length; i++) {
          slot.places[i] = story.slots.get(slot.termIds[i]);
        }
      }
      story.placesStale = false;
    }
    double[] values = story.values;
    for (Slot slot : story.originals) {
      double dot = 0.0;
      int[] counts = slot.counts;
      int[] places = slot.places;
      for (int i = 0; i < places.length; i++) {
        dot += counts[i] * values[places[i]];
      }
      double norm = slot.norm * centroidNorm;
      double similarity = norm == 0.0 ? 0.0 : dot / norm;
      if (similarity > bestSimilarity) {
        best = slot.member;
        bestSimilarity = similarity;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Recomputes every cached norm with the current IDF, so a rebuilt index equals a live one. */
  void refreshNorms() {
    stories.values().forEach(
        s -> storyFigures[STORY_FIGURES * s.no + APPROXIMATE_NORM] = centroidNorm(s));
  }

  private OpenStory openStory(String storyId) {
    changes++;
    int no = storyNumbers.take();
    if (no == storiesByNo.length) {
      int grown = no * 2;
      storiesByNo = Arrays.copyOf(storiesByNo, grown);
      storyFigures = Arrays.copyOf(storyFigures, STORY_FIGURES * grown);
    }
    OpenStory story = new OpenStory(storyId, no);
    storiesByNo[no] = story;
    storyFigures[STORY_FIGURES * no + ACCUMULATOR] = -1.0;
    stories.put(storyId, story);
    return story;
  }

  /** Takes a story out of the index, its centroid out of the postings. */
  private void closeStory(OpenStory story) {
    changes++;
    for (int w = 0; w < story.size; w++) {
      leavePosting(termsById[story.termIds[w]], story.postingPlaces[w]);
    }
    stories.remove(story.id);
    storiesByNo[story.no] = null;
    storyNumbers.give(story.no);
  }

  private Term newTerm(String text) {
    int id = termNumbers.take();
    if (2 * id == termFigures.length) {
      termFigures = Arrays.copyOf(termFigures, 2 * termFigures.length);
    }
    if (id == termsById.length) {
      termsById = Arrays.copyOf(termsById, 2 * id);
    }
    termFigures[2 * id] = 0;
    termFigures[2 * id + 1] = 0;
    Term term = new Term(text, id);
    termsById[id] = term;
    terms.put(text, term);
    termGeneration++;
    emptyTerms++;
    return term;
  }

  /**
   * A new weight of zero for the term in the story's centroid, and in the term's posting; returns
   * its place in the story's arrays.
   */
  private int attach(OpenStory story, Term term) {
    int at = story.size;
    story.slots.put(term.id, at);
    if (at == story.termIds.length) {
      int grown = at * 2;
      story.termIds = Arrays.copyOf(story.termIds, grown);
      story.values = Arrays.copyOf(story.values, grown);
      story.postingPlaces = Arrays.copyOf(story.postingPlaces, grown);
    }
    story.termIds[at] = term.id;
    story.values[at] = 0.0;
    story.size++;
    if (term.size == 0) {
      emptyTerms--;
    }
    story.postingPlaces[at] = term.add(story.no, at);
    termFigures[2 * term.id] = term.size;
    return at;
  }

  /** Sets the value of the story's weight at {@code at}, of {@code term}, where it is held twice. */
  private static void setWeight(OpenStory story, int at, Term term, double value) {
    story.values[at] = value;
    term.entries[2 * story.postingPlaces[at] + 1] = value;
  }

  /**
   * Takes the story's weight at {@code at} out of its centroid (the last takes its place) and out
   * of its term's posting (and a bare term out).
   */
  private void detach(OpenStory story, int at) {
    Term term = termsById[story.termIds[at]];
    int posting = story.postingPlaces[at];
    story.slots.remove(term.id);
    int last = --story.size;
    if (last != at) {
      story.termIds[at] = story.termIds[last];
      story.values[at] = story.values[last];
      story.postingPlaces[at] = story.postingPlaces[last];
      story.slots.put(story.termIds[at], at);
      termsById[story.termIds[at]].places[story.postingPlaces[at]] = at;
      story.placesStale = true;
    }
    leavePosting(term, posting);
  }

  /**
   * Takes entry {@code p} out of the term's posting (the last takes its place); drops the empty
   * terms when they are as many as the held ones.
   */
  private void leavePosting(Term term, int p) {
    int last = --term.size;
    if (p != last) {
      term.entries[2 * p] = term.entries[2 * last];
      term.entries[2 * p + 1] = term.entries[2 * last + 1];
      term.places[p] = term.places[last];
      storiesByNo[(int) term.entries[2 * p]].postingPlaces[term.places[p]] = p;
    }
    termFigures[2 * term.id] = term.size;
    if (term.size == 0) {
      emptyTerms++;
      if (emptyTerms >= LEAST_EMPTY_TERMS_DROPPED && 2 * emptyTerms >= terms.size()) {
        dropEmptyTerms();
      }
    }
  }

  private void dropEmptyTerms() {
    termGeneration++;
    terms.values().removeIf(term -> {
      if (term.size > 0) {
        return false;
      }
      termNumbers.give(term.id);
      termsById[term.id] = null;
      term.gone = true;
      return true;
    });
    emptyTerms = 0;
  }

  /** Inverse story frequency of a term held by {@code length} of the open stories. */
  private double idfOf(int length) {
    int open = stories.size();
    if (length >= idfs.length) {
      int size = Math.max(length + 1, idfs.length * 2);
      idfs = Arrays.copyOf(idfs, size);
      int[] grown = filledWithMinusOne(size);
      System.arraycopy(idfStories, 0, grown, 0, idfStories.length);
      idfStories = grown;
    }
    if (idfStories[length] != open) {
      idfs[length] = Math.log((open + 1.0) / (length + 1.0)) + 1.0;
      idfStories[length] = open;
    }
    return idfs[length];
  }

  private static int[] filledWithMinusOne(int size) {
    int[] array = new int[size];
    Arrays.fill(array, -1);
    return array;
  }

  /**
   * Numbers for array indexes, 0 upwards, given back when their holder leaves and taken again
   * (latest given first). Which holder has which number never changes a result.
   */
  private static final class Numbers {
    private int[] free = new int[64];
    private int freeCount;
    private int next;

    int take() {
      return freeCount > 0 ? free[--freeCount] : next++;
    }

    void give(int number) {
      if (freeCount == free.length) {
        free = Arrays.copyOf(free, freeCount * 2);
      }
      free[freeCount++] = number;
    }
  }

  /** Inserts a slot into a list earliest first (at the end when it is the latest, as usual). */
  private static void insertInOrder(List<Slot> slots, Slot slot) {
    int at = slots.size();
    if (at > 0 && SLOTS_EARLIEST_FIRST.compare(slot, slots.get(at - 1)) < 0) {
      at = -Collections.binarySearch(slots, slot, SLOTS_EARLIEST_FIRST) - 1;
    }
    slots.add(at, slot);
  }

  /** Widens the story's span by one member. */
  private static void extendSpan(OpenStory story, Member member) {
    Instant published = member.published();
    story.first = story.first == null || published.isBefore(story.first) ? published : story.first;
    story.last = story.last == null || published.isAfter(story.last) ? published : story.last;
    Instant until = story.until == null || story.until.isBefore(story.last) ? story.last : story.until;
    if (member.original()) {
      for (AnnouncedDates.Span span : member.announced()) {
        story.announced.add(span);
        until = span.end().isAfter(until) ? span.end() : until;
      }
    }
    story.until = until;
  }

  private void spanChanged(OpenStory story) {
    storyFigures[STORY_FIGURES * story.no + FIRST_MILLIS] = story.first.toEpochMilli();
    storyFigures[STORY_FIGURES * story.no + LAST_MILLIS] = story.last.toEpochMilli();
    storyFigures[STORY_FIGURES * story.no + ANNOUNCES] = story.announced.isEmpty() ? 0.0 : 1.0;
  }

  /** The story's span from its members, after one left. */
  private static void recomputeSpan(OpenStory story) {
    story.first = null;
    story.last = null;
    story.until = null;
    story.announced = new ArrayList<>();
    for (Slot slot : story.ordered) {
      extendSpan(story, slot.member);
    }
  }

  /** The IDF-weighted norm of the story's centroid, with the current IDF. */
  private double centroidNorm(OpenStory story) {
    long sum = 0;
    for (int w = 0; w < story.size; w++) {
      sum += squaredWeighted(story.values[w], termFigures[2 * story.termIds[w]]);
    }
    return normOf(sum);
  }

  /** A norm from its fixed-point sum of squares; the least positive double for an empty one. */
  private static double normOf(long sum) {
    return sum == 0 ? Double.MIN_NORMAL : Math.sqrt(unfixed(sum));
  }

  /** Units of a fixed-point sum per 1.0: 2^-32 resolution, and room for sums up to 2^31. */
  private static final double FIXED_SCALE = 0x1p32;

  /**
   * A non-negative term of a sum in fixed point: long additions are exact and associative, so a
   * sum over a centroid has the same bits in whatever order its terms are held (which follows the
   * history of adds and removes in a live index, and the stored order in a rebuilt one).
   */
  static long fixed(double value) {
    return (long) (value * FIXED_SCALE + 0.5);
  }

  static double unfixed(long sum) {
    return sum / FIXED_SCALE;
  }

  /**
   * A similarity weighed by time: times exp(-gap / time scale) for the gap to the story's span
   * (first to last article); or, when the similarity reaches {@link #ANNOUNCED_SIMILARITY_FACTOR}
   * times the similarity threshold, for
   * the gap to one of the dates the story's articles announced, if that is nearer. Only a clearly
   * similar article is linked through an announced date: a month-long window open to every
   * loosely related article would let the story snowball.
   */
  private double timed(double similarity, OpenStory story, Instant published) {
    int at = STORY_FIGURES * story.no;
    long gap = spanGap((long) storyFigures[at + FIRST_MILLIS], (long) storyFigures[at + LAST_MILLIS],
        published.toEpochMilli());
    if (similarity >= ANNOUNCED_SIMILARITY_FACTOR * settings.similarityThreshold()) {
      for (AnnouncedDates.Span span : story.announced) {
        gap = Math.min(gap, span.gapMillis(published));
      }
    }
    return weighed(similarity, gap);
  }

  /** A similarity times exp(-gap / time scale). */
  private double weighed(double similarity, long gapMillis) {
    return similarity * Math.exp(-(double) gapMillis / settings.timeScale().toMillis());
  }

  /** Milliseconds from a span (first to last article) to a time; 0 within it. */
  private static long spanGap(long first, long last, long time) {
    long gap = 0;
    if (time < first) {
      gap = first - time;
    } else if (time > last) {
      gap = time - last;
    }
    return gap;
  }

  private static StoryMember storyMemberOf(Member member) {
    Article article = member.article().getArticle();
    return StoryMember.newBuilder()
        .setArticleId(article.getId())
        .setSource(article.getSource())
        .setTitle(article.getTitle())
        .setUrl(article.getUrl())
        .setPublished(article.getPublished())
        .setDuplicateOf(member.duplicateOf())
        .build();
  }

  private static DuplicateDetector.Entry entryOf(EnrichedArticle article) {
    byte[] minHash = new byte[article.getFingerprints().getMinHash().remaining()];
    article.getFingerprints().getMinHash().duplicate().get(minHash);
    return new DuplicateDetector.Entry(
        article.getArticle().getId(),
        article.getFingerprints().getContentHash(),
        minHash,
        article.getFingerprints().getMinHashScheme());
  }
}
