package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
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
 * open stories), the {@link DuplicateDetector} over every open member, and the stories ordered by
 * last publication for closing.
 *
 * <p>It is derived state: everything in it follows from the open stories' members, so it is rebuilt
 * from the {@link StoryBook} when a {@link StoryClusterer} starts and never restored on its own.
 * Ties are broken by story id, so results never depend on hash-map iteration order. Not
 * thread-safe.
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

  /** Postings longer than this (and than 2% of the open stories) do not propose candidates. */
  private static final int MIN_LONGEST_POSTING = 100;

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

  private static final class OpenStory {
    final String id;
    final Map<String, Member> members = new TreeMap<>();
    /** Originals, latest first. */
    final TreeSet<Member> recent = new TreeSet<>(EARLIEST_FIRST.reversed());
    final Map<String, Double> centroid = new HashMap<>();
    Instant first;
    Instant last;
    /** The later of {@code last} and the end of the latest date its originals announce. */
    Instant until;
    /** The dates its originals announce. */
    List<AnnouncedDates.Span> announced = List.of();
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
  private final Map<String, Member> members = new HashMap<>();
  private final Map<String, List<OpenStory>> postings = new HashMap<>();
  /** Open stories by the end of their span (last article or latest announced date). */
  private final TreeSet<OpenStory> byUntil =
      new TreeSet<>(Comparator.<OpenStory, Instant>comparing(s -> s.until).thenComparing(s -> s.id));
  private long epoch;

  StoryIndex(ClusteringSettings settings) {
    this.settings = settings;
    this.duplicates = new DuplicateDetector(settings.nearDuplicateThreshold());
  }

  Optional<Member> member(String articleId) {
    return Optional.ofNullable(members.get(articleId));
  }

  /** The members of an open story, earliest first. */
  List<Member> membersOf(String storyId) {
    OpenStory story = stories.get(storyId);
    if (story == null) {
      return List.of();
    }
    List<Member> list = new ArrayList<>(story.members.values());
    list.sort(EARLIEST_FIRST);
    return list;
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
      Member match = members.get(id);
      if (onlyInStory != null && !match.storyId().equals(onlyInStory)) {
        continue;
      }
      Member root = match.original() ? match : members.get(match.duplicateOf());
      return Optional.of(root == null ? match : root);
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
    int longestPosting = Math.max(MIN_LONGEST_POSTING, stories.size() / 50);
    List<OpenStory> touched = new ArrayList<>();
    double articleNorm = 0.0;
    for (Map.Entry<String, Integer> term : vector.countsView().entrySet()) {
      double idf = idf(term.getKey());
      double weight = term.getValue() * idf;
      articleNorm += weight * weight;
      List<OpenStory> posting = postings.get(term.getKey());
      // Terms in many stories say little about which one; they still count in the exact score.
      if (posting == null || posting.size() > longestPosting) {
        continue;
      }
      double weightIdf = weight * idf;
      for (OpenStory story : posting) {
        if (story.epoch != epoch) {
          story.epoch = epoch;
          story.accumulator = 0.0;
          touched.add(story);
        }
        story.accumulator += weightIdf * story.centroid.get(term.getKey());
      }
    }
    if (touched.isEmpty()) {
      return Optional.empty();
    }
    double norm = Math.sqrt(articleNorm);
    for (OpenStory story : touched) {
      story.approximateScore =
          timed(story.accumulator / story.approximateNorm, story, published);
    }
    Comparator<OpenStory> byApproximateScore =
        Comparator.<OpenStory>comparingDouble(s -> s.approximateScore)
            .thenComparing(s -> s.id, Comparator.reverseOrder());
    PriorityQueue<OpenStory> top = new PriorityQueue<>(byApproximateScore);
    for (OpenStory story : touched) {
      top.add(story);
      if (top.size() > EXACT_CANDIDATES) {
        top.poll();
      }
    }
    Match best = null;
    for (OpenStory story : top) {
      double dot = 0.0;
      for (Map.Entry<String, Integer> term : vector.countsView().entrySet()) {
        Double centroidWeight = story.centroid.get(term.getKey());
        if (centroidWeight != null) {
          double idf = idf(term.getKey());
          dot += term.getValue() * idf * idf * centroidWeight;
        }
      }
      double centroidScore = dot / (norm * centroidNorm(story));
      double memberScore = MEMBER_WEIGHT * nearestMember(story, vector, norm);
      double score = timed(Math.max(centroidScore, memberScore), story, published);
      if (best == null || score > best.score()
          || (score == best.score() && story.id.compareTo(best.storyId()) < 0)) {
        best = new Match(story.id, score);
      }
    }
    return best.score() >= settings.similarityThreshold() ? Optional.of(best) : Optional.empty();
  }

  /** Highest TF-IDF cosine between the vector and one of the story's latest originals. */
  private double nearestMember(OpenStory story, TermVector vector, double norm) {
    double best = 0.0;
    int seen = 0;
    for (Member member : story.recent) {
      double dot = 0.0;
      double memberNorm = 0.0;
      Map<String, Integer> counts = vector.countsView();
      for (Map.Entry<String, Integer> term : member.vector().countsView().entrySet()) {
        double idf = idf(term.getKey());
        double weight = term.getValue() * idf;
        memberNorm += weight * weight;
        Integer count = counts.get(term.getKey());
        if (count != null) {
          dot += weight * count * idf;
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
    story.members.put(member.id(), member);
    members.put(member.id(), member);
    duplicates.add(entryOf(member.article()));
    if (member.original()) {
      story.recent.add(member);
      double scale = 1.0 / member.vector().norm();
      for (Map.Entry<String, Integer> term : member.vector().countsView().entrySet()) {
        Double before = story.centroid.put(
            term.getKey(), story.centroid.getOrDefault(term.getKey(), 0.0)
                + term.getValue() * scale);
        if (before == null) {
          postings.computeIfAbsent(term.getKey(), t -> new ArrayList<>(2)).add(story);
        }
      }
    }
    updateSpan(story);
    story.approximateNorm = centroidNorm(story);
  }

  /** Removes a member (it is replaced by a new version, or its story closed). */
  void remove(String articleId) {
    Member member = members.remove(articleId);
    if (member == null) {
      return;
    }
    OpenStory story = stories.get(member.storyId());
    byUntil.remove(story);
    story.members.remove(articleId);
    duplicates.remove(articleId);
    if (member.original()) {
      story.recent.remove(member);
      double scale = 1.0 / member.vector().norm();
      for (Map.Entry<String, Integer> term : member.vector().countsView().entrySet()) {
        double left = story.centroid.get(term.getKey()) - term.getValue() * scale;
        if (left > 1e-9) {
          story.centroid.put(term.getKey(), left);
        } else {
          story.centroid.remove(term.getKey());
          List<OpenStory> posting = postings.get(term.getKey());
          posting.remove(story);
          if (posting.isEmpty()) {
            postings.remove(term.getKey());
          }
        }
      }
    }
    if (story.members.isEmpty()) {
      stories.remove(story.id);
    } else {
      updateSpan(story);
      story.approximateNorm = centroidNorm(story);
    }
  }

  /** Removes a story and all its members (it closed). */
  void removeStory(String storyId) {
    OpenStory story = stories.get(storyId);
    if (story != null) {
      new ArrayList<>(story.members.keySet()).forEach(this::remove);
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
    double centroidNorm = 0.0;
    for (double weight : story.centroid.values()) {
      centroidNorm += weight * weight;
    }
    centroidNorm = Math.sqrt(centroidNorm);
    List<Member> originals = new ArrayList<>(story.recent);
    originals.sort(EARLIEST_FIRST);
    Member best = null;
    double bestSimilarity = -1.0;
    for (Member member : originals) {
      double dot = 0.0;
      for (Map.Entry<String, Integer> term : member.vector().countsView().entrySet()) {
        dot += term.getValue() * story.centroid.getOrDefault(term.getKey(), 0.0);
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

  private void updateSpan(OpenStory story) {
    Instant first = null;
    Instant last = null;
    Instant until = null;
    List<AnnouncedDates.Span> announced = new ArrayList<>();
    for (Member m : story.members.values()) {
      first = first == null || m.published().isBefore(first) ? m.published() : first;
      last = last == null || m.published().isAfter(last) ? m.published() : last;
      if (m.original()) {
        for (AnnouncedDates.Span span : m.announced()) {
          announced.add(span);
          until = until == null || span.end().isAfter(until) ? span.end() : until;
        }
      }
    }
    story.first = first;
    story.last = last;
    story.until = until == null || until.isBefore(last) ? last : until;
    story.announced = announced;
    byUntil.add(story);
  }

  private double centroidNorm(OpenStory story) {
    double sum = 0.0;
    for (Map.Entry<String, Double> term : story.centroid.entrySet()) {
      double weight = term.getValue() * idf(term.getKey());
      sum += weight * weight;
    }
    return sum == 0.0 ? Double.MIN_NORMAL : Math.sqrt(sum);
  }

  /**
   * Inverse story frequency: how few open stories hold the term. Counting stories rather than
   * articles keeps a story's own words discriminative however many articles it has (a big story
   * would otherwise make its key words look common).
   */
  private double idf(String term) {
    List<OpenStory> posting = postings.get(term);
    return Math.log((stories.size() + 1.0) / ((posting == null ? 0 : posting.size()) + 1.0)) + 1.0;
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
