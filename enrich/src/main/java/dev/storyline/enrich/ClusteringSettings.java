package dev.storyline.enrich;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the story clusterer. Part of the clusterer version, so story states produced with
 * different settings can be told apart after a replay.
 *
 * @param similarityThreshold least score (TF-IDF cosine between the article and a story's
 *     centroid, times the time factor) for the article to join that story, in (0, 1]
 * @param titleBoost how many times the title's words count, against once for the body's
 * @param timeScale time over which the score decays by a factor e (exp(-gap / timeScale)), where
 *     gap is the time between the article and the nearest end of the story's span
 * @param nearDuplicateThreshold least estimated Jaccard similarity of the MinHash signatures for
 *     an article to be a near-duplicate of an earlier member, in (0, 1]
 * @param horizon a story closes when the stream's event time passes its last article by this much
 * @param reorderGrace how long (event time) the clustering stage holds articles back to put them
 *     in (published, id) order before assigning them; must exceed the event-time skew between
 *     input partitions for assignments not to depend on their interleaving
 * @param closedMemory how long (event time) after a story closed its members' ids are remembered,
 *     so a resend of one of them (a file of history ingested again) changes nothing instead of
 *     starting a second story that lists it again; about 150 bytes per article in a RocksDB store
 *     on disk, not heap. The default, ten years, covers re-ingesting any archive; a shorter one
 *     bounds the disk at the price of duplicates when older history is sent again
 * @param idleFlush wall-clock time without new input after which the clustering stage assigns
 *     every held article, so the newest articles do not wait for later ones; not part of
 *     {@link #describe()}, as it changes results only when input pauses mid-stream
 */
public record ClusteringSettings(
    double similarityThreshold,
    int titleBoost,
    Duration timeScale,
    double nearDuplicateThreshold,
    Duration horizon,
    Duration reorderGrace,
    Duration closedMemory,
    Duration idleFlush) {

  public static final String SIMILARITY_THRESHOLD_CONFIG = "storyline.cluster.similarity-threshold";
  public static final String TITLE_BOOST_CONFIG = "storyline.cluster.title-boost";
  public static final String TIME_SCALE_CONFIG = "storyline.cluster.time-scale";
  public static final String NEAR_DUPLICATE_THRESHOLD_CONFIG =
      "storyline.cluster.near-duplicate-threshold";
  public static final String HORIZON_CONFIG = "storyline.cluster.horizon";
  public static final String REORDER_GRACE_CONFIG = "storyline.cluster.reorder-grace";
  public static final String CLOSED_MEMORY_CONFIG = "storyline.cluster.closed-memory";
  public static final String IDLE_FLUSH_CONFIG = "storyline.cluster.idle-flush";

  /** Tuned on the development sets, see docs/QUALITY.md. */
  public static final ClusteringSettings DEFAULTS =
      new ClusteringSettings(
          0.15, 3, Duration.ofHours(12), 0.6, Duration.ofDays(7), Duration.ofHours(1),
          Duration.ofDays(3650), Duration.ofSeconds(2));

  public ClusteringSettings {
    require(similarityThreshold > 0.0 && similarityThreshold <= 1.0, SIMILARITY_THRESHOLD_CONFIG,
        similarityThreshold, "in (0, 1]");
    require(titleBoost >= 1, TITLE_BOOST_CONFIG, titleBoost, "at least 1");
    require(!timeScale.isNegative() && !timeScale.isZero(), TIME_SCALE_CONFIG, timeScale,
        "positive");
    require(nearDuplicateThreshold > 0.0 && nearDuplicateThreshold <= 1.0,
        NEAR_DUPLICATE_THRESHOLD_CONFIG, nearDuplicateThreshold, "in (0, 1]");
    require(!horizon.isNegative() && !horizon.isZero(), HORIZON_CONFIG, horizon, "positive");
    require(!reorderGrace.isNegative(), REORDER_GRACE_CONFIG, reorderGrace, "zero or positive");
    require(!closedMemory.isNegative(), CLOSED_MEMORY_CONFIG, closedMemory, "zero or positive");
    require(!idleFlush.isNegative() && !idleFlush.isZero(), IDLE_FLUSH_CONFIG, idleFlush,
        "positive");
  }

  /** The defaults with another similarity threshold. */
  public ClusteringSettings(double similarityThreshold) {
    this(similarityThreshold, DEFAULTS.titleBoost, DEFAULTS.timeScale,
        DEFAULTS.nearDuplicateThreshold, DEFAULTS.horizon, DEFAULTS.reorderGrace,
        DEFAULTS.closedMemory, DEFAULTS.idleFlush);
  }

  /**
   * Settings from configuration; absent keys take the {@link #DEFAULTS}. Durations are ISO 8601
   * ({@code P7D}, {@code PT1H}).
   */
  public static ClusteringSettings fromConfig(Map<?, ?> config) {
    return new ClusteringSettings(
        number(config, SIMILARITY_THRESHOLD_CONFIG, DEFAULTS.similarityThreshold),
        (int) number(config, TITLE_BOOST_CONFIG, DEFAULTS.titleBoost),
        duration(config, TIME_SCALE_CONFIG, DEFAULTS.timeScale),
        number(config, NEAR_DUPLICATE_THRESHOLD_CONFIG, DEFAULTS.nearDuplicateThreshold),
        duration(config, HORIZON_CONFIG, DEFAULTS.horizon),
        duration(config, REORDER_GRACE_CONFIG, DEFAULTS.reorderGrace),
        duration(config, CLOSED_MEMORY_CONFIG, DEFAULTS.closedMemory),
        duration(config, IDLE_FLUSH_CONFIG, DEFAULTS.idleFlush));
  }

  /** Canonical description, hashed into the clusterer version. */
  public String describe() {
    return "tfidf-cosine-v6;stopwords=" + StopWords.ENGLISH_VERSION
        + ";threshold=" + similarityThreshold
        + ";title-boost=" + titleBoost
        + ";time-scale=" + timeScale
        + ";near-duplicate=" + nearDuplicateThreshold
        + ";horizon=" + horizon
        + ";reorder-grace=" + reorderGrace
        + ";closed-memory=" + closedMemory;
  }

  /** The same settings with another similarity threshold (for tuning). */
  public ClusteringSettings withSimilarityThreshold(double threshold) {
    return new ClusteringSettings(
        threshold, titleBoost, timeScale, nearDuplicateThreshold, horizon, reorderGrace,
        closedMemory, idleFlush);
  }

  private static double number(Map<?, ?> config, String key, double defaultValue) {
    Object value = config.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + value + "' is not a number", e);
    }
  }

  private static Duration duration(Map<?, ?> config, String key, Duration defaultValue) {
    Object value = config.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Duration.parse(value.toString().strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          key + ": '" + value + "' is not an ISO 8601 duration such as P7D or PT1H", e);
    }
  }

  private static void require(boolean ok, String key, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": " + value + " must be " + expected);
    }
  }
}
