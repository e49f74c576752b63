package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ordering rule of the clustering stage's reorder buffer: articles are held under a key that
 * sorts by (publication time, article id) and released, in key order, once the watermark has
 * passed them by the grace period. The watermark is the least, over the input partitions, of the
 * latest publication time seen from each (nothing is released before every partition has been
 * heard from), so a partition that runs ahead cannot push another's articles out of order.
 * Articles therefore reach the clusterer in one order whatever the interleaving of the
 * partitions, as long as each partition is in time order up to the grace period (ingest sends a
 * run's articles in publication order for this). When the input is live (its time within the
 * grace period of the wall clock), a partition not heard from for the partition idle time (wall
 * clock) stops counting until it is heard from again, so a silent partition delays a live feed by
 * that much at most instead of stalling it; in a backlog of history every partition counts, so
 * a replay gives the same order however the stream thread interleaves the partitions.
 *
 * <p>Keys are 16 hex digits of the publication time in epoch milliseconds with the sign bit
 * flipped (so that string order is time order, before 1970 too), a {@code '|'} and the article id.
 */
public final class EventTimeBuffer {

  private final Duration grace;
  private final int partitions;
  private final long partitionIdleMs;
  private final Map<Integer, Instant> latestByPartition = new TreeMap<>();
  private final Map<Integer, Long> heardAtMs = new TreeMap<>();
  private long firstHeardMs = Long.MIN_VALUE;

  /**
   * @param grace how far behind the watermark an article is released
   * @param partitions number of input partitions to hear from before anything is released; 0 when
   *     not known (the watermark is then over the partitions seen so far)
   * @param partitionIdle wall-clock time after which a silent partition stops holding the others
   */
  public EventTimeBuffer(Duration grace, int partitions, Duration partitionIdle) {
    this.grace = grace;
    this.partitions = partitions;
    this.partitionIdleMs = partitionIdle.toMillis();
  }

  /** The buffer key of an article. */
  public static String keyOf(EnrichedArticle article) {
    return timePrefix(article.getArticle().getPublished()) + "|" + article.getArticle().getId();
  }

  /**
   * Records a publication time read from {@code partition} at wall-clock time {@code nowMs}; a
   * partition's time never goes back. Returns true when that partition's time moved.
   */
  public boolean observe(int partition, Instant published, long nowMs) {
    heardAtMs.put(partition, nowMs);
    if (firstHeardMs == Long.MIN_VALUE) {
      firstHeardMs = nowMs;
    }
    return restore(partition, published);
  }

  /**
   * Records a partition's latest publication time kept from before a restart (heard from at no
   * particular time: it counts as heard from when first asked).
   */
  public boolean restore(int partition, Instant published) {
    Instant latest = latestByPartition.get(partition);
    if (latest == null || published.isAfter(latest)) {
      latestByPartition.put(partition, published);
      return true;
    }
    return false;
  }

  /** The latest publication time seen from each partition, by partition. */
  public Map<Integer, Instant> latestByPartition() {
    return Collections.unmodifiableMap(latestByPartition);
  }

  /**
   * The least of the latest publication times of the partitions that hold the others, at
   * wall-clock time {@code nowMs}; null while nothing may be released. Every partition holds the
   * others, except, when the input is live, one that is silent (or not heard from yet) for the
   * partition idle time.
   *
   * <p>Live means the partitions heard from recently are within the grace period of the wall
   * clock. Only then does silence say a partition has nothing pending that the grace period would
   * not cover anyway (what it still sends is recent). In a backlog of history (a replay, a bulk
   * load) a partition is silent because the stream thread is busy with another one, not because it
   * has nothing left, so it keeps holding the others: the order must not depend on which
   * partition the thread happened to serve first.
   */
  public Instant watermark(long nowMs) {
    if (latestByPartition.isEmpty()) {
      return null;
    }
    Instant leastActive = leastActive(nowMs);
    Instant leastAll = null;
    for (Instant latest : latestByPartition.values()) {
      if (leastAll == null || latest.isBefore(leastAll)) {
        leastAll = latest;
      }
    }
    boolean live = isLive(leastActive, nowMs);
    boolean allHeard = latestByPartition.size() >= partitions;
    if (!allHeard && !(live && nowMs - firstHeardMs >= partitionIdleMs)) {
      return null;
    }
    return live ? leastActive : leastAll;
  }

  /**
   * Whether the input is live at wall-clock time {@code nowMs}: the partitions heard from
   * recently are within the grace period of the wall clock (see {@link #watermark}). False
   * before anything was heard.
   */
  public boolean live(long nowMs) {
    return isLive(leastActive(nowMs), nowMs);
  }

  private boolean isLive(Instant leastActive, long nowMs) {
    return leastActive != null && !leastActive.isBefore(Instant.ofEpochMilli(nowMs).minus(grace));
  }

  /** The least latest time of the partitions heard from within the partition idle time. */
  private Instant leastActive(long nowMs) {
    Instant leastActive = null;
    for (Map.Entry<Integer, Instant> entry : latestByPartition.entrySet()) {
      Long heard = heardAtMs.putIfAbsent(entry.getKey(), nowMs);
      boolean active = heard == null || nowMs - heard < partitionIdleMs;
      if (active && (leastActive == null || entry.getValue().isBefore(leastActive))) {
        leastActive = entry.getValue();
      }
    }
    return leastActive;
  }

  /**
   * The exclusive upper bound of the keys that may be released at wall-clock time {@code nowMs}:
   * every article published at or before the watermark minus grace; null while nothing may be
   * released.
   */
  public String releaseBound(long nowMs) {
    Instant watermark = watermark(nowMs);
    if (watermark == null) {
      return null;
    }
    return timePrefix(watermark.minus(grace).plusMillis(1));
  }

  private static String timePrefix(Instant time) {
    return String.format(Locale.ROOT, "%016x", time.toEpochMilli() ^ Long.MIN_VALUE);
  }
}
