package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The ordering rule of the clustering stage's reorder buffer: articles are held under a key that
 * sorts by (publication time, article id) and released, in key order, once the stream's event
 * time (the latest publication time seen) has passed them by the grace period. Articles of
 * different input partitions therefore reach the clusterer in one order whatever their
 * interleaving, as long as the partitions are less than the grace period apart.
 *
 * <p>Keys are 16 hex digits of the publication time in epoch milliseconds with the sign bit
 * flipped (so that string order is time order, before 1970 too), a {@code '|'} and the article id.
 */
public final class EventTimeBuffer {

  private final Duration grace;
  private Instant streamTime;

  public EventTimeBuffer(Duration grace) {
    this.grace = grace;
  }

  /** The buffer key of an article. */
  public static String keyOf(EnrichedArticle article) {
    return timePrefix(article.getArticle().getPublished()) + "|" + article.getArticle().getId();
  }

  /** Records a publication time; event time never goes back. Returns the stream time. */
  public Instant observe(Instant published) {
    if (streamTime == null || published.isAfter(streamTime)) {
      streamTime = published;
    }
    return streamTime;
  }

  /** The stream time so far, or null before the first article. */
  public Instant streamTime() {
    return streamTime;
  }

  /**
   * The exclusive upper bound of the keys that may be released: every article published at or
   * before stream time minus grace; null before the first article.
   */
  public String releaseBound() {
    if (streamTime == null) {
      return null;
    }
    return timePrefix(streamTime.minus(grace).plusMillis(1));
  }

  private static String timePrefix(Instant time) {
    return String.format(Locale.ROOT, "%016x", time.toEpochMilli() ^ Long.MIN_VALUE);
  }
}
