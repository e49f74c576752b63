package dev.storyline.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storyline.avro.Article;
import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.IngestOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The reliability suite's input: the first articles of the AllSides evaluation set (stories of
 * three outlets each, every article with a unique id), parsed by ingest's own parser. The set is
 * not part of the repository; it is read from {@code ../shared/eval/allsides.jsonl} next to the
 * repository, and a scenario is skipped, saying so, where it is absent.
 */
final class ReliabilityInputs {

  static final Clock INGEST_CLOCK = Clock.fixed(Instant.parse("2025-04-14T09:00:00Z"), ZoneOffset.UTC);

  private ReliabilityInputs() {}

  /** The evaluation file, relative to the repository root (tests run in the module folder). */
  static Path allsidesFile() {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(here.resolve("seeds")) ? here : here.getParent();
    return root.resolve("../shared/eval/allsides.jsonl").normalize();
  }

  /** The first {@code count} articles of the AllSides set; skips the calling test if the file is absent. */
  static List<Article> allsides(int count) {
    Path file = allsidesFile();
    assumeTrue(Files.isRegularFile(file), "reliability scenario skipped: " + file
        + " not found (the AllSides evaluation set is read from ../shared/eval next to the repository)");
    ArticleParser parser = new ArticleParser(INGEST_CLOCK, ArticleParser.DEFAULT_MAX_BODY_BYTES);
    List<Article> articles = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size() && articles.size() < count; i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        IngestOutcome outcome = parser.parseJsonAt("allsides.jsonl:" + (i + 1),
            lines.get(i).getBytes(StandardCharsets.UTF_8));
        if (outcome instanceof IngestOutcome.Accepted accepted) {
          articles.add(accepted.article());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return articles;
  }

  /** An article through ingest's parser, from its fields (the id is derived as ingest derives it). */
  static Article parsed(String position, String source, String title, String body, Instant published) {
    ArticleParser parser = new ArticleParser(INGEST_CLOCK, ArticleParser.DEFAULT_MAX_BODY_BYTES);
    IngestOutcome outcome = parser.fromFields(position, body.getBytes(StandardCharsets.UTF_8), null, source, title,
        published, false, body, null);
    if (outcome instanceof IngestOutcome.Accepted accepted) {
      return accepted.article();
    }
    throw new IllegalStateException(position + ": refused by ingest: " + outcome);
  }
}
