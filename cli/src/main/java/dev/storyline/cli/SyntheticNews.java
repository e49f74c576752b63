package dev.storyline.cli;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import dev.storyline.enrich.FingerprintSettings;
import dev.storyline.enrich.Fingerprinter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic pre-enriched news for {@code storyline bench cluster}, shaped so the
 * clusterer does the work it does on real news.
 *
 * <ul>
 *   <li>Vocabulary: {@value #VOCABULARY} pseudo-words drawn Zipf-like (log-uniform rank, so the
 *       frequency of a word falls as 1/rank): a few words are in most articles, most words are
 *       rare. A story's {@value #TOPIC_WORDS} topic words are drawn from the same vocabulary
 *       above rank {@value #TOPIC_MIN_RANK}, so stories share mid-frequency words with each other
 *       the way news stories do, and the inverted index sees long and short postings.
 *   <li>Entities: each story has one well-known entity drawn Zipf-like from {@value
 *       #WELL_KNOWN_ENTITIES} (the most common is in about one story in twelve, like a head of
 *       state) and three of its own drawn from {@value #TAIL_ENTITIES}; an article names two to
 *       four of them and sometimes one more well-known entity.
 *   <li>Articles of a story share its words and entities: a title of five topic words and two
 *       common words, a body of {@value #BODY_WORDS} words of which 30% are topic words; some
 *       report the story's figure (a count, sometimes rounded or disagreeing); one in ten later
 *       articles is a lightly edited copy of an earlier one (a wire reprint), a near-duplicate.
 *   <li>Sizes and timing: story sizes are heavy-tailed (Pareto, exponent {@value
 *       #SIZE_EXPONENT}, capped at {@value #MAX_STORY_SIZE}: most stories have one to three
 *       articles, a few have hundreds); a story's later articles follow its first by an
 *       exponential delay of mean {@value #MEAN_DELAY_HOURS} h; stories start as a Poisson
 *       process whose rate keeps about the requested number of stories live under the closing
 *       horizon (a story is live from its first article until the horizon after its last).
 *   <li>Warm-up and measured articles: the articles of the first horizon plus three days reach
 *       the steady state of live stories and are not timed; the next articles, in (published, id)
 *       order, are measured. Most measured articles belong to a story that already has articles
 *       ({@link #joiningShare()}).
 * </ul>
 *
 * <p>Each article is rendered from its own seeded generator, so the same seed gives the same
 * articles whatever the order they are built in. The gold story of every article is kept, so the
 * bench can check that the clusterer found the stories rather than timing a degenerate run.
 */
final class SyntheticNews {

  static final int VOCABULARY = 50_000;
  static final int TOPIC_MIN_RANK = 300;
  static final int TOPIC_WORDS = 12;
  static final int WELL_KNOWN_ENTITIES = 3_000;
  static final int TAIL_ENTITIES = 200_000;
  static final int BODY_WORDS = 160;
  static final double SIZE_EXPONENT = 1.3;
  static final int MAX_STORY_SIZE = 400;
  static final int MEAN_DELAY_HOURS = 18;
  private static final int OUTLETS = 200;
  private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
  private static final EntityType[] TYPES = {
    EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION, EntityType.PERSON
  };

  /** One article to be: its story, its number in the story and its publication time. */
  private record Event(int story, int ordinal, long published) {
    String id() {
      return String.format("bench-%07d-%03d", story, ordinal);
    }
  }

  private final long seed;
  private final List<EnrichedArticle> warmUp = new ArrayList<>();
  private final List<EnrichedArticle> measured = new ArrayList<>();
  private final Map<String, String> gold = new HashMap<>();
  private final Fingerprinter fingerprinter = new Fingerprinter(FingerprintSettings.DEFAULTS);
  private int joining;
  private int generatedStories;

  /**
   * Generates the warm-up articles that reach about {@code liveStories} live stories under the
   * closing {@code horizon}, and {@code measuredArticles} articles after them.
   */
  SyntheticNews(long seed, int liveStories, int measuredArticles, Duration horizon) {
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    // A story is live from its first article until the horizon after its last: about the
    // horizon plus the mean span of its articles.
    double liveMillis = horizon.toMillis() + Duration.ofHours(MEAN_DELAY_HOURS).toMillis();
    double meanGapMillis = liveMillis / liveStories;
    long warmUpEnd = START.toEpochMilli() + horizon.plusDays(3).toMillis();
    List<Event> events = new ArrayList<>();
    double start = START.toEpochMilli();
    int story = 0;
    // Stories start in time order, so once one starts at s every article before s is known.
    while (true) {
      start += -Math.log(1.0 - random.nextDouble()) * meanGapMillis;
      if (start >= warmUpEnd && story % 200 == 0 && readyBefore(events, warmUpEnd, (long) start)
          >= measuredArticles) {
        break;
      }
      int size = storySize(random);
      long first = (long) start;
      events.add(new Event(story, 0, first));
      for (int k = 1; k < size; k++) {
        long delay = (long) (-Math.log(1.0 - random.nextDouble())
            * Duration.ofHours(MEAN_DELAY_HOURS).toMillis());
        events.add(new Event(story, k, first + delay));
      }
      story++;
    }
    generatedStories = story;
    long cutoff = (long) start;
    events.removeIf(e -> e.published() >= cutoff);
    events.sort(Comparator.comparingLong(Event::published).thenComparing(Event::id));
    Map<Integer, Integer> seen = new HashMap<>();
    for (Event event : events) {
      boolean measuring = event.published() >= warmUpEnd;
      if (measuring && measured.size() == measuredArticles) {
        break;
      }
      EnrichedArticle article = render(event);
      gold.put(article.getArticle().getId(), Integer.toString(event.story()));
      boolean joins = seen.merge(event.story(), 1, Integer::sum) > 1;
      if (measuring) {
        measured.add(article);
        joining += joins ? 1 : 0;
      } else {
        warmUp.add(article);
      }
    }
  }

  private static long readyBefore(List<Event> events, long from, long until) {
    return events.stream().filter(e -> e.published() >= from && e.published() < until).count();
  }

  List<EnrichedArticle> warmUp() {
    return warmUp;
  }

  List<EnrichedArticle> measured() {
    return measured;
  }

  /** Gold story of every generated article, by article id. */
  Map<String, String> gold() {
    return gold;
  }

  /** Share of the measured articles whose story already had an article. */
  double joiningShare() {
    return measured.isEmpty() ? 0.0 : (double) joining / measured.size();
  }

  int generatedStories() {
    return generatedStories;
  }

  private static int storySize(SplittableRandom random) {
    double pareto = Math.pow(1.0 - random.nextDouble(), -1.0 / SIZE_EXPONENT);
    return (int) Math.min(MAX_STORY_SIZE, Math.floor(pareto));
  }

  private EnrichedArticle render(Event event) {
    // A wire reprint: the text of an earlier article of the story with a few words changed.
    SplittableRandom choice = randomFor(event.story(), event.ordinal(), 1);
    boolean reprint = event.ordinal() > 0 && choice.nextInt(10) == 0;
    int textOrdinal = reprint ? choice.nextInt(event.ordinal()) : event.ordinal();
    SplittableRandom storyRandom = randomFor(event.story(), -1, 0);
    long[] topic = new long[TOPIC_WORDS];
    for (int i = 0; i < TOPIC_WORDS; i++) {
      topic[i] = logUniform(storyRandom, TOPIC_MIN_RANK, VOCABULARY);
    }
    long wellKnown = logUniform(storyRandom, 1, WELL_KNOWN_ENTITIES);
    long[] own = {logUniform(storyRandom, 1, TAIL_ENTITIES), logUniform(storyRandom, 1, TAIL_ENTITIES),
        logUniform(storyRandom, 1, TAIL_ENTITIES)};
    double figureValue = Math.floor(logUniform(storyRandom, 10, 100_000));

    SplittableRandom text = randomFor(event.story(), textOrdinal, 2);
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      title.append(word(topic[topicIndex(text, 6)])).append(' ');
    }
    title.append(word(logUniform(text, 1, VOCABULARY))).append(' ')
        .append(word(logUniform(text, 1, VOCABULARY)));
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < BODY_WORDS; i++) {
      long rank = text.nextInt(10) < 3
          ? topic[topicIndex(text, TOPIC_WORDS)]
          : logUniform(text, 1, VOCABULARY);
      String w = word(rank);
      if (reprint && choice.nextInt(40) == 0) {
        w = word(logUniform(choice, 1, VOCABULARY));
      }
      body.append(w).append(i % 16 == 15 ? ". " : " ");
    }
    List<Figure> figures = new ArrayList<>();
    if (text.nextInt(10) < 4) {
      int how = text.nextInt(10);
      double value = how < 7 ? figureValue : how < 9 ? roundOff(figureValue) : figureValue * 1.3;
      String unit = word(topic[0]) + " cases";
      String written = (how == 7 || how == 8 ? "around " : "") + (long) value + " " + unit;
      figures.add(Figure.newBuilder()
          .setKind(FigureKind.COUNT)
          .setQualifier(how == 7 || how == 8 ? FigureQualifier.APPROXIMATE : FigureQualifier.EXACT)
          .setValue(value)
          .setUpperValue(null)
          .setUnit(unit)
          .setDate(null)
          .setText(written)
          .setStart(0)
          .setEnd(written.length())
          .setSentence(written + ".")
          .build());
    }

    Instant published = Instant.ofEpochMilli(event.published());
    SplittableRandom meta = randomFor(event.story(), event.ordinal(), 3);
    Article article = Article.newBuilder()
        .setId(event.id())
        .setUrl(null)
        .setSource("outlet-" + (logUniform(meta, 1, OUTLETS) - 1))
        .setTitle(title.toString())
        .setPublished(published)
        .setPublishedInferred(false)
        .setBody(body.toString())
        .setLanguage("en")
        .setOrigin("bench")
        .setIngestedAt(published)
        .build();
    List<Entity> entities = new ArrayList<>();
    entities.add(entity("Known", wellKnown, meta));
    int named = 1 + meta.nextInt(3);
    for (int i = 0; i < named; i++) {
      entities.add(entity("Own", own[i], meta));
    }
    if (meta.nextInt(10) < 3) {
      entities.add(entity("Known", logUniform(meta, 1, WELL_KNOWN_ENTITIES), meta));
    }
    return EnrichedArticle.newBuilder()
        .setArticle(article)
        .setLanguage("eng")
        .setEntities(entities)
        .setFigures(figures)
        .setFingerprints(fingerprinter.fingerprint(article.getTitle(), article.getBody()))
        .setEnricherVersion("bench")
        .setEnrichedAt(published)
        .build();
  }

  private static Entity entity(String pool, long rank, SplittableRandom random) {
    return Entity.newBuilder()
        .setName(pool + " " + capitalised(rank) + " " + capitalised(rank * 7 + 3))
        .setType(TYPES[(int) (rank % TYPES.length)])
        .setMentionCount(1 + random.nextInt(5))
        .setFirstPosition(random.nextInt(800))
        .setMentions(List.of())
        .build();
  }

  private static String capitalised(long n) {
    String letters = letters(n);
    return Character.toUpperCase(letters.charAt(0)) + letters.substring(1);
  }

  /** A pseudo-word for a vocabulary rank: letters only, so it survives normalisation whole. */
  private static String word(long rank) {
    return "w" + letters(rank);
  }

  private static String letters(long n) {
    StringBuilder s = new StringBuilder();
    long v = n;
    do {
      s.append((char) ('a' + (v % 26)));
      v /= 26;
    } while (v > 0);
    return s.toString();
  }

  /** A story's topic words are not equally frequent in it either: the first ones most. */
  private static int topicIndex(SplittableRandom random, int bound) {
    return (int) Math.min(bound - 1, logUniform(random, 1, bound + 1) - 1);
  }

  /** A rank in [low, high) with probability falling as 1/rank (Zipf, exponent 1). */
  private static long logUniform(SplittableRandom random, long low, long high) {
    return Math.min(high - 1, (long) Math.floor(low * Math.pow((double) high / low, random.nextDouble())));
  }

  private static double roundOff(double value) {
    double magnitude = Math.pow(10, Math.max(0, Math.floor(Math.log10(value)) - 1));
    return Math.round(value / magnitude) * magnitude;
  }

  private SplittableRandom randomFor(int story, int ordinal, int purpose) {
    long mixed = seed * 0x9E3779B97F4A7C15L + story * 0xC2B2AE3D27D4EB4FL + ordinal * 31L + purpose;
    return new SplittableRandom(mixed);
  }
}
