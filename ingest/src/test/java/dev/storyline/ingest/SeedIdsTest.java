package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.storyline.avro.Article;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins the ids of the demo's seed articles: the demo, the docs and stored data refer to them, so
 * a change to title derivation, normalisation or hashing that moved them would be a breaking change.
 */
class SeedIdsTest {

  private static final Path SEEDS = Path.of("..", "seeds");

  @Test
  void shouldKeepTheIdsOfTheFiveSeedArticles() {
    // Given the seeds folder as the demo reads it
    RecordingSink sink = new RecordingSink();
    FileIngest ingest = new FileIngest(
        new ArticleParser(Clock.fixed(Instant.parse("2025-04-16T00:00:00Z"), ZoneOffset.UTC),
            ArticleParser.DEFAULT_MAX_BODY_BYTES), sink, outcome -> {});
    // When
    IngestSummary summary = ingest.ingest(FileIngest.files(List.of(SEEDS), Optional.empty()));
    // Then
    assertThat(summary.line()).isEqualTo("5 published, 0 refused, 0 failed");
    assertThat(sink.published).extracting(Article::getSource, Article::getId).containsExactlyInAnyOrder(
        tuple("000_bf028cc470a97a7a", "4a5d46652a482670"),
        tuple("001_35b253ea46a1fa10", "c95906cb8ac56a77"),
        tuple("002_d76eef7422566d50", "00e3098a14bfac0b"),
        tuple("003_0dce748565759669", "f0270000c08bd731"),
        tuple("004_47472d6069e3c387", "05ac375c53de57c8"));
  }
}
