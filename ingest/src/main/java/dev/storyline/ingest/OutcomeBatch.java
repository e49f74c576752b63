package dev.storyline.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outcomes to a sink without waiting for each one (so the producer can batch), then waits
 * for all of them once: every input ends up published, refused or listed as failed, never
 * silently lost. One batch per run, file scan, HTTP request or feed poll; not thread-safe.
 *
 * <p>A batch in publication order holds its articles and sends them sorted by (publication time,
 * id), in runs of at most {@value #ORDERED_RUN} articles: a bulk load of history whose files are
 * not in time order then reaches every partition in time order, which is what lets the
 * clustering stage give the same stories whatever the partitions' interleaving (its reorder
 * buffer only has to cover the skew between partitions, not the disorder of the files).
 */
public final class OutcomeBatch {

  private static final Logger log = LoggerFactory.getLogger(OutcomeBatch.class);

  /** Most articles a batch in publication order holds before sending them (memory bound). */
  static final int ORDERED_RUN = 100_000;

  private static final Comparator<IngestOutcome.Accepted> PUBLICATION_ORDER =
      Comparator.<IngestOutcome.Accepted, Instant>comparing(a -> a.article().getPublished())
          .thenComparing(a -> a.article().getId());

  private final OutcomeSink sink;
  private final Consumer<IngestOutcome> progress;
  private final List<Pending> pending = new ArrayList<>();
  private final List<IngestOutcome.Refused> refused = new ArrayList<>();
  private final boolean publicationOrder;
  private final List<IngestOutcome.Accepted> held = new ArrayList<>();

  /**
   * A batch in arrival order.
   *
   * @param sink where outcomes go
   * @param progress called once per outcome as it is sent, for progress displays
   */
  public OutcomeBatch(OutcomeSink sink, Consumer<IngestOutcome> progress) {
    this(sink, progress, false);
  }

  /**
   * @param sink where outcomes go
   * @param progress called once per outcome as it is read, for progress displays
   * @param publicationOrder whether to send the articles in (publication time, id) order rather
   *     than as they are added
   */
  public OutcomeBatch(OutcomeSink sink, Consumer<IngestOutcome> progress, boolean publicationOrder) {
    this.sink = sink;
    this.progress = progress;
    this.publicationOrder = publicationOrder;
  }

  /**
   * Sends one outcome: an article to the articles topic (or holds it, in publication order), a
   * refusal to the rejected topic.
   */
  public void add(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Accepted accepted && publicationOrder) {
      held.add(accepted);
      if (held.size() >= ORDERED_RUN) {
        sendHeld();
      }
    } else if (outcome instanceof IngestOutcome.Accepted accepted) {
      pending.add(new Pending(outcome.origin(), true, sink.publish(accepted.article())));
    } else if (outcome instanceof IngestOutcome.Refused r) {
      refused.add(r);
      pending.add(new Pending(outcome.origin(), false, sink.reject(r)));
    }
    progress.accept(outcome);
  }

  /** Flushes the sink and waits for every send of this batch to be acknowledged or to fail. */
  public IngestSummary finish() {
    sendHeld();
    sink.flush();
    int published = 0;
    List<String> failed = new ArrayList<>();
    for (Pending p : pending) {
      try {
        p.future().get();
        if (p.article()) {
          published++;
        }
      } catch (ExecutionException e) {
        log.error("{}: not acknowledged by Kafka: {}", p.origin(), e.getCause().getMessage());
        failed.add(p.origin() + ": " + e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed.add(p.origin() + ": interrupted before Kafka acknowledged it");
      }
    }
    return new IngestSummary(published, refused, failed);
  }

  private void sendHeld() {
    held.sort(PUBLICATION_ORDER);
    for (IngestOutcome.Accepted accepted : held) {
      pending.add(new Pending(accepted.origin(), true, sink.publish(accepted.article())));
    }
    held.clear();
  }

  private record Pending(String origin, boolean article, CompletableFuture<?> future) {}
}
