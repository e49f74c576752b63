package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCheckpointTest {

  @TempDir Path dir;

  @Test
  void shouldReadBackWhatWasSavedIncludingKeysWithSpecialCharacters() throws Exception {
    // Given
    Path file = dir.resolve("a/b/feed.properties");
    IngestCheckpoint checkpoint = IngestCheckpoint.load(file);
    checkpoint.put("entry.https://example.com/a?x=1#y", "2025-04-16T00:00:00Z");
    checkpoint.put("etag", "W/\"abc\"");
    // When
    checkpoint.save();
    IngestCheckpoint reloaded = IngestCheckpoint.load(file);
    // Then
    assertThat(reloaded.get("entry.https://example.com/a?x=1#y")).contains("2025-04-16T00:00:00Z");
    assertThat(reloaded.get("etag")).contains("W/\"abc\"");
    assertThat(reloaded.get("missing")).isEmpty();
    assertThat(reloaded.size()).isEqualTo(2);
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("feed.properties");
    }
  }
}
