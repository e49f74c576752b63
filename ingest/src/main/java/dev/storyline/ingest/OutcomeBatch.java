package dev.storyline.ingest;

import java.util.ArrayList;
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
 */
public final class OutcomeBatch {

  private static final Logger log = LoggerFactory.getLogger(OutcomeBatch.class);

  private final OutcomeSink sink;
  private final Consumer<IngestOutcome> progress;
  private final List<Pending> pending = new ArrayList<>();
  private final List<IngestOutcome.Refused> refused = new ArrayList<>();

  /**
   * @param sink where outcomes go
   * @param progress called once per outcome as it is sent, for progress displays
   */
  public OutcomeBatch(OutcomeSink sink, Consumer<IngestOutcome> progress) {
    this.sink = sink;
    this.progress = progress;
  }

  /** Sends one outcome: an article to the articles topic, a refusal to the rejected topic. */
  public void add(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Accepted accepted) {
      pending.add(new Pending(outcome.origin(), true, sink.publish(accepted.article())));
    } else if (outcome instanceof IngestOutcome.Refused r) {
      refused.add(r);
      pending.add(new Pending(outcome.origin(), false, sink.reject(r)));
    }
    progress.accept(outcome);
  }

  /** Flushes the sink and waits for every send of this batch to be acknowledged or to fail. */
  public IngestSummary finish() {
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

  private record Pending(String origin, boolean article, CompletableFuture<?> future) {}
}
