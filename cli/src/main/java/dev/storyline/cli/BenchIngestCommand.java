package dev.storyline.cli;

import dev.storyline.avro.Article;
import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.ingest.IngestOutcome;
import dev.storyline.ingest.IngestSummary;
import dev.storyline.ingest.InputFormat;
import dev.storyline.ingest.StreamIngest;
import dev.storyline.schemas.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storyline bench ingest}: articles per second that ingest (parse, validate, id, Avro,
 * idempotent zstd producer) publishes to the embedded broker, next to the ceiling measured in the
 * same run by Kafka's own {@code ProducerPerformance} with the same record sizes and producer settings.
 */
@Command(
    name = "ingest",
    description = "Articles/s and MB/s that ingest publishes to the embedded broker (real articles repeated with "
        + "fresh ids), next to Kafka's ProducerPerformance with the same record sizes in the same run.")
final class BenchIngestCommand extends StorylineSubcommand {

  private static final double MB = 1024 * 1024;  // as ProducerPerformance counts its "MB/sec"

  @Option(names = "--input", paramLabel = "FILE", split = ",",
      defaultValue = "../shared/eval/uci.jsonl,../shared/eval/allsides.jsonl",
      description = "JSONL article files to repeat (default: ${DEFAULT-VALUE}). They are read, never copied.")
  List<Path> inputs;

