package dev.storyline.cli;

import dev.storyline.avro.Article;
import dev.storyline.ingest.IngestOutcome;
import dev.storyline.ingest.OutcomeSink;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link OutcomeSink} in front of the real one that notes, per article id, the moment
 * ({@link System#nanoTime()}) the broker acknowledged the article: where {@code storyline bench}
 * starts its latency clock.
 */
final class AcknowledgementTimes implements OutcomeSink {

  private final OutcomeSink delegate;
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

  AcknowledgementTimes(OutcomeSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<?> publish(Article article) {
    String id = article.getId();
    return delegate.publish(article).whenComplete((metadata, error) -> {
      if (error == null) {
        acknowledged.put(id, System.nanoTime());
      }
    });
  }

  @Override
  public CompletableFuture<?> reject(IngestOutcome.Refused refused) {
    return delegate.reject(refused);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  /** Acknowledgement time of each acknowledged article, by id. */
  Map<String, Long> byId() {
    return acknowledged;
  }
}
