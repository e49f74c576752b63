package dev.storyline.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline tuning harness, no Kafka: reads a labelled eval JSONL, fingerprints each article, feeds
 * them in (published, id) order to a {@link StoryClusterer} over an {@link InMemoryStoryBook} and
 * prints the {@link ClusterScores}. Arguments: FILE [threshold ...]. With
 * {@code -Dharness.dump=OUT} it also writes each article's story id to OUT, to compare runs. Not a
 * test.
 */
public final class ClusteringEvalHarness {

  private ClusteringEvalHarness() {}

  public static void main(String[] args) throws IOException {
    List<EnrichedArticle> articles = new ArrayList<>();
    Map<String, String> gold = new HashMap<>();
    Fingerprinter fingerprinter = new Fingerprinter(FingerprintSettings.DEFAULTS);
    ObjectMapper json = new ObjectMapper();
    // Figures carry the dates stories announce; entities need CoreNLP and are left out here.
    boolean withFigures = !Boolean.getBoolean("harness.noFigures");
    FigureExtractor figures = new FigureExtractor();
    try (BufferedReader reader = Files.newBufferedReader(Path.of(args[0]))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = json.readTree(line);
        Article article = Article.newBuilder()
            .setId(node.get("id").asText())
            .setUrl(node.path("url").asText(null))
            .setSource(node.get("source").asText())
            .setTitle(node.get("title").asText())
            .setPublished(published(node.get("published").asText()))
            .setPublishedInferred(false)
            .setBody(node.get("body").asText())
            .setLanguage("en")
            .setOrigin(args[0])
            .setIngestedAt(Instant.EPOCH)
            .build();
        articles.add(EnrichedArticle.newBuilder()
            .setArticle(article)
            .setLanguage("eng")
            .setEntities(List.of())
            .setFigures(withFigures
                ? figures.extract(article.getBody(),
                    LocalDate.ofInstant(article.getPublished(), ZoneOffset.UTC))
                : List.of())
            .setFingerprints(fingerprinter.fingerprint(article.getTitle(), article.getBody()))
            .setEnricherVersion("harness")
            .setEnrichedAt(Instant.EPOCH)
            .build());
        gold.put(article.getId(), node.get("story").asText());
      }
    }
    articles.sort(Comparator.comparing((EnrichedArticle a) -> a.getArticle().getPublished())
        .thenComparing(a -> a.getArticle().getId()));
    List<ClusteringSettings> runs = new ArrayList<>();
    if (args.length == 1) {
      runs.add(ClusteringSettings.DEFAULTS);
    }
    for (int i = 1; i < args.length; i++) {
      runs.add(settings(args[i]));
    }
    for (ClusteringSettings settings : runs) {
      long start = System.nanoTime();
      Map<String, String> predicted = new HashMap<>();
      InMemoryStoryBook book = new InMemoryStoryBook();
      StoryClusterer clusterer = new StoryClusterer(settings, book);
      // -Dharness.restartEvery=N rebuilds the clusterer from its book every N articles, as a
      // restarted clustering task does from its stores: the scores must not change.
      int restartEvery = Integer.getInteger("harness.restartEvery", 0);
      int added = 0;
      for (EnrichedArticle article : articles) {
        if (restartEvery > 0 && added++ % restartEvery == restartEvery - 1) {
          clusterer = new StoryClusterer(settings, book);
        }
        for (StoryCluster story : clusterer.add(article)) {
          for (StoryMember member : story.getMembers()) {
            predicted.put(member.getArticleId(), story.getStoryId());
          }
        }
      }
      for (EnrichedArticle article : articles) {
        predicted.putIfAbsent(article.getArticle().getId(), "missing");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s%n  %s  %.0f articles/s%n", settings.describe(),
          ClusterScores.of(predicted, gold), articles.size() / seconds);
      String dump = System.getProperty("harness.dump");
      if (dump != null) {
        // Article id and story id per line, sorted: two runs that print the same file clustered
        // alike (same story ids, same memberships).
        Files.write(Path.of(dump), new java.util.TreeMap<>(predicted).entrySet().stream()
            .map(e -> e.getKey() + "\t" + e.getValue()).toList());
      }
    }
  }

  /** "threshold,titleBoost,timeScaleHours,nearDup" — any prefix; the rest are defaults. */
  private static ClusteringSettings settings(String spec) {
    String[] p = spec.split(",");
    ClusteringSettings d = ClusteringSettings.DEFAULTS;
    return new ClusteringSettings(
        Double.parseDouble(p[0]),
        p.length > 1 ? Integer.parseInt(p[1]) : d.titleBoost(),
        p.length > 2 ? java.time.Duration.ofHours(Long.parseLong(p[2])) : d.timeScale(),
        p.length > 3 ? Double.parseDouble(p[3]) : d.nearDuplicateThreshold(),
        d.horizon(), d.reorderGrace(), d.closedMemory(), d.idleFlush());
  }

  private static Instant published(String text) {
    return text.length() == 10
        ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
        : Instant.parse(text);
  }
}