  @Option(names = "--articles", paramLabel = "N", defaultValue = "100000",
      description = "Articles to publish, the input repeated with fresh ids until there are N (default: ${DEFAULT-VALUE}).")
  int articles;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = TopicOptions.DEFAULT_PARTITIONS,
      description = "Partitions of the benchmark topics (default: ${DEFAULT-VALUE}, as storyline ingest creates them).")
  int partitions;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "20000",
      description = "Articles published to separate topics before the measured run, so the JIT has compiled the "
          + "parser and serializers (default: ${DEFAULT-VALUE}; 0 measures a cold JVM).")
  int warmup;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
      description = "Measured rounds, each ingest then ProducerPerformance, so both sides see the same moments of a "
          + "shared machine; medians are reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--skip-ceiling", description = "Measure ingest only, without ProducerPerformance.")
  boolean skipCeiling;

  @Override
  public Integer call() throws Exception {
    if (articles < 1 || partitions < 1 || rounds < 1 || warmup < 0) {
      throw new UserError("--articles, --partitions and --rounds must be at least 1, --warmup at least 0");
    }
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        throw new UserError("--input " + input + ": no such file (the eval data lives in ../shared/eval/)");
      }
    }
    IngestBenchInput input = IngestBenchInput.repeat(inputs, articles);
    List<Integer> recordSizes = recordSizes(input, Topics.withPrefix("bench.r1."));
    long recordBytes = recordSizes.stream().mapToLong(Integer::longValue).sum();
    out().printf(Locale.ROOT, "bench ingest: %,d articles (%,d distinct in %s, repeated with fresh ids), "
            + "%.1f MB of JSONL, %.1f MB of Avro records (mean %,d B), %d partitions, %d cores, %s%n",
        input.articles(), input.sourceArticles(), inputs, input.jsonl().length / MB, recordBytes / MB,
        recordBytes / recordSizes.size(), partitions, Runtime.getRuntime().availableProcessors(),
        BenchCommand.jvm());
    out().flush();
    Path temp = Files.createTempDirectory("storyline-bench-ingest");
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(temp.resolve("kafka"), 0, partitions))) {
      // Fresh topics each round, on both sides, so no round appends to another's logs; created
      // before the warm-up, so their partitions have leaders when the clock starts.
      for (int round = 1; round <= rounds; round++) {
        TopicCreator.ensureTopics(new Properties(), broker.bootstrapServers(), Topics.withPrefix("bench.r" + round + "."),
            partitions, (short) 1);
      }
      Properties producer = ArticlePublisher.config(new Properties(), broker.bootstrapServers());

      if (warmup > 0) {
        Topics warmupTopics = Topics.withPrefix("bench-warmup.");
        TopicCreator.ensureTopics(new Properties(), broker.bootstrapServers(), warmupTopics, partitions, (short) 1);
        IngestBenchInput warm = IngestBenchInput.repeat(inputs, warmup);
        double warmSeconds = ingest(warm, warmupTopics, producer, false);
        out().printf(Locale.ROOT, "warm-up: %,d articles in %.2f s (not counted)%n", warm.articles(), warmSeconds);
      }
      List<Double> ingestRates = new ArrayList<>();
      List<Double> ceilingRates = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        Topics roundTopics = Topics.withPrefix("bench.r" + round + ".");
        double seconds = ingest(input, roundTopics, producer, round == 1);
        double articlesPerSecond = input.articles() / seconds;
        ingestRates.add(articlesPerSecond);
        out().printf(Locale.ROOT, "round %d: storyline ingest:    %,9.0f articles/s  %6.2f MB/s of records  "
            + "%6.2f MB/s of JSONL  (%.2f s)%n", round, articlesPerSecond, recordBytes / MB / seconds,
            input.jsonl().length / MB / seconds, seconds);
        out().flush();
        if (!skipCeiling) {
          IngestBenchCeiling.Result ceiling = ceiling(broker, input, recordSizes, producer, temp, "bench.r" + round + ".ceiling");
          ceilingRates.add(ceiling.recordsPerSecond());
          out().printf(Locale.ROOT, "round %d: ProducerPerformance: %,9.0f records/s   %6.2f MB/s of records  (same "
              + "sizes and producer settings, no keys)  ratio %.0f%%%n", round, ceiling.recordsPerSecond(),
              ceiling.megabytesPerSecond(), 100 * articlesPerSecond / ceiling.recordsPerSecond());
          out().flush();
        }
      }
      double ingestMedian = median(ingestRates);
      out().printf(Locale.ROOT, "storyline ingest:    %,9.0f articles/s  %6.2f MB/s of records  (median of %d)%n",
          ingestMedian, ingestMedian * recordBytes / input.articles() / MB, rounds);
      if (!skipCeiling) {
        double ceilingMedian = median(ceilingRates);
        out().printf(Locale.ROOT, "ProducerPerformance: %,9.0f records/s   %6.2f MB/s of records  (median of %d)%n",
            ceilingMedian, ceilingMedian * recordBytes / input.articles() / MB, rounds);
        out().printf(Locale.ROOT, "ratio: %.0f%% of the ceiling (median articles/s over median records/s)%n",
            100 * ingestMedian / ceilingMedian);
      }
    } finally {
      TemporaryFolders.delete(temp);
    }
    return 0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The Avro size of each article, as the publisher will send it, computed before the clock starts. */
  private static List<Integer> recordSizes(IngestBenchInput input, Topics topics) {
    List<Integer> sizes = new ArrayList<>(input.articles());
    ArticleParser parser = new ArticleParser(Clock.systemUTC(), ArticleParser.DEFAULT_MAX_BODY_BYTES);
    for (IngestOutcome outcome : parser.parse("bench", input.jsonl(), InputFormat.JSONL, "bench", null)) {
      // The eval data has a few invalid articles (uci-4557 has an empty source): ingest refuses
      // them in the timed run too, so they are timed but have no article record size.
      if (outcome instanceof IngestOutcome.Accepted accepted) {
        Article article = accepted.article();
        sizes.add(topics.articles().valueSerde().serializer().serialize(topics.articles().name(), article).length);
      }
    }
    return sizes;
  }

  /** Seconds for ingest to parse, validate and publish everything, acknowledgements included. */
  private double ingest(IngestBenchInput input, Topics topics, Properties producerConfig, boolean report) {
    Progress progress = Progress.onStderr("bench ingest");
    long start = System.nanoTime();
    IngestSummary summary;
    try (ArticlePublisher publisher = new ArticlePublisher(producerConfig, topics, Clock.systemUTC())) {
      summary = new StreamIngest(new ArticleParser(Clock.systemUTC(), ArticleParser.DEFAULT_MAX_BODY_BYTES),
          publisher, outcome -> progress.step(outcome instanceof IngestOutcome.Refused), Clock.systemUTC())
          .ingest("bench", new ByteArrayInputStream(input.jsonl()), InputFormat.JSONL);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    progress.finish();
    if (summary.published() + summary.refused().size() != input.articles() || !summary.failed().isEmpty()) {
      throw new UserError("ingest did not publish every article: " + summary.line() + " of " + input.articles());
    }
    if (report) {
      out().printf(Locale.ROOT, "ingest: %s%n", summary.line());
    }
    return seconds;
  }

  private IngestBenchCeiling.Result ceiling(EmbeddedKafkaBroker broker, IngestBenchInput input,
      List<Integer> recordSizes, Properties producer, Path temp, String topic) throws IOException {
    List<String> texts = new String(input.jsonl(), StandardCharsets.UTF_8).lines().toList();
    Path payloads = temp.resolve("payloads.txt");
    Files.write(payloads, IngestBenchCeiling.payloads(texts, recordSizes), StandardCharsets.US_ASCII);
    Map<String, String> settings = new TreeMap<>();
    for (String key : List.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.BATCH_SIZE_CONFIG)) {
      settings.put(key, producer.getProperty(key));
    }
    // The embedded broker does not create topics on first use; same partitions as the articles topic.
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new UserError("cannot create the topic " + topic + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while creating the topic " + topic, e);
    }
    out().println("ProducerPerformance running (child JVM) ...");
    out().flush();
    return IngestBenchCeiling.run(broker.bootstrapServers(), topic, input.articles(), payloads, settings);
  }
}
