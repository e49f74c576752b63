package dev.storyline.enrich;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far this app instance's enrichment stage has got, shared with its clustering stage. While
 * enrichment is working through articles, enriched records are on their way to clustering, so a
 * pause in clustering's input says the stream thread is busy enriching, not that the input has
 * ended: the clustering stage's idle flush must not release its reorder buffer then (that would
 * assign articles in an order that depends on thread timing, not on the articles).
 *
 * <p>Counts, not clock times: an article that takes longer to enrich than the idle flush shows as
 * started and not finished, whatever the clock says.
 */
public final class EnrichmentActivity {

  private final AtomicLong started = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();

  /** An enrichment stage begins work on an article. */
  void started() {
    started.incrementAndGet();
  }

  /** An enrichment stage is done with an article (enriched or rejected). */
  void finished() {
    finished.incrementAndGet();
  }

  /**
   * A mark that changes whenever an article's enrichment starts or finishes, and is negative while
   * one is in progress.
   */
  long progressMark() {
    long done = finished.get();
    long begun = started.get();
    return begun > done ? -1 - done : done;
  }
}
