package dev.storyline.ingest;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The article formats ingest reads, chosen from a file's extension. */
public enum InputFormat {
  /** Plain text as in {@code seeds/}: optional leading markers, then the body. */
  TEXT,
  /** One JSON article object. */
  JSON,
  /** One JSON article object per line. */
  JSONL;

  /** Format for a file name: .txt, .json, .jsonl/.ndjson; empty for anything else. */
  public static Optional<InputFormat> forFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".txt")) {
      return Optional.of(TEXT);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Optional.of(JSONL);
    }
    if (name.endsWith(".json")) {
      return Optional.of(JSON);
    }
    return Optional.empty();
  }
}
