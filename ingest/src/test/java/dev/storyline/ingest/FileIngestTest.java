package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.avro.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIngestTest {

  @TempDir Path dir;

  @Test
  void shouldPublishValidFilesAndRefuseBadOnesInTheSameRun() throws Exception {
    // Given a folder with two valid articles, an empty one, and a file of unknown type
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("a.txt"), " date 2025-04-14 Trump hosted Bukele. Body.");
    Files.writeString(dir.resolve("sub/b.txt"), "date 2025-04-15 Bukele left. Body.");
    Files.writeString(dir.resolve("c.txt"), "\n\n");
    Files.writeString(dir.resolve("notes.md"), "ignored");
    RecordingSink sink = new RecordingSink();
    List<IngestOutcome> seen = new ArrayList<>();
    FileIngest ingest = new FileIngest(
        new ArticleParser(Clock.fixed(Instant.parse("2025-04-16T00:00:00Z"), ZoneOffset.UTC), 1 << 20), sink, seen::add);
    // When
    List<Path> files = FileIngest.files(List.of(dir), Optional.empty());
    IngestSummary summary = ingest.ingest(files);
    // Then
    assertThat(files).containsExactly(dir.resolve("a.txt"), dir.resolve("c.txt"), dir.resolve("sub/b.txt"));
    assertThat(summary.line()).isEqualTo("2 published, 1 refused, 0 failed");
    assertThat(sink.published).extracting(Article::getTitle).containsExactly("Trump hosted Bukele.", "Bukele left.");
    assertThat(sink.rejected).extracting(IngestOutcome.Refused::describe).containsExactly(dir.resolve("c.txt") + ":1: empty body");
    assertThat(seen).hasSize(3);
  }

  @Test
  void shouldFilterFolderContentsWithAGlob() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "A. a");
    Files.writeString(dir.resolve("b.jsonl"), "{}");
    assertThat(FileIngest.files(List.of(dir), Optional.of("*.jsonl"))).containsExactly(dir.resolve("b.jsonl"));
  }

  @Test
  void shouldNameAMissingPath() {
    assertThatThrownBy(() -> FileIngest.files(List.of(dir.resolve("nope")), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(dir.resolve("nope") + ": no such file or folder");
  }
}
