package dev.storyline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storyline.avro.Article;
import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.IngestOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The input of {@code storyline bench}: real articles (JSONL files and the seed folder) repeated
 * until there are enough, each repetition with fresh ids ({@code ID~rN}) and every article with a
 * fresh publication time, the first at {@code firstPublished} and each next one {@code spacing}
 * later, so the stream moves through event time as a live feed does and the clustering stage's
 * reorder buffer releases articles as the stream goes on instead of holding copies that share
 * one date until the end.
 *
 * @param lines the articles as JSONL lines (without the newline), in publication order
 * @param articles each line as ingest parses it, null for a line ingest refuses
 * @param distinct how many different articles the files and seeds had; line {@code i} is a
 *     copy of distinct article {@code i % distinct}
 */
record EndToEndBenchInput(List<byte[]> lines, List<Article> articles, int distinct) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DATE_MARKER = Pattern.compile("\\A\\s*date\\s+(\\S+)\\s+");

  EndToEndBenchInput {
    lines = List.copyOf(lines);
    articles = Collections.unmodifiableList(new ArrayList<>(articles));
  }

  /** Reads {@code files} and the {@code .txt} articles of {@code seeds} (null: none) and repeats them to {@code count}. */
  static EndToEndBenchInput build(List<Path> files, Path seeds, int count, Instant firstPublished, Duration spacing) {
    List<ObjectNode> sources = IngestBenchInput.readObjects(files);
    if (seeds != null) {
      sources.addAll(seedArticles(seeds));
    }
    if (sources.isEmpty()) {
      throw new UserError(files + " and " + seeds + ": no articles");
    }
    List<byte[]> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ObjectNode copy = sources.get(i % sources.size()).deepCopy();
      int round = i / sources.size();
      String id = copy.hasNonNull("id") ? copy.get("id").asText() : "line-" + (i % sources.size());
      copy.put("id", round == 0 ? id : id + "~r" + round);
      copy.put("published", firstPublished.plus(spacing.multipliedBy(i)).toString());
      try {
        lines.add(JSON.writeValueAsBytes(copy));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    ArticleParser parser = new ArticleParser(Clock.systemUTC(), ArticleParser.DEFAULT_MAX_BODY_BYTES);
    List<Article> articles = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      IngestOutcome outcome = parser.parseJsonAt("bench:" + (i + 1), lines.get(i));
      articles.add(outcome instanceof IngestOutcome.Accepted accepted ? accepted.article() : null);
    }
    return new EndToEndBenchInput(lines, articles, sources.size());
  }

  /** The lines ingest accepts. */
  long accepted() {
    return articles.stream().filter(a -> a != null).count();
  }

  /** The JSONL bytes of all lines, newlines included. */
  long jsonlBytes() {
    return lines.stream().mapToLong(l -> l.length + 1L).sum();
  }

  /** The seeds' {@code .txt} form ({@code date YYYY-MM-DD} marker, then the text) as JSON articles. */
  private static List<ObjectNode> seedArticles(Path seeds) {
    if (!Files.isDirectory(seeds)) {
      throw new UserError("--seeds " + seeds + ": no such folder");
    }
    List<ObjectNode> read = new ArrayList<>();
    try (Stream<Path> listing = Files.list(seeds)) {
      for (Path file : listing.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher marker = DATE_MARKER.matcher(text);
        if (marker.find()) {
          text = text.substring(marker.end()); // the date is replaced by the bench's own publication time
        }
        String body = text.strip();
        String name = file.getFileName().toString();
        ObjectNode article = JSON.createObjectNode();
        article.put("id", "seed-" + name.substring(0, name.length() - ".txt".length()));
        article.put("source", "seeds");
        article.put("title", body.lines().findFirst().orElse(""));
        article.put("body", body);
        read.add(article);
      }
    } catch (IOException e) {
      throw new UserError("--seeds " + seeds + ": cannot read: " + e.getMessage(), e);
    }
    return read;
  }
}
