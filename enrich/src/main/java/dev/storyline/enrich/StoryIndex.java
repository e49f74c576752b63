package dev.storyline.enrich;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryMember;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
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
 * 10,000 live stories): every term is one {@link Term} object holding its posting (the stories'
 * centroid weights for it, so the candidate pass reads no map) and its IDF, cached until the
 * number of open stories or its posting length changes; a member keeps its terms resolved to its
 * story's centroid weights (so comparing with a member reads no map either); only the article's
 * {@value #CANDIDATE_TERMS} heaviest terms propose candidates. Norms used in exact scores are
 * exact, computed with the current IDF: a cached norm would make the scores of a live index differ
 * from those of one rebuilt after a restart (see docs/BENCHMARKS.md).
 */
final class StoryIndex {

  /** Candidates scored exactly after the inverted-index pass. */
  private static final int EXACT_CANDIDATES = 8;

  /**
   * Least similarity, in multiples of the similarity threshold, for an article to be linked to a
   * story through a date the story announced.
   */
  static final double ANNOUNCED_SIMILARITY_FACTOR = 2.0;

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
   * are the coming dates it announces ({@link AnnouncedDates}).
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
  }

  /** Earliest first, then by id: the order members are listed and originals are chosen in. */
  static final Comparator<Member> EARLIEST_FIRST =
      Comparator.comparing(Member::published).thenComparing(Member::id);

  /** A story's best match score. */
  record Match(String storyId, double score) {}

  /**
   * What a story's state is built from, in the order the state lists it: members earliest first
   * (and as story members), sources by name, the originals' keyed entities and prepared figures.
   */
  record Summary(
      List<Member> members, List<StoryMember> storyMembers, List<String> sources, int coverage,
      Instant first, Instant last, List<EntityMerger.Keyed> entities,
      List<FigureGrouper.Prepared> figures) {}

  /** A term of the open stories' centroids: its posting and its cached IDF. */
  private final class Term {
    final String text;
    /** The stories whose centroid holds the term, in the order they took it, with its weight. */
    final List<Weight> posting = new ArrayList<>(2);
    /** The article being scored holds the term when {@code markEpoch} is the current epoch. */
    long markEpoch = -1;
    int articleCount;

    Term(String text) {
      this.text = text;
    }

    /**
     * The text's hash, so maps keyed by terms iterate in an order that follows from their content
     * (as maps keyed by strings do): sums over a centroid must come out bit for bit the same in a
     * live index and in one rebuilt after a restart. One term object per text, so identity
     * equality is enough.
     */
    @Override
    public int hashCode() {
      return text.hashCode();
    }

    /** Inverse story frequency over the open stories. */
    double idf() {
      return idfOf(posting.size());
    }
  }

  /** A term's weight in one story's centroid; also the story's entry in the term's posting. */
  private static final class Weight {
    final OpenStory story;
    final Term term;
    double value;
    /** Its place in its story's {@code weights}. */
    int slot;

    Weight(OpenStory story, Term term) {
      this.story = story;
      this.term = term;
    }
  }

  /** An open member with what the index keeps for it. */
  private static final class Slot {
    final Member member;
    final StoryMember storyMember;
    final EntityMerger.Keyed entities;
    final FigureGrouper.Prepared figures;
    /** For originals: the member's terms as its story's centroid weights, and their counts. */
    Weight[] weights;
    int[] counts;

    Slot(Member member) {
      this.member = member;
      this.storyMember = storyMemberOf(member);
      this.entities = EntityMerger.keyed(member.article());
      this.figures = FigureGrouper.prepare(member.article());
    }
  }

  private static final class OpenStory {
    final String id;
    final Map<String, Slot> members = new HashMap<>();
    /** Every member, earliest first. */
    final TreeSet<Member> ordered = new TreeSet<>(EARLIEST_FIRST);
    /** Originals, latest first. */
    final TreeSet<Slot> recent =
        new TreeSet<>(Comparator.comparing((Slot slot) -> slot.member, EARLIEST_FIRST.reversed()));
    final Map<Term, Weight> centroid = new HashMap<>();
    /**
     * The centroid's weights in no particular order (a removed one is replaced by the last): sums
     * over them are taken in fixed point ({@link #fixed}), so their order does not matter.
     */
    Weight[] weights = new Weight[16];
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
    /**
     * IDF-weighted centroid norm as of the story's last change (or the rebuild): only for ranking
     * candidates in the inverted-index pass; exact scores use the current norm.
     */
    double approximateNorm;
    double accumulator;
    double approximateScore;
    long epoch = -1;

    OpenStory(String id) {
      this.id = id;
    }
  }

  private final ClusteringSettings settings;
  private final DuplicateDetector duplicates;
  private final Map<String, OpenStory> stories = new TreeMap<>();
  private final Map<String, Slot> members = new HashMap<>();
  private final Map<String, Term> terms = new HashMap<>();
  /** Open stories by the end of their span (last article or latest announced date). */
  private final TreeSet<OpenStory> byUntil =
      new TreeSet<>(Comparator.<OpenStory, Instant>comparing(s -> s.until).thenComparing(s -> s.id));
  private long epoch;
  /**
   * IDF by posting length for the current number of open stories: {@code idfs[n]} is valid when
   * {@code idfStories[n]} is that number. Filled on first use with the one formula, so an entry has
   * the same bits whenever it is computed, in a live index or in one rebuilt after a restart; an
   * article then needs a {@code Math.log} per distinct posting length instead of one per term.
   */
  private double[] idfs = new double[64];
  private int[] idfStories = filledWithMinusOne(64);

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
    return story == null ? List.of() : new ArrayList<>(story.ordered);
  }

  /** What the state of an open story is built from; null when the story is not open. */
  Summary summaryOf(String storyId) {
    OpenStory story = stories.get(storyId);
    if (story == null) {
      return null;
    }
    List<Member> ordered = new ArrayList<>(story.ordered);
    List<StoryMember> storyMembers = new ArrayList<>(ordered.size());
    List<EntityMerger.Keyed> entities = new ArrayList<>(story.recent.size());
    List<FigureGrouper.Prepared> figures = new ArrayList<>(story.recent.size());
    for (Member member : ordered) {
      Slot slot = story.members.get(member.id());
      storyMembers.add(slot.storyMember);
      if (member.original()) {
        entities.add(slot.entities);
        figures.add(slot.figures);
      }
    }
    return new Summary(ordered, storyMembers, List.copyOf(story.sources.keySet()),
        story.recent.size(), story.first, story.last, entities, figures);
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
    epoch++;
    int longestPosting = Math.max(MIN_LONGEST_POSTING, stories.size() / POSTING_DIVISOR);
    int size = vector.size();
    Term[] articleTerms = new Term[size];
    int[] articleCounts = new int[size];
    double[] articleIdfs = new double[size];
    double[] proposing = new double[size];
    int proposers = 0;
    double articleNorm = 0.0;
    int i = 0;
    for (Map.Entry<String, Integer> entry : vector.countsView().entrySet()) {
      Term term = terms.get(entry.getKey());
      int count = entry.getValue();
      double idf = term == null ? idfOf(0) : term.idf();
      double weight = count * idf;
      articleNorm += weight * weight;
      articleTerms[i] = term;
      articleCounts[i] = count;
      articleIdfs[i] = idf;
      if (term != null) {
        term.markEpoch = epoch;
        term.articleCount = count;
        // Terms in many stories say little about which one; they still count in the exact score.
        proposing[i] = term.posting.size() <= longestPosting ? weight * idf : -1.0;
        if (proposing[i] >= 0) {
          proposers++;
        }
      } else {
        proposing[i] = -1.0;
      }
      i++;
    }
    double cut = -1.0;
    if (proposers > CANDIDATE_TERMS) {
      double[] sorted = proposing.clone();
      java.util.Arrays.sort(sorted);
      cut = sorted[size - CANDIDATE_TERMS];
    }
    List<OpenStory> touched = new ArrayList<>();
    int taken = 0;
    for (i = 0; i < size; i++) {
      // Ties at the cut are taken in the vector's order, up to the number of candidate terms.
      if (proposing[i] < 0 || proposing[i] < cut || (cut >= 0 && taken == CANDIDATE_TERMS)) {
        continue;
      }
      taken++;
      double weightIdf = proposing[i];
      for (Weight weight : articleTerms[i].posting) {
        OpenStory story = weight.story;
        if (story.epoch != epoch) {
          story.epoch = epoch;
          story.accumulator = 0.0;
          touched.add(story);
        }
        story.accumulator += weightIdf * weight.value;
      }
    }
    if (touched.isEmpty()) {
      return Optional.empty();
    }
    double norm = Math.sqrt(articleNorm);
    Comparator<OpenStory> byApproximateScore =
        Comparator.<OpenStory>comparingDouble(s -> s.approximateScore)
            .thenComparing(s -> s.id, Comparator.reverseOrder());
    PriorityQueue<OpenStory> top = new PriorityQueue<>(byApproximateScore);
    for (OpenStory story : touched) {
      double untimed = story.accumulator / story.approximateNorm;
      // The time weight is at most 1: a story whose untimed score is below the lowest of a full
      // top list cannot enter it, so its exp is not needed (the same top list as timing it).
      if (top.size() == EXACT_CANDIDATES && untimed < top.peek().approximateScore) {
        continue;
      }
      story.approximateScore = timed(untimed, story, published);
      top.add(story);
      if (top.size() > EXACT_CANDIDATES) {
        top.poll();
      }
    }
    Match best = null;
    for (OpenStory story : top) {
      // One pass over the centroid gives both its norm with the current IDF and the dot product
      // with the article (whose terms are marked), each summed in fixed point.
      long normSum = 0;
      long dotSum = 0;
      Weight[] weights = story.weights;
      for (int w = 0, n = story.size; w < n; w++) {
        Weight weight = weights[w];
        Term term = weight.term;
        double idf = idfOf(term.posting.size());
        double weighted = weight.value * idf;
        normSum += fixed(weighted * weighted);
        if (term.markEpoch == epoch) {
          dotSum += fixed(term.articleCount * idf * weighted);
        }
      }
      double centroidNorm = normSum == 0 ? Double.MIN_NORMAL : Math.sqrt(unfixed(normSum));
      double centroidScore = unfixed(dotSum) / (norm * centroidNorm);
      double memberScore = MEMBER_WEIGHT * nearestMember(story, norm);
      double score = timed(Math.max(centroidScore, memberScore), story, published);
      if (best == null || score > best.score()
          || (score == best.score() && story.id.compareTo(best.storyId()) < 0)) {
        best = new Match(story.id, score);
      }
    }
    return best.score() >= settings.similarityThreshold() ? Optional.of(best) : Optional.empty();
  }

  /**
   * Highest TF-IDF cosine between the article being scored (its terms are marked with the
   * current epoch) and one of the story's latest originals.
   */
  private double nearestMember(OpenStory story, double norm) {
    double best = 0.0;
    int seen = 0;
    for (Slot slot : story.recent) {
      double dot = 0.0;
      double memberNorm = 0.0;
      Weight[] weights = slot.weights;
      int[] counts = slot.counts;
      for (int i = 0; i < weights.length; i++) {
        Term term = weights[i].term;
        double idf = term.idf();
        double weight = counts[i] * idf;
        memberNorm += weight * weight;
        if (term.markEpoch == epoch) {
          dot += weight * term.articleCount * idf;
        }
      }
      if (memberNorm > 0) {
        best = Math.max(best, dot / (norm * Math.sqrt(memberNorm)));
      }
      if (++seen == RECENT_MEMBERS) {
        break;
      }
    }
    return best;
  }

  /** Adds a member to its story, opening the story when it is new. */
  void add(Member member) {
    OpenStory story = stories.computeIfAbsent(member.storyId(), OpenStory::new);
    if (story.until != null) {
      byUntil.remove(story);
    }
    Slot slot = new Slot(member);
    story.members.put(member.id(), slot);
    story.ordered.add(member);
    story.sources.merge(member.article().getArticle().getSource(), 1, Integer::sum);
    members.put(member.id(), slot);
    duplicates.add(entryOf(member.article()));
    if (member.original()) {
      story.recent.add(slot);
      Map<String, Integer> counts = member.vector().countsView();
      slot.weights = new Weight[counts.size()];
      slot.counts = new int[counts.size()];
      double scale = 1.0 / member.vector().norm();
      int i = 0;
      for (Map.Entry<String, Integer> entry : counts.entrySet()) {
        Term term = terms.computeIfAbsent(entry.getKey(), Term::new);
        Weight weight = story.centroid.get(term);
        if (weight == null) {
          weight = new Weight(story, term);
          story.centroid.put(term, weight);
          if (story.size == story.weights.length) {
            story.weights = java.util.Arrays.copyOf(story.weights, story.size * 2);
          }
          weight.slot = story.size;
          story.weights[story.size++] = weight;
          term.posting.add(weight);
        }
        weight.value += entry.getValue() * scale;
        slot.weights[i] = weight;
        slot.counts[i] = entry.getValue();
        i++;
      }
    }
    extendSpan(story, member);
    byUntil.add(story);
    story.approximateNorm = centroidNorm(story);
  }

  /** Removes a member (it is replaced by a new version, or its story closed). */
  void remove(String articleId) {
    Slot slot = members.remove(articleId);
    if (slot == null) {
      return;
    }
    Member member = slot.member;
    OpenStory story = stories.get(member.storyId());
    byUntil.remove(story);
    story.members.remove(articleId);
    story.ordered.remove(member);
    String source = member.article().getArticle().getSource();
    story.sources.computeIfPresent(source, (s, n) -> n == 1 ? null : n - 1);
    duplicates.remove(articleId);
    if (member.original()) {
      story.recent.remove(slot);
      double scale = 1.0 / member.vector().norm();
      for (int i = 0; i < slot.weights.length; i++) {
        Weight weight = slot.weights[i];
        double left = weight.value - slot.counts[i] * scale;
        if (left > 1e-9) {
          weight.value = left;
        } else {
          story.centroid.remove(weight.term);
          Weight last = story.weights[--story.size];
          story.weights[weight.slot] = last;
          last.slot = weight.slot;
          story.weights[story.size] = null;
          weight.term.posting.remove(weight);
          if (weight.term.posting.isEmpty()) {
            terms.remove(weight.term.text);
          }
        }
      }
    }
    if (story.members.isEmpty()) {
      stories.remove(story.id);
    } else {
      recomputeSpan(story);
      byUntil.add(story);
      story.approximateNorm = centroidNorm(story);
    }
  }

  /** Removes a story and all its members (it closed). */
  void removeStory(String storyId) {
    OpenStory story = stories.get(storyId);
    if (story != null) {
      new ArrayList<>(story.members.keySet()).stream().sorted().forEach(this::remove);
    }
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
      centroidSum += fixed(story.weights[w].value * story.weights[w].value);
    }
    double centroidNorm = Math.sqrt(unfixed(centroidSum));
    Member best = null;
    double bestSimilarity = -1.0;
    for (Member member : story.ordered) {
      if (!member.original()) {
        continue;
      }
      Slot slot = story.members.get(member.id());
      double dot = 0.0;
      for (int i = 0; i < slot.weights.length; i++) {
        dot += slot.counts[i] * slot.weights[i].value;
      }
      double norm = member.vector().norm() * centroidNorm;
      double similarity = norm == 0.0 ? 0.0 : dot / norm;
      if (similarity > bestSimilarity) {
        best = member;
        bestSimilarity = similarity;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Recomputes every cached norm with the current IDF, so a rebuilt index equals a live one. */
  void refreshNorms() {
    stories.values().forEach(s -> s.approximateNorm = centroidNorm(s));
  }

  /** Inverse story frequency of a term held by {@code length} of the open stories. */
  private double idfOf(int length) {
    int open = stories.size();
    if (length >= idfs.length) {
      int size = Math.max(length + 1, idfs.length * 2);
      idfs = java.util.Arrays.copyOf(idfs, size);
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
    java.util.Arrays.fill(array, -1);
    return array;
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

  /** The story's span from its members, after one left. */
  private static void recomputeSpan(OpenStory story) {
    story.first = null;
    story.last = null;
    story.until = null;
    story.announced = new ArrayList<>();
    for (Member member : story.ordered) {
      extendSpan(story, member);
    }
  }

  /** The IDF-weighted norm of the story's centroid, with the current IDF. */
  private double centroidNorm(OpenStory story) {
    long sum = 0;
    for (int w = 0; w < story.size; w++) {
      Weight weight = story.weights[w];
      double weighted = weight.value * idfOf(weight.term.posting.size());
      sum += fixed(weighted * weighted);
    }
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
    long gap = spanGap(story, published);
    if (similarity >= ANNOUNCED_SIMILARITY_FACTOR * settings.similarityThreshold()) {
      for (AnnouncedDates.Span span : story.announced) {
        gap = Math.min(gap, span.gapMillis(published));
      }
    }
    return similarity * Math.exp(-(double) gap / settings.timeScale().toMillis());
  }

  private static long spanGap(OpenStory story, Instant published) {
    long gap = 0;
    if (published.isBefore(story.first)) {
      gap = story.first.toEpochMilli() - published.toEpochMilli();
    } else if (published.isAfter(story.last)) {
      gap = published.toEpochMilli() - story.last.toEpochMilli();
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
