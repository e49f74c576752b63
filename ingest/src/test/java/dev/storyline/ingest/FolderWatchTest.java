package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatchTest {

  @TempDir Path dir;
  private final ArticleParser parser =
      new ArticleParser(Clock.fixed(Instant.parse("2025-04-16T00:00:00Z"), ZoneOffset.UTC), 1 << 20);

  private Path inbox() throws Exception {
    return Files.createDirectories(dir.resolve("inbox"));
  }

  private FolderWatch watch(RecordingSink sink) throws Exception {
    return new FolderWatch(inbox(), Optional.empty(), parser, sink, outcome -> {},
        IngestCheckpoint.load(dir.resolve("state/watch.properties")));
  }

  private static void write(Path file, String text, String modified) throws Exception {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
  }

  @Test
  void shouldPublishANewFileOnceItHasSettled() throws Exception {
    // Given a file that appeared since the last scan
    RecordingSink sink = new RecordingSink();
    FolderWatch watch = watch(sink);
    write(inbox().resolve("a.txt"), "date 2025-04-14 Bukele visits. Body.", "2025-04-14T10:00:00Z");
    // When the first scan sees it and the second sees it unchanged
    IngestSummary first = watch.scan();
    IngestSummary second = watch.scan();
    IngestSummary third = watch.scan();
    // Then it is published once, by the second scan
    assertThat(first.line()).isEqualTo("0 published, 0 refused, 0 failed");
    assertThat(second.line()).isEqualTo("1 published, 0 refused, 0 failed");
    assertThat(third.line()).isEqualTo("0 published, 0 refused, 0 failed");
    assertThat(sink.published).extracting(Article::getTitle).containsExactly("Bukele visits.");
  }

  @Test
  void shouldNotPublishAgainAfterARestartButPublishChangedAndNewFiles() throws Exception {
    // Given two files published by a first run, which then stops
    write(inbox().resolve("a.txt"), "date 2025-04-14 Bukele visits. Body.", "2025-04-14T10:00:00Z");
    write(inbox().resolve("b.jsonl"),
        "{\"id\":\"b1\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"B\"}\n",
        "2025-04-14T10:00:00Z");
    RecordingSink firstRun = new RecordingSink();
    FolderWatch before = watch(firstRun);
    before.scan();
    before.scan();
    assertThat(firstRun.publishedIds()).hasSize(2);
    // When a new run starts on the same checkpoint, b.jsonl gains a line and c.txt arrives
    RecordingSink secondRun = new RecordingSink();
    FolderWatch after = watch(secondRun);
    write(inbox().resolve("b.jsonl"),
        "{\"id\":\"b1\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"B\"}\n"
            + "{\"id\":\"b2\",\"source\":\"S\",\"title\":\"T2\",\"published\":\"2025-04-15\",\"body\":\"B2\"}\n",
        "2025-04-15T10:00:00Z");
    write(inbox().resolve("c.txt"), "   ", "2025-04-15T10:00:00Z");
    after.scan();
    IngestSummary summary = after.scan();
    after.scan();
    // Then a.txt is not published again; the changed file is read again; the empty one is refused
    assertThat(summary.line()).isEqualTo("2 published, 1 refused, 0 failed");
    assertThat(secondRun.publishedIds()).containsExactly("b1", "b2");
    assertThat(secondRun.rejectedReasons()).containsExactly(inbox().resolve("c.txt") + ":1: empty body");
    // And a third run publishes nothing at all
    RecordingSink thirdRun = new RecordingSink();
    FolderWatch again = watch(thirdRun);
    again.scan();
    again.scan();
    assertThat(thirdRun.published).isEmpty();
    assertThat(thirdRun.rejected).isEmpty();
  }

  @Test
  void shouldWaitWhileAFileIsStillBeingWritten() throws Exception {
    RecordingSink sink = new RecordingSink();
    FolderWatch watch = watch(sink);
    Path file = inbox().resolve("a.txt");
    write(file, "date 2025-04-14 Half", "2025-04-14T10:00:00Z");
    watch.scan();
    write(file, "date 2025-04-14 Half written. Now whole.", "2025-04-14T10:00:01Z");
    assertThat(watch.scan().published()).isZero();
    assertThat(watch.scan().published()).isEqualTo(1);
    assertThat(sink.published).extracting(Article::getTitle).containsExactly("Half written.");
  }
}
