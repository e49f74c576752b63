package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StreamIngestTest {

  private static final Instant NOW = Instant.parse("2025-04-16T10:00:00Z");
  private final RecordingSink sink = new RecordingSink();
  private final StreamIngest ingest = new StreamIngest(
      new ArticleParser(Clock.fixed(NOW, ZoneOffset.UTC), 1 << 20), sink, outcome -> {}, Clock.fixed(NOW, ZoneOffset.UTC));

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldPublishJsonLinesFromStdinAndNameBadLinesByNumber() {
    // Given two good lines around a bad one, a blank line and no final newline
    String lines = """
        {"id": "a", "source": "S", "title": "T1", "published": "2025-04-14", "body": "B1"}
        {"source": "S", "title": "T2", "published": "2025-04-14"}

        {"id": "c", "source": "S", "title": "T3", "published": "2025-04-14T10:00:00Z", "body": "B3"}""";
    // When
    IngestSummary summary = ingest.ingest("stdin", stream(lines), InputFormat.JSONL);
    // Then
    assertThat(summary.line()).isEqualTo("2 published, 1 refused, 0 failed");
    assertThat(sink.publishedIds()).containsExactly("a", "c");
    assertThat(sink.published).extracting(Article::getOrigin).containsExactly("stdin:1", "stdin:4");
    assertThat(sink.rejectedReasons()).containsExactly("stdin:2: missing required field 'body'");
  }

  @Test
  void shouldReadTextFromStdinAsOneArticleSourcedStdinAndPublishedWhenRead() {
    // When
    IngestSummary summary = ingest.ingest("stdin", stream("Bukele met Trump. More text.\n"), InputFormat.TEXT);
    // Then
    assertThat(summary.line()).isEqualTo("1 published, 0 refused, 0 failed");
    Article article = sink.published.get(0);
    assertThat(article.getSource()).isEqualTo("stdin");
    assertThat(article.getTitle()).isEqualTo("Bukele met Trump.");
    assertThat(article.getPublished()).isEqualTo(NOW);
    assertThat(article.getPublishedInferred()).isTrue();
    assertThat(article.getOrigin()).isEqualTo("stdin:1");
  }

  @Test
  void shouldReadOneJsonArticleSpanningLines() {
    String json = "{\n  \"url\": \"https://Example.com/a?utm_source=x\",\n  \"source\": \"S\",\n  \"title\": \"T\",\n"
        + "  \"published\": \"Mon, 14 Apr 2025 10:00:00 GMT\",\n  \"body\": \"B\"\n}\n";
    IngestSummary summary = ingest.ingest("stdin", stream(json), InputFormat.JSON);
    assertThat(summary.line()).isEqualTo("1 published, 0 refused, 0 failed");
    assertThat(sink.published.get(0).getUrl()).isEqualTo("https://example.com/a");
    assertThat(sink.published.get(0).getPublished()).isEqualTo(Instant.parse("2025-04-14T10:00:00Z"));
    assertThat(sink.publishedIds()).containsExactly(
        ArticleIds.id(java.util.Optional.of("https://example.com/a"), "other", "other", "other"));
  }

  @Test
  void shouldSendThousandsOfLinesInInputOrderAndReportTheReadErrorAfterWhatWasRead() {
    // Given more lines than one hand-over holds, a bad line among them, then a read error
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 2_000; i++) {
      lines.append(i == 777 ? "{\"id\": \"x\"}" : "{\"id\": \"a" + i + "\", \"source\": \"S\", \"title\": \"T\", "
          + "\"published\": \"2025-04-14\", \"body\": \"B\"}").append('\n');
    }
    InputStream failing = new java.io.SequenceInputStream(stream(lines.toString()), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk on fire");
      }
    });
    // When
    Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> ingest.ingest("in.jsonl", failing, InputFormat.JSONL));
    // Then: every line read was sent, in order, before the error surfaced with the stream's name
    assertThat(error).isInstanceOf(java.io.UncheckedIOException.class).hasMessage("in.jsonl: cannot read: disk on fire");
    assertThat(sink.publishedIds()).hasSize(1_999)
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 2_000).filter(i -> i != 777).mapToObj(i -> "a" + i).toList());
    assertThat(sink.rejectedReasons()).containsExactly("in.jsonl:777: missing required fields 'source', 'title', 'published', 'body'");
  }

  @Test
  void shouldPublishEachLineOfAPipeBeforeTheNextArrives() throws Exception {
    // Given a pipe that stays open, as tail -f keeps it, and a sink that says when it got an article
    java.util.concurrent.CompletableFuture<String> firstPublished = new java.util.concurrent.CompletableFuture<>();
    OutcomeSink signalling = new OutcomeSink() {
      @Override
      public java.util.concurrent.CompletableFuture<?> publish(Article article) {
        firstPublished.complete(article.getId());
        return sink.publish(article);
      }

      @Override
      public java.util.concurrent.CompletableFuture<?> reject(IngestOutcome.Refused refused) {
        return sink.reject(refused);
      }

      @Override
      public void flush() {}
    };
    java.io.PipedOutputStream writer = new java.io.PipedOutputStream();
    java.io.PipedInputStream pipe = new java.io.PipedInputStream(writer);
    StreamIngest streaming = new StreamIngest(new ArticleParser(Clock.fixed(NOW, ZoneOffset.UTC), 1 << 20), signalling,
        outcome -> {}, Clock.fixed(NOW, ZoneOffset.UTC));
    java.util.concurrent.CompletableFuture<IngestSummary> run =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> streaming.ingest("stdin", pipe, InputFormat.JSONL));
    // When one line is written
    writer.write("{\"id\": \"a\", \"source\": \"S\", \"title\": \"T\", \"published\": \"2025-04-14\", \"body\": \"B\"}\n"
        .getBytes(StandardCharsets.UTF_8));
    writer.flush();
    // Then it is published while the pipe is still open
    assertThat(firstPublished.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("a");
    assertThat(run).isNotDone();
    writer.close();
    assertThat(run.get(30, java.util.concurrent.TimeUnit.SECONDS).line()).isEqualTo("1 published, 0 refused, 0 failed");
  }
}
