package dev.storyline.ingest;

import dev.storyline.avro.Article;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what would have been sent; the Kafka path is covered by the integration tests. */
final class RecordingSink implements OutcomeSink {
  final List<Article> published = new CopyOnWriteArrayList<>();
  final List<IngestOutcome.Refused> rejected = new CopyOnWriteArrayList<>();

  @Override
  public CompletableFuture<?> publish(Article article) {
    published.add(article);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<?> reject(IngestOutcome.Refused refused) {
    rejected.add(refused);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void flush() {}

  List<String> publishedIds() {
    return published.stream().map(Article::getId).toList();
  }

  List<String> rejectedReasons() {
    return rejected.stream().map(IngestOutcome.Refused::describe).toList();
  }
}
