package dev.storyline.ingest;

import dev.storyline.avro.Article;
import java.util.concurrent.CompletableFuture;

/** Where ingest sends what it read: Kafka in production ({@link ArticlePublisher}). */
public interface OutcomeSink {

  /** Publishes a valid article; completes when it is durably stored. */
  CompletableFuture<?> publish(Article article);

  /** Records a refusal; completes when it is durably stored. */
  CompletableFuture<?> reject(IngestOutcome.Refused refused);

  /** Blocks until every pending send has completed. */
  void flush();
}
