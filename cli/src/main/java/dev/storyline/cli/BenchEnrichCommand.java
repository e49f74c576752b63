package dev.storyline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.avro.Article;
import dev.storyline.enrich.CoreNlpRecognizer;
import dev.storyline.enrich.FingerprintSettings;
import dev.storyline.enrich.NlpEnricher;
import dev.storyline.enrich.NlpSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storyline bench enrich}: articles/s and tokens/s of one enrichment thread (what one
 * stream thread does per record: language, CoreNLP NER, repairs, canonical names, figures,
 * fingerprints), next to the raw CoreNLP pipeline alone on the same bodies in the same run, on
 * the seeds repeated and on an article JSONL file. Kafka is left out on purpose: it measures the
 * enricher against its ceiling; the broker's share is {@code bench ingest}'s subject.
 */
@Command(
    name = "enrich",
    description = "Articles/s and tokens/s per enrichment thread on the seeds repeated and on a JSONL file, next to "
        + "the raw CoreNLP pipeline on the same text in the same run, and the heap in use.")
final class BenchEnrichCommand extends StorylineSubcommand {

  @Option(names = "--seeds", paramLabel = "DIR", defaultValue = "seeds",
      description = "Folder of seed .txt articles (default: ${DEFAULT-VALUE}).")
  Path seeds;

  @Option(names = "--input", paramLabel = "FILE", defaultValue = "../shared/eval/allsides.jsonl",
      description = "JSONL article file, read and never copied (default: ${DEFAULT-VALUE}); 'none' to skip.")
  String input;

  @Option(names = "--articles", paramLabel = "N", defaultValue = "300",
      description = "Articles per data set, the input repeated until there are N (default: ${DEFAULT-VALUE}).")
  int articles;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "50",
      description = "Articles run before each measurement so the JIT has compiled the hot paths (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Override
  public Integer call() throws IOException {
    if (articles < 1 || warmup < 0) {
      throw new UserError("--articles must be at least 1 and --warmup at least 0");
    }
    List<List<Article>> sets = new ArrayList<>();
    List<String> names = new ArrayList<>();
    sets.add(repeat(readSeeds(), articles));
    names.add("seeds (" + seeds + ")");
    if (!input.equals("none")) {
      sets.add(repeat(readJsonl(Path.of(input)), articles));
      names.add(input);
    }
    NlpSettings settings = NlpSettings.DEFAULTS;
    NlpEnricher enricher = NlpEnricher.create(FingerprintSettings.DEFAULTS, settings, Clock.systemUTC());
    out().printf(Locale.ROOT, "bench enrich: one thread, model %s, %d cores, max heap %d MB, %s%n", settings.nerModel(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    for (int s = 0; s < sets.size(); s++) {
      List<Article> set = sets.get(s);
      for (int i = 0; i < Math.min(warmup, set.size()); i++) {
        CoreNlpRecognizer.annotateRaw(settings.nerModel(), set.get(i).getBody());
        enricher.enrich(set.get(i));
      }
      long tokens = 0;
      long started = System.nanoTime();
      for (Article article : set) {
        tokens += CoreNlpRecognizer.annotateRaw(settings.nerModel(), article.getBody());
      }
      double rawSeconds = (System.nanoTime() - started) / 1e9;
      started = System.nanoTime();
      for (Article article : set) {
        enricher.enrich(article);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long heapMb = memory.getHeapMemoryUsage().getUsed() >> 20;
      out().printf(Locale.ROOT, "%s: %d articles, %,d CoreNLP tokens (mean %d)%n", names.get(s), set.size(), tokens,
          tokens / set.size());
      out().printf(Locale.ROOT, "  raw CoreNLP:        %7.1f articles/s  %,8.0f tokens/s%n",
          set.size() / rawSeconds, tokens / rawSeconds);
      out().printf(Locale.ROOT, "  storyline enrich:   %7.1f articles/s  %,8.0f tokens/s  (%.0f%% of raw CoreNLP)%n",
          set.size() / seconds, tokens / seconds, 100 * rawSeconds / seconds);
      out().printf(Locale.ROOT, "  heap in use after GC: %d MB%n", heapMb);
      out().flush();
    }
    return 0;
  }

  private List<Article> readSeeds() throws IOException {
    if (!Files.isDirectory(seeds)) {
      throw new UserError("--seeds " + seeds + ": no such folder");
    }
    List<Article> read = new ArrayList<>();
    try (Stream<Path> files = Files.list(seeds)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        java.util.regex.Matcher marker = java.util.regex.Pattern.compile("\\A\\s*date\\s+(\\S+)\\s+").matcher(text);
        Instant published = Instant.parse("2025-04-14T00:00:00Z");
        if (marker.find()) {
          published = LocalDate.parse(marker.group(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
          text = text.substring(marker.end());
        }
        String body = text.strip();
        read.add(article(file.getFileName().toString(), body.lines().findFirst().orElse(""), body, published));
      }
    }
    if (read.isEmpty()) {
      throw new UserError("--seeds " + seeds + ": no .txt articles");
    }
    return read;
  }

  private static List<Article> readJsonl(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserError("--input " + file + ": no such file (the eval data lives in ../shared/eval/)");
    }
    ObjectMapper mapper = new ObjectMapper();
    List<Article> read = new ArrayList<>();
    int line = 0;
    for (String json : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      line++;
      if (json.isBlank()) {
        continue;
      }
      JsonNode node = mapper.readTree(json);
      String body = node.path("body").asText("");
      if (body.isBlank()) {
        throw new UserError(file + ":" + line + ": empty body");
      }
      Instant published = Instant.parse("2025-04-14T00:00:00Z");
      String date = node.path("published").asText("");
      if (date.matches("\\d{4}-\\d{2}-\\d{2}")) {
        published = LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      read.add(article(node.path("id").asText("line-" + line), node.path("title").asText(""), body, published));
    }
    return read;
  }

  private static Article article(String id, String title, String body, Instant published) {
    return Article.newBuilder().setId(id).setSource("bench").setTitle(title).setBody(body).setPublished(published)
        .setIngestedAt(published).build();
  }

  private static List<Article> repeat(List<Article> source, int count) {
    List<Article> repeated = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      repeated.add(source.get(i % source.size()));
    }
    return repeated;
  }
}
