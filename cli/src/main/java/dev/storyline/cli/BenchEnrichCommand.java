package dev.storyline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.avro.Article;
import dev.storyline.enrich.CoreNlpRecognizer;
import dev.storyline.enrich.EnrichmentTimings;
import dev.storyline.enrich.FingerprintSettings;
import dev.storyline.enrich.NlpEnricher;
import dev.storyline.enrich.NlpSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
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
 *
 * <p>Both sides run article by article, interleaved (which one goes first alternates), and are
 * timed separately, so a load that drifts during the run moves both alike; each data set is
 * measured {@code --rounds} times and the median ratio reported. The enricher's time is also
 * printed per stage ({@link EnrichmentTimings}), the NER stage next to raw CoreNLP: what segmenting
 * the body costs or saves is the enricher's.
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

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
      description = "Measurements per data set; the median ratio is reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() throws IOException {
    if (articles < 1 || warmup < 0 || rounds < 1) {
      throw new UserError("--articles and --rounds must be at least 1, --warmup at least 0");
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
        BenchCommand.jvm());
    EnrichmentTimings timings = new EnrichmentTimings();
    for (int s = 0; s < sets.size(); s++) {
      List<Article> set = sets.get(s);
      for (int i = 0; i < Math.min(warmup, set.size()); i++) {
        CoreNlpRecognizer.annotateRaw(settings.nerModel(), set.get(i).getBody());
        enricher.enrich(set.get(i));
      }
      long tokens = 0;
      for (Article article : set) {
        tokens += CoreNlpRecognizer.annotateRaw(settings.nerModel(), article.getBody());
      }
      out().printf(Locale.ROOT, "%s: %d articles, %,d CoreNLP tokens (mean %d)%n", names.get(s), set.size(), tokens,
          tokens / set.size());
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        timings.reset();
        long rawNanos = 0;
        long enrichNanos = 0;
        long[] cpu = new long[2];
        for (int i = 0; i < set.size(); i++) {
          // Article by article, alternating which side goes first, so both sides see the same load
          // (other processes, the JIT, the caches) however it drifts during the run.
          Article article = set.get(i);
          if (i % 2 == 0) {
            rawNanos += timeRaw(settings, article, cpu);
            enrichNanos += timeEnrich(enricher, article, timings, cpu);
          } else {
            enrichNanos += timeEnrich(enricher, article, timings, cpu);
            rawNanos += timeRaw(settings, article, cpu);
          }
        }
        double rawSeconds = rawNanos / 1e9;
        double seconds = enrichNanos / 1e9;
        double ratio = 100.0 * rawNanos / enrichNanos;
        ratios.add(ratio);
        out().printf(Locale.ROOT, "  round %d of %d%n", round, rounds);
        out().printf(Locale.ROOT, "    raw CoreNLP:        %7.1f articles/s  %,8.0f tokens/s%n",
            set.size() / rawSeconds, tokens / rawSeconds);
        out().printf(Locale.ROOT, "    storyline enrich:   %7.1f articles/s  %,8.0f tokens/s  (%.0f%% of raw CoreNLP)%n",
            set.size() / seconds, tokens / seconds, ratio);
        StringBuilder stages = new StringBuilder("    ms/article: raw CoreNLP ")
            .append(String.format(Locale.ROOT, "%.2f", rawNanos / 1e6 / set.size())).append(" | enrich");
        for (EnrichmentTimings.Stage stage : EnrichmentTimings.Stage.values()) {
          stages.append(String.format(Locale.ROOT, " %s %.2f", stage.name().toLowerCase(Locale.ROOT),
              timings.nanos(stage) / 1e6 / set.size()));
        }
        out().println(stages.append(String.format(Locale.ROOT, " = %.2f (NER alone %.0f%% of raw)",
            timings.totalNanos() / 1e6 / set.size(), 100.0 * timings.nanos(EnrichmentTimings.Stage.NER) / rawNanos)));
        out().printf(Locale.ROOT, "    thread CPU ms/article: raw CoreNLP %.2f, enrich %.2f (%.0f%%: the same ratio by CPU time, "
            + "less moved by other processes; GC threads not counted)%n", cpu[0] / 1e6 / set.size(),
            cpu[1] / 1e6 / set.size(), 100.0 * cpu[0] / cpu[1]);
        out().flush();
      }
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long heapMb = memory.getHeapMemoryUsage().getUsed() >> 20;
      List<Double> sorted = ratios.stream().sorted().toList();
      out().printf(Locale.ROOT, "  median of %d rounds: %.0f%% of raw CoreNLP; heap in use after GC: %d MB%n", rounds,
          (sorted.get((sorted.size() - 1) / 2) + sorted.get(sorted.size() / 2)) / 2, heapMb);
      out().flush();
    }
    return 0;
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Wall nanoseconds of raw CoreNLP on the body; its thread CPU time is added to {@code cpu[0]}. */
  private static long timeRaw(NlpSettings settings, Article article, long[] cpu) {
    long cpuStarted = THREADS.getCurrentThreadCpuTime();
    long started = System.nanoTime();
    CoreNlpRecognizer.annotateRaw(settings.nerModel(), article.getBody());
    long elapsed = System.nanoTime() - started;
    cpu[0] += THREADS.getCurrentThreadCpuTime() - cpuStarted;
    return elapsed;
  }

  /** Wall nanoseconds of enriching the article; its thread CPU time is added to {@code cpu[1]}. */
  private static long timeEnrich(NlpEnricher enricher, Article article, EnrichmentTimings timings, long[] cpu) {
    long cpuStarted = THREADS.getCurrentThreadCpuTime();
    long started = System.nanoTime();
    enricher.enrich(article, timings);
    long elapsed = System.nanoTime() - started;
    cpu[1] += THREADS.getCurrentThreadCpuTime() - cpuStarted;
    return elapsed;
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
