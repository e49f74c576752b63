package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import dev.storyline.schemas.AvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin Streams wrapper around {@link StoryClusterer}: holds each article in the reorder buffer
 * store ({@link EventTimeBuffer} decides the order and when to release, from a watermark per
 * input partition kept in the watermark store), hands released articles
 * to the clusterer in (published, id) order and forwards every changed story keyed by story id.
 * A wall-clock punctuation releases everything once no article has arrived for
 * {@link ClusteringSettings#idleFlush()} while the same app instance's enrichment stage
 * ({@link EnrichmentActivity}) has not been working either, and, for history (input that is not
 * live, see {@link EventTimeBuffer#live}), once the app's whole input is drained
 * ({@link InputDrain}): a pause in a backlog is the stream thread fetching, committing or
 * rejoining the group, not the end of the input, and releasing then would make the order depend
 * on that timing.
 *
 * <p>Held articles are released at most once per {@link #EMIT_EVERY} of wall-clock time (from a
 * record or a punctuation), and each release forwards every story it changed once, in its latest
 * state: a story that several released articles joined is written once with all of them, not once
 * per article. Every story state is the whole story, so the skipped intermediate states carry
 * nothing the written one lacks, and a burst of coverage of one big story no longer costs the
 * stories topic, the story store and the sink the square of its size. Versions still count every
 * change, so the written versions are increasing but may skip. Releasing in batches changes only
 * when stories are written, not what they hold: articles are assigned in the same order. A
 * closing story is forwarded at once, in its final state. The story store gets the same one
 * write per story and release ({@link StoreStoryBook} writes behind), and is cached, so its
 * changelog and RocksDB get one per story and commit. The forwarded states and the stores that
 * hold them are written in the same call, hence the same exactly-once transaction.
 * An article the clusterer fails on becomes a
 * {@code CLUSTER} rejection; store and Kafka errors ({@link StreamsException}) propagate so
 * exactly-once processing can abort and retry the transaction.
 */
final class StoryAssignProcessor
    implements Processor<String, EnrichedArticle, String, Outcome<StoryCluster>> {

  private static final Logger LOG = LoggerFactory.getLogger(StoryAssignProcessor.class);

  private static final Duration PUNCTUATE_EVERY = Duration.ofMillis(500);

  /**
   * Idle flushes' worth of wall-clock silence after which an input partition stops holding back
   * the others' articles (see {@link EventTimeBuffer}).
   */
  private static final int PARTITION_IDLE_FLUSHES = 10;

  /**
   * Work done per punctuation while draining the buffer, so one exactly-once transaction stays
   * well inside {@code transaction.timeout.ms} however much was held; the rest waits for the next
   * punctuation (batch boundaries do not change results, only transaction boundaries).
   */
  private static final Duration DRAIN_BUDGET = Duration.ofSeconds(1);

  /**
   * How long one record's releases may take: well inside the exactly-once transaction timeout
   * (Streams' 10 s), so a backlog released at once does not get the task's producer fenced.
   */
  private static final Duration RELEASE_BUDGET = Duration.ofSeconds(1);

  /** Held articles read from the reorder store per pass. */
  private static final int RELEASE_BATCH = 256;

  /**
   * Wall-clock time between two releases of held articles, so the stories changed by a burst of
   * articles are written once each; the default commit interval, so a story waits about one
   * transaction longer at most.
   */
  static final Duration EMIT_EVERY = Duration.ofMillis(EnrichApp.DEFAULT_COMMIT_INTERVAL_MS);

  private final ClusteringSettings settings;
  private final int sourcePartitions;
  private final AvroSerde<EnrichedArticle> articleSerde;
  private final RejectedArticleFactory rejections;
  private ProcessorContext<String, Outcome<StoryCluster>> context;
  private StoryClusterer clusterer;
  private StoreStoryBook book;
  private KeyValueStore<String, EnrichedArticle> buffer;
  private KeyValueStore<String, Long> watermarks;
  private EventTimeBuffer order;
  private final EnrichmentActivity enrichment;
  private final InputDrain drain;
  private long lastInputWallClock;
  private long lastDrainCheck = Long.MIN_VALUE;
  private long enrichmentMark;
  private String pendingBound;
  private long lastRelease;
  /**
   * The stories changed by the articles released so far in this release, with the publication
   * time of the article that changed each last (the timestamp of its record), in the order they
   * first changed; the clusterer builds their states once, when the release ends.
   */
  private final Map<String, Long> unsent = new LinkedHashMap<>();
  private boolean draining;
  /**
   * No held article has a key below this one (null: not known, read from the first key). Released
   * articles leave RocksDB tombstones behind; starting each release there instead of at the first
   * key keeps a release from stepping over every article released since the last compaction.
   */
  private String lowestHeld;

  StoryAssignProcessor(
      ClusteringSettings settings,
      int sourcePartitions,
      AvroSerde<EnrichedArticle> articleSerde,
      RejectedArticleFactory rejections,
      EnrichmentActivity enrichment,
      InputDrain drain) {
    this.settings = settings;
    this.enrichment = enrichment;
    this.drain = drain;
    this.sourcePartitions = sourcePartitions;
    this.articleSerde = articleSerde;
    this.rejections = rejections;
  }

  @Override
  public void init(ProcessorContext<String, Outcome<StoryCluster>> context) {
    this.context = context;
    KeyValueStore<String, StoryCluster> stories =
        context.getStateStore(ClusteringTopology.STORY_STORE);
    KeyValueStore<String, EnrichedArticle> members =
        context.getStateStore(ClusteringTopology.MEMBER_STORE);
    KeyValueStore<String, String> closed = context.getStateStore(ClusteringTopology.CLOSED_STORE);
    this.buffer = context.getStateStore(ClusteringTopology.REORDER_STORE);
    // A task revived after an aborted transaction gets its stores back as last committed, with
    // the articles that transaction had released held again.
    this.lowestHeld = null;
    // Called after the stores are restored, so the clusterer's index sees every open story.
    this.book = new StoreStoryBook(stories, members, closed);
    this.clusterer = new StoryClusterer(settings, book);
    this.watermarks = context.getStateStore(ClusteringTopology.WATERMARK_STORE);
    this.order = new EventTimeBuffer(settings.reorderGrace(), sourcePartitions,
        settings.idleFlush().multipliedBy(PARTITION_IDLE_FLUSHES));
    try (KeyValueIterator<String, Long> latest = watermarks.all()) {
      latest.forEachRemaining(
          entry -> order.restore(Integer.parseInt(entry.key), Instant.ofEpochMilli(entry.value)));
    }
    this.lastInputWallClock = context.currentSystemTimeMs();
    this.lastRelease = lastInputWallClock;
    this.pendingBound = null;
    this.unsent.clear();
    context.schedule(EMIT_EVERY, PunctuationType.WALL_CLOCK_TIME, this::releasePending);
    context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::flushIfIdle);
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    lastInputWallClock = context.currentSystemTimeMs();
    EnrichedArticle article = record.value();
    String key = EventTimeBuffer.keyOf(article);
    buffer.put(key, article);
    if (lowestHeld != null && key.compareTo(lowestHeld) < 0) {
      lowestHeld = key;
    }
    int partition = SourcePartitionTagger.partitionOf(record.headers());
    Instant published = article.getArticle().getPublished();
    if (order.observe(partition, published, lastInputWallClock)) {
      watermarks.put(Integer.toString(partition), published.toEpochMilli());
    }
    String bound = order.releaseBound(lastInputWallClock);
    if (bound != null) {
      pendingBound = bound;
      if (lastInputWallClock - lastRelease >= EMIT_EVERY.toMillis()) {
        releasePending(lastInputWallClock);
      }
    }
  }

  /** Releases the held articles below the latest release bound, if any. */
  private void releasePending(long wallClockMs) {
    lastRelease = wallClockMs;
    if (pendingBound != null && release(pendingBound, System.nanoTime() + RELEASE_BUDGET.toNanos())) {
      pendingBound = null;
    }
  }

  private void flushIfIdle(long wallClockMs) {
    releasePending(wallClockMs);
    long mark = enrichment.progressMark();
    if (mark != enrichmentMark || mark < 0) {
      // The app's enrichment stage is working: what it enriches is on its way here, so the input
      // has not ended however long this stage has waited for it.
      enrichmentMark = mark;
      lastInputWallClock = wallClockMs;
      return;
    }
    if (draining) {
      draining = !release(null, System.nanoTime() + DRAIN_BUDGET.toNanos());
    } else if (wallClockMs - lastInputWallClock >= settings.idleFlush().toMillis()
        && holdsArticles() && mayFlush(wallClockMs)) {
      LOG.info("Input idle for {}: releasing the reorder buffer ({} input)", settings.idleFlush(),
          order.live(wallClockMs) ? "live" : "drained");
      draining = !release(null, System.nanoTime() + DRAIN_BUDGET.toNanos());
    }
  }

  private boolean holdsArticles() {
    try (KeyValueIterator<String, EnrichedArticle> held = buffer.all()) {
      return held.hasNext();
    }
  }

  /**
   * Whether an idle flush may release history: live input may always be flushed; history only
   * once the app's input is drained, asked at most once per idle flush period.
   */
  private boolean mayFlush(long wallClockMs) {
    if (order.live(wallClockMs)) {
      return true;
    }
    if (lastDrainCheck != Long.MIN_VALUE
        && wallClockMs - lastDrainCheck < settings.idleFlush().toMillis()) {
      return false;
    }
    lastDrainCheck = wallClockMs;
    return drain.drained();
  }

  /**
   * Assigns the held articles with keys below {@code bound} (all of them when null), in order,
   * until {@code deadlineNanos}; true when none is left to release. The budget keeps one call
   * (and so one exactly-once transaction) short when a backlog releases thousands at once; what
   * is left is released by the next record or punctuation, still smallest key first.
   */
  private boolean release(String bound, long deadlineNanos) {
    // On an exception nothing is forwarded: the transaction aborts, and init, run again for the
    // revived task, drops what this release had collected.
    boolean done = releaseHeld(bound, deadlineNanos);
    forwardUnsent();
    return done;
  }

  private boolean releaseHeld(String bound, long deadlineNanos) {
    while (true) {
      List<KeyValue<String, EnrichedArticle>> ready = new ArrayList<>(RELEASE_BATCH);
      try (KeyValueIterator<String, EnrichedArticle> held = buffer.range(lowestHeld, bound)) {
        while (held.hasNext() && ready.size() < RELEASE_BATCH) {
          ready.add(held.next());
        }
      }
      for (KeyValue<String, EnrichedArticle> entry : ready) {
        if (bound != null && entry.key.compareTo(bound) >= 0) {
          lowestHeld = entry.key;
          return true;
        }
        if (System.nanoTime() > deadlineNanos) {
          lowestHeld = entry.key;
          return false;
        }
        buffer.delete(entry.key);
        assign(entry.value);
      }
      if (ready.size() < RELEASE_BATCH) {
        // Everything below the bound is out (everything at all without one).
        lowestHeld = bound;
        return true;
      }
      lowestHeld = ready.get(ready.size() - 1).key;
    }
  }

  /** Forwards the latest state of each story the release changed, in the order they first changed. */
  private void forwardUnsent() {
    for (StoryCluster story : clusterer.release()) {
      context.forward(new Record<>(story.getStoryId(), Outcome.ok(story, null),
          unsent.get(story.getStoryId())));
    }
    book.writeStories();
    unsent.clear();
  }

  private void assign(EnrichedArticle article) {
    long timestamp = article.getArticle().getPublished().toEpochMilli();
    try {
      StoryClusterer.Assignment assignment = clusterer.assign(article);
      for (StoryCluster story : assignment.closed()) {
        // Final: nothing joins it any more, and it must not be followed by an earlier state.
        unsent.remove(story.getStoryId());
        context.forward(new Record<>(story.getStoryId(), Outcome.ok(story, null), timestamp));
      }
      if (assignment.storyId() != null) {
        unsent.put(assignment.storyId(), timestamp);
      }
    } catch (StreamsException e) {
      throw e;
    } catch (RuntimeException e) {
      String articleId = article.getArticle().getId();
      String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
      byte[] original = articleSerde.encode(topic, article);
      context.forward(
          new Record<>(
              articleId,
              Outcome.rejected(
                  rejections.reject(
                      RejectedArticleFactory.reasonOf(e),
                      context.recordMetadata(),
                      articleId,
                      original)),
              // Now, not the publication time: the rejected topic's time retention counts from
              // the rejection, so an old article's rejection is not deleted as soon as written.
              context.currentSystemTimeMs()));
    }
  }
}
