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
  void shouldPublishTheArticlesOfARunInPublicationOrderWhateverTheOrderOfTheFiles() throws Exception {
    // Given history newest first, across two files
    Files.writeString(dir.resolve("a.jsonl"),
        "{\"source\":\"S\",\"title\":\"Third\",\"published\":\"2021-10-18\",\"body\":\"C.\"}\n"
            + "{\"source\":\"S\",\"title\":\"First\",\"published\":\"2021-04-22\",\"body\":\"A.\"}\n");
    Files.writeString(dir.resolve("b.txt"), "date 2021-06-01 Second. Body.");
    RecordingSink sink = new RecordingSink();
    FileIngest ingest = new FileIngest(
        new ArticleParser(Clock.fixed(Instant.parse("2025-04-16T00:00:00Z"), ZoneOffset.UTC), 1 << 20), sink, o -> { });
    // When
    IngestSummary summary = ingest.ingest(FileIngest.files(List.of(dir), Optional.empty()));
    // Then
    assertThat(summary.line()).isEqualTo("3 published, 0 refused, 0 failed");
    assertThat(sink.published).extracting(Article::getTitle).containsExactly("First", "Second.", "Third");
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

  @Test
  void shouldStreamJsonLinesFilesWithTheOutcomesOfReadingThemWhole() throws Exception {
    // Given a JSONL file of good, bad and blank lines, more than one hand-over between threads, no final newline
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 1_200; i++) {
      lines.append(i % 100 == 0 ? "" : i % 7 == 0 ? "{\"source\": \"S\"}" : "{\"id\": \"a" + i
          + "\", \"source\": \"S\", \"title\": \"T\", \"published\": \"2025-04-14\", \"body\": \"B\"}");
      lines.append(i < 1_200 ? "\n" : "");
    }
    Path file = Files.writeString(dir.resolve("bulk.jsonl"), lines.toString());
    Clock clock = Clock.fixed(Instant.parse("2025-04-16T00:00:00Z"), ZoneOffset.UTC);
    RecordingSink sink = new RecordingSink();
    FileIngest ingest = new FileIngest(new ArticleParser(clock, 1 << 20), sink, outcome -> {});
    // When it is ingested (streamed), and read whole as a folder watch does
    IngestSummary summary = ingest.ingest(List.of(file));
    List<IngestOutcome> whole = ingest.read(file);
    // Then both give the same articles (sent in publication order, then id) and refusals (in file order)
    assertThat(sink.published).isEqualTo(whole.stream().filter(o -> o instanceof IngestOutcome.Accepted)
        .map(o -> ((IngestOutcome.Accepted) o).article())
        .sorted(java.util.Comparator.comparing(Article::getPublished).thenComparing(Article::getId)).toList());
    assertThat(sink.rejectedReasons()).isEqualTo(whole.stream().filter(o -> o instanceof IngestOutcome.Refused)
        .map(o -> ((IngestOutcome.Refused) o).describe()).toList());
    assertThat(sink.rejectedReasons()).first().isEqualTo(file + ":7: missing required fields 'title', 'published', 'body'");
    assertThat(summary.line()).isEqualTo("1018 published, 170 refused, 0 failed");
  }
}
