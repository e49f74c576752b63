package dev.storyline.cli;

import dev.storyline.avro.Article;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import dev.storyline.enrich.ClusteringSettings;
import dev.storyline.enrich.CoreNlpRecognizer;
import dev.storyline.enrich.EnrichApp;
import dev.storyline.enrich.EnrichService;
import dev.storyline.enrich.FingerprintSettings;
import dev.storyline.enrich.NlpEnricher;
import dev.storyline.enrich.NlpSettings;
import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.ingest.IngestSummary;
import dev.storyline.ingest.InputFormat;
import dev.storyline.ingest.StreamIngest;
import dev.storyline.schemas.Topics;
import dev.storyline.sink.StorySink;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storyline bench}: the whole pipeline in one process on the embedded broker (ingest →
 * enrich with CoreNLP → cluster → SQLite sink) over real articles repeated with fresh ids,
 * reporting articles/s, tokens/s, the latency from ingest's acknowledgement to the story row
 * committed in the database, peak heap and RSS, next to the ceilings measured in the same run on
 * the same text: CoreNLP alone, the enricher alone and a plain Kafka produce+consume of the same
 * record bytes. The stage benchmarks are its subcommands.
 */
@Command(
    name = "bench",
    description = {
        "Without a subcommand: the whole pipeline in one process on an embedded broker in a temporary folder "
            + "(ingest -> enrich with CoreNLP -> cluster -> SQLite sink), over --input and --seeds repeated with "
            + "fresh ids to --articles articles, each with a fresh publication time (--event-spacing apart). "
            + "Prints articles/s, tokens/s, the latency from ingest's acknowledgement to the story row committed "
            + "in SQLite (p50, p99), peak heap and RSS, and, measured first in the same run on the same text, the "
            + "ceilings: CoreNLP alone and the Storyline enricher alone (one thread, each distinct article once per "
            + "round, the fastest of three alternating rounds), and a plain Kafka produce+consume of the same "
            + "record bytes; then the ratios.",
        "Without --rate, ingest publishes everything at once and enrich works through the backlog: that gives "
            + "the maximum throughput, and latencies that are queueing. Run again with --rate at half the maximum "
            + "for the latency at half load. Each subcommand benchmarks one stage next to its own ceiling. "
            + "Record results in docs/BENCHMARKS.md."},
    subcommands = {BenchEnrichCommand.class, BenchSinkCommand.class, BenchIngestCommand.class, BenchClusterCommand.class,
        BenchScaleOutCommand.class, BenchReplayCommand.class, CommandLine.HelpCommand.class})
final class BenchCommand extends StorylineSubcommand {

  /** Publication time of the first article; each next one is {@code --event-spacing} later. */
  static final Instant FIRST_PUBLISHED = Instant.parse("2026-01-01T00:00:00Z");
  private static final int WARMUP_ARTICLES = 50;
  /** Rounds of each NLP ceiling (CoreNLP, then the enricher, alternating); the fastest counts. */
  private static final int CEILING_ROUNDS = 3;
  private static final double MB = 1024 * 1024;

  @Option(names = "--input", paramLabel = "FILE", split = ",", defaultValue = "../shared/eval/allsides.jsonl",
      description = "JSONL article files to repeat, read and never copied (default: ${DEFAULT-VALUE}).")
  List<Path> inputs;

  @Option(names = "--seeds", paramLabel = "DIR", defaultValue = "seeds",
      description = "Folder of seed .txt articles added to the input; 'none' for none (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Option(names = "--articles", paramLabel = "N", defaultValue = "20000",
      description = "Articles to run through the pipeline, the input repeated with fresh ids (ID~rN) until there are "
          + "N (default: ${DEFAULT-VALUE}; at 420-460 articles/s on two cores the pipeline takes under a "
          + "minute, and the whole bench with the ceilings and the warm-up about 2.5 minutes).")
  int articles;

  @Option(names = "--rate", paramLabel = "ARTICLES_PER_S", defaultValue = "0",
      description = "Feed ingest at this many articles/s, as a live feed, instead of all at once (default: "
          + "${DEFAULT-VALUE}, all at once). Use half the maximum a run without --rate printed, for the latency at "
          + "half load.")
  double rate;

  @Option(names = "--event-spacing", paramLabel = "DURATION", defaultValue = "PT0.4S",
      description = "Publication time between one article and the next, ISO 8601 (default: ${DEFAULT-VALUE}: about "
          + "200,000 articles a day, global news volume). Clustering sees this as the stream's event time.")
  Duration eventSpacing;

  @Option(names = "--reorder-grace", paramLabel = "DURATION", defaultValue = "PT0S",
      description = "storyline.cluster.reorder-grace for the run: how much event time the clustering stage holds "
          + "articles back to put them in time order (default: ${DEFAULT-VALUE}, since the bench's input is in time "
          + "order on every partition; the product default is PT1H, which in a live feed delays every story "
          + "row by an hour of event time: --reorder-grace PT1H measures that).")
  Duration reorderGrace;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = TopicOptions.DEFAULT_PARTITIONS,
      description = "Partitions of every topic (default: ${DEFAULT-VALUE}, as storyline ingest creates them).")
  int partitions;

  @Option(names = "--stream-threads", paramLabel = "N", defaultValue = "0",
      description = "num.stream.threads of the enrich app (default: ${DEFAULT-VALUE}, one per core, the product "
          + "default). The NLP ceilings run on one thread; with more stream threads CoreNLP alone is also measured "
          + "on as many threads, and that is the ceiling the target ratio is taken against.")
  int streamThreads;

  @Option(names = "--commit-interval", paramLabel = "MS", defaultValue = "" + EnrichApp.DEFAULT_COMMIT_INTERVAL_MS,
      description = "commit.interval.ms of the enrich app: how often its exactly-once transactions commit (default: "
          + "${DEFAULT-VALUE}, the product default). Longer means fewer transactions per article and a later story "
          + "row.")
  int commitIntervalMs;

  @Option(names = "--skip-ceilings",
      description = "Run the pipeline only, without the CoreNLP, enricher and Kafka ceilings (no tokens/s then).")
  boolean skipCeilings;

  @Option(names = "--warm-up", paramLabel = "N", defaultValue = "10000",
      description = "Articles run through the whole pipeline first, on topics, an application id and a database "
          + "of their own in the same process, untimed, so the measured run starts with compiled code as the "
          + "NLP ceilings do (their rounds are warm too); fed like the measured run, at --rate when given, "
          + "so the JIT compiles for the same batch sizes. With C2 alone (the default JVM flags) a method is "
          + "interpreted for its first 10,000 calls, and much of the pipeline's code runs once per article; 0 "
          + "measures a cold start (default: ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
      description = "Give up when the articles are not all in story rows after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  /** What the NLP ceilings measured on the distinct articles. */
  private record NlpCeiling(int articles, long tokens, double rawSeconds, double rawCpuSeconds,
      double enricherSeconds, double enricherCpuSeconds, long[] tokensByDistinct, double parallelRawSeconds) {}

  /** What the pipeline run measured. */
  private record EndToEnd(int articles, double seconds, double cpuSeconds, long[] latenciesNanos,
      long[] secondHalfLatenciesNanos, long[][] latenciesByTenthNanos, double ingestSeconds, String threadTime,
      Map<String, Double> threadCpuSeconds, Window secondHalf) {}

  /**
   * The run from the moment half the articles were in story rows to the last: past the JIT's
   * first compilation of the pipeline's code (the ceilings warm only the NLP), so nearer the rate
   * a long-running process keeps up.
   */
  private record Window(int articles, double seconds, double cpuSeconds,
      Map<String, Double> threadCpuSeconds) {}

  @Override
  public Integer call() throws Exception {
    if (articles < 1 || partitions < 1 || streamThreads < 0 || commitIntervalMs < 1 || rate < 0 || warmUp < 0
        || eventSpacing.isNegative() || reorderGrace.isNegative() || timeoutSeconds < 1) {
      throw new UserError("--articles, --partitions, --commit-interval and --timeout must be at least 1; "
          + "--stream-threads, --rate, --warm-up, --event-spacing and --reorder-grace at least 0");
    }
    if (streamThreads == 0) {
      streamThreads = EnrichApp.defaultStreamThreads();
    }
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        throw new UserError("--input " + input + ": no such file (the eval data lives in ../shared/eval/)");
      }
    }
    Path seedFolder = seeds.equals("none") ? null : Path.of(seeds);
    EndToEndBenchInput input = EndToEndBenchInput.build(inputs, seedFolder, articles, FIRST_PUBLISHED, eventSpacing);
    Topics topics = Topics.withPrefix(Topics.DEFAULT_PREFIX);
    out().printf(Locale.ROOT, "bench: %,d articles (%,d distinct from %s%s, repeated with fresh ids; %,d accepted by "
            + "ingest), %.1f MB of JSONL, publication times %s apart from %s%n",
        input.lines().size(), input.distinct(), inputs, seedFolder == null ? "" : " and " + seedFolder, input.accepted(),
        input.jsonlBytes() / MB, eventSpacing, FIRST_PUBLISHED);
    out().printf(Locale.ROOT, "  %s; %d partitions, reorder grace %s, %d stream thread(s), commit interval %d ms; "
            + "%d cores, max heap %d MB, %s; load average %s%n",
        rate > 0 ? String.format(Locale.ROOT, "fed at %.1f articles/s", rate) : "fed all at once (maximum throughput)",
        partitions, reorderGrace, streamThreads, commitIntervalMs, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, BenchCommand.jvm(),
        loadAverage());
    out().flush();

    Path temp = Files.createTempDirectory("storyline-bench");
    try (ProcessMemory memory = ProcessMemory.sample(100);
        EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(temp.resolve("kafka"), 0, partitions))) {
      TopicCreator.ensureTopics(new Properties(), broker.bootstrapServers(), topics, partitions, (short) 1);
      NlpCeiling nlp = null;
      KafkaRoundTripCeiling.Result kafka = null;
      if (!skipCeilings) {
        nlp = nlpCeiling(input);
        kafka = kafkaCeiling(broker.bootstrapServers(), input, topics);
        reportCeilings(nlp, kafka);
      }
      if (warmUp > 0) {
        warmUp(broker.bootstrapServers(), seedFolder, temp.resolve("warm-up"));
      }
      EndToEnd run =
          endToEnd(broker.bootstrapServers(), Topics.DEFAULT_PREFIX, EnrichApp.APPLICATION_ID, input, temp, true);
      report(input, nlp, kafka, run, memory);
      reportLogBytes(broker.bootstrapServers(), run.articles());
    } finally {
      TemporaryFolders.delete(temp);
    }
    return 0;
  }

  /** CoreNLP alone, then the whole enricher, on one thread, over each distinct accepted article once. */
  private NlpCeiling nlpCeiling(EndToEndBenchInput input) {
    NlpSettings settings = NlpSettings.DEFAULTS;
    NlpEnricher enricher = NlpEnricher.create(FingerprintSettings.DEFAULTS, settings, Clock.systemUTC());
    int distinct = Math.min(input.distinct(), input.articles().size());
    List<Article> sample = new ArrayList<>();
    for (int j = 0; j < distinct; j++) {
      if (input.articles().get(j) != null) {
        sample.add(input.articles().get(j));
      }
    }
    out().printf(Locale.ROOT, "ceilings: CoreNLP and the enricher on one thread over the %,d distinct articles "
        + "(%d of warm-up first, then %d alternating rounds of each, the fastest kept) ...%n", sample.size(),
        Math.min(WARMUP_ARTICLES, sample.size()), CEILING_ROUNDS);
    out().flush();
    for (Article article : sample.subList(0, Math.min(WARMUP_ARTICLES, sample.size()))) {
      CoreNlpRecognizer.annotateRaw(settings.nerModel(), article.getBody());
      enricher.enrich(article);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] tokensByDistinct = new long[input.distinct()];
    long tokens = 0;
    double rawSeconds = Double.MAX_VALUE;
    double rawCpu = 0;
    double enricherSeconds = Double.MAX_VALUE;
    double enricherCpu = 0;
    // Alternating rounds, the fastest of each kept: the first round of either still warms the JIT
    // up, and a ceiling measured cold would flatter the ratios.
    for (int round = 0; round < CEILING_ROUNDS; round++) {
      tokens = 0;
      long cpu = threads.getCurrentThreadCpuTime();
      long started = System.nanoTime();
      for (int j = 0; j < distinct; j++) {
        Article article = input.articles().get(j);
        if (article != null) {
          tokensByDistinct[j] = CoreNlpRecognizer.annotateRaw(settings.nerModel(), article.getBody());
          tokens += tokensByDistinct[j];
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (seconds < rawSeconds) {
        rawSeconds = seconds;
        rawCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      }
      cpu = threads.getCurrentThreadCpuTime();
      started = System.nanoTime();
      for (Article article : sample) {
        enricher.enrich(article);
      }
      seconds = (System.nanoTime() - started) / 1e9;
      if (seconds < enricherSeconds) {
        enricherSeconds = seconds;
        enricherCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      }
    }
    double parallelRawSeconds = streamThreads > 1 ? parallelRawSeconds(settings, sample) : rawSeconds;
    return new NlpCeiling(sample.size(), tokens, rawSeconds, rawCpu, enricherSeconds, enricherCpu, tokensByDistinct,
        parallelRawSeconds);
  }

  /**
   * CoreNLP alone on as many threads as the pipeline has stream threads, each annotating every
   * N-th article, best of {@link #CEILING_ROUNDS}: the NLP ceiling a pipeline with N stream
   * threads is to be compared with.
   */
  private double parallelRawSeconds(NlpSettings settings, List<Article> sample) {
    double best = Double.MAX_VALUE;
    for (int round = 0; round < CEILING_ROUNDS; round++) {
      List<Thread> workers = new ArrayList<>();
      long started = System.nanoTime();
      for (int t = 0; t < streamThreads; t++) {
        int first = t;
        Thread worker = new Thread(() -> {
          for (int j = first; j < sample.size(); j += streamThreads) {
            CoreNlpRecognizer.annotateRaw(settings.nerModel(), sample.get(j).getBody());
          }
        }, "storyline-bench-ceiling-" + t);
        worker.start();
        workers.add(worker);
      }
      for (Thread worker : workers) {
        try {
          worker.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UserError("interrupted while measuring the NLP ceiling", e);
        }
      }
      best = Math.min(best, (System.nanoTime() - started) / 1e9);
    }
    return best;
  }

  /** The same keys and Avro values as the articles topic will hold, through a topic of their own. */
  private KafkaRoundTripCeiling.Result kafkaCeiling(String bootstrap, EndToEndBenchInput input, Topics topics)
      throws InterruptedException {
    List<byte[]> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    for (Article article : input.articles()) {
      if (article != null) {
        keys.add(article.getId().getBytes(StandardCharsets.UTF_8));
        values.add(topics.articles().valueSerde().serializer().serialize(topics.articles().name(), article));
      }
    }
    String topic = "bench.ceiling.articles";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new UserError("cannot create the topic " + topic + ": " + e.getMessage(), e);
    }
    out().printf(Locale.ROOT, "ceiling: Kafka produce+consume of the same %,d records ...%n", values.size());
    out().flush();
    return KafkaRoundTripCeiling.run(bootstrap, topic, keys, values, Duration.ofMinutes(10));
  }

  /**
   * The whole pipeline over the first {@code --warm-up} articles, on topics with a prefix of their
   * own, another application id, state folder and database, fed as the measured run is (all at
   * once, or at {@code --rate}), untimed: the JIT then compiles Streams, the clients, the broker,
   * Avro, the clustering stage and the sink before the measured run, as the ceilings' warm rounds
   * have compiled the NLP before they are timed. It is fed at the same pace because C2 compiles for
   * the branches and batch sizes it has seen: after a warm-up fed all at once, a paced run
   * recompiled for seconds and its first fifth waited 2-2.7 s (docs/BENCHMARKS.md).
   */
  private void warmUp(String bootstrap, Path seedFolder, Path folder) throws InterruptedException, IOException {
    Files.createDirectories(folder);
    EndToEndBenchInput warm = EndToEndBenchInput.build(inputs, seedFolder, warmUp, FIRST_PUBLISHED, eventSpacing);
    String prefix = "bench.warm-up.";
    TopicCreator.ensureTopics(new Properties(), bootstrap, Topics.withPrefix(prefix), partitions, (short) 1);
    out().printf(Locale.ROOT, "warm-up: the whole pipeline over %,d articles on topics of its own, untimed ...%n",
        warm.accepted());
    out().flush();
    long started = System.nanoTime();
    EndToEnd run = endToEnd(bootstrap, prefix, "storyline-bench-warm-up", warm, folder, false);
    out().printf(Locale.ROOT, "warm-up: %,d articles in story rows after %.1f s (%.1f ms CPU/article); load average %s%n",
        run.articles(), (System.nanoTime() - started) / 1e9, 1000 * run.cpuSeconds() / run.articles(), loadAverage());
    out().flush();
  }

  /**
   * Starts enrich and the sink, feeds ingest, and waits until every accepted article is in a story row.
   *
   * @param measured whether this is the measured run (its progress is labelled "bench")
   */
  private EndToEnd endToEnd(String bootstrap, String prefix, String applicationId, EndToEndBenchInput input,
      Path temp, boolean measured) throws InterruptedException {
    Topics topics = Topics.withPrefix(prefix);
    Properties streams = new Properties();
    streams.setProperty(Topics.PREFIX_CONFIG, prefix);
    streams.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    streams.setProperty(StreamsConfig.STATE_DIR_CONFIG, temp.resolve("streams").toString());
    streams.setProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
    streams.setProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(commitIntervalMs));
    streams.setProperty(ClusteringSettings.REORDER_GRACE_CONFIG, reorderGrace.toString());
    StreamThreadTime threadTime = new StreamThreadTime();
    int expected = (int) input.accepted();
    Map<String, Long> storedAt = new ConcurrentHashMap<>();
    AtomicInteger stored = new AtomicInteger();
    CountDownLatch allStored = new CountDownLatch(1);
    AtomicReference<String> failure = new AtomicReference<>();
    StorySink.BatchListener listener = batch -> {
      long now = System.nanoTime();
      for (StoryCluster story : batch.stories()) {
        for (StoryMember member : story.getMembers()) {
          if (storedAt.putIfAbsent(member.getArticleId(), now) == null && stored.incrementAndGet() == expected) {
            allStored.countDown();
          }
        }
      }
    };
    out().printf(Locale.ROOT, "pipeline: starting enrich (CoreNLP) and the sink ...%n");
    out().flush();
    try (EnrichService enrich = EnrichService.create(streams, bootstrap)) {
      enrich.start();
      Properties sinkClient = new Properties();
      sinkClient.setProperty(ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-sink");
      try (SinkRunner sink = SinkRunner.start(sinkClient, bootstrap, topics,
          "jdbc:sqlite:" + temp.resolve("stories.db"), failure::set, listener)) {
        Progress progress =
            Progress.onStderr((measured ? "bench" : "warm-up") + ": articles in story rows");
        AcknowledgementTimes acks;
        long cpuStart = processCpuNanos();
        ThreadCpu threadCpu = ThreadCpu.start(cpuStart);
        ThreadCpu halfThreadCpu = null;
        long halfAt = 0;
        long halfCpu = 0;
        int halfStored = 0;
        long start = System.nanoTime();
        CompletableFuture<IngestSummary> ingest;
        try (ArticlePublisher publisher = new ArticlePublisher(
            ArticlePublisher.config(new Properties(), bootstrap), topics, Clock.systemUTC())) {
          acks = new AcknowledgementTimes(publisher);
          ingest = CompletableFuture.supplyAsync(() -> new StreamIngest(
              new ArticleParser(Clock.systemUTC(), ArticleParser.DEFAULT_MAX_BODY_BYTES), acks, outcome -> {},
              Clock.systemUTC()).ingest("bench", new PacedLines(input.lines(), rate), InputFormat.JSONL),
              runnable -> new Thread(runnable, "storyline-bench-ingest").start());
          long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
          int shown = 0;
          while (!allStored.await(1, TimeUnit.SECONDS)) {
            for (int now = stored.get(); shown < now; shown++) {
              progress.step(false);
            }
            if (halfThreadCpu == null && shown >= expected / 2) {
              halfAt = System.nanoTime();
              halfStored = shown;
              halfCpu = processCpuNanos();
              halfThreadCpu = ThreadCpu.start(halfCpu);
            }
            threadTime.sample(enrich.metrics());
            KafkaStreams.State state = enrich.state();
            if (failure.get() != null) {
              throw new UserError(failure.get());
            }
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING) {
              throw new UserError("enrich stopped (state " + state + "); see the log");
            }
            if (ingest.isCompletedExceptionally()) {
              ingest.join();
            }
            if (System.nanoTime() > deadline) {
              throw new UserError(stored.get() + " of " + expected + " articles reached story rows within "
                  + timeoutSeconds + " s; raise --timeout, or run with STORYLINE_LOG_LEVEL=INFO");
            }
          }
          progress.finish();
        }
        long cpuEnd = processCpuNanos();
        Map<String, Double> threadCpuSeconds = threadCpu.since(cpuEnd);
        Map<String, Double> halfThreadCpuSeconds =
            halfThreadCpu == null ? null : halfThreadCpu.since(cpuEnd);
        IngestSummary summary = ingest.join();
        if (summary.published() != expected || !summary.failed().isEmpty()) {
          throw new UserError("ingest published " + summary.line() + ", expected " + expected + " articles");
        }
        long last = storedAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
        long lastAck = acks.byId().values().stream().mapToLong(Long::longValue).max().orElse(start);
        long[] latencies = new long[expected];
        long[] lateLatencies = new long[expected];
        long[][] byTenth = new long[10][expected];
        int[] inTenth = new int[10];
        long half = start + (lastAck - start) / 2;
        int n = 0;
        int late = 0;
        for (Map.Entry<String, Long> entry : storedAt.entrySet()) {
          Long acked = acks.byId().get(entry.getKey());
          if (acked != null) {
            latencies[n++] = entry.getValue() - acked;
            int tenth = (int) Math.min(9, Math.max(0, 10 * (acked - start) / Math.max(1, lastAck - start)));
            byTenth[tenth][inTenth[tenth]++] = entry.getValue() - acked;
            if (acked >= half) {
              lateLatencies[late++] = entry.getValue() - acked;
            }
          }
        }
        latencies = Arrays.copyOf(latencies, n);
        Arrays.sort(latencies);
        lateLatencies = Arrays.copyOf(lateLatencies, late);
        Arrays.sort(lateLatencies);
        for (int t = 0; t < byTenth.length; t++) {
          byTenth[t] = Arrays.copyOf(byTenth[t], inTenth[t]);
          Arrays.sort(byTenth[t]);
        }
        double seconds = (last - start) / 1e9;
        Window secondHalf = halfThreadCpuSeconds == null ? null : new Window(expected - halfStored,
            (last - halfAt) / 1e9, (cpuEnd - halfCpu) / 1e9, halfThreadCpuSeconds);
        return new EndToEnd(expected, seconds, (cpuEnd - cpuStart) / 1e9, latencies, lateLatencies, byTenth,
            (lastAck - start) / 1e9, threadTime.line(seconds, streamThreads), threadCpuSeconds,
            secondHalf);
      }
    }
  }

  private void reportCeilings(NlpCeiling nlp, KafkaRoundTripCeiling.Result kafka) {
    if (nlp != null) {
      out().printf(Locale.ROOT, "ceiling, CoreNLP alone (one thread, fastest round, %,d articles, %,d tokens, mean %d):%n"
              + "    %7.1f articles/s  %,8.0f tokens/s  %6.1f ms CPU/article%n",
          nlp.articles(), nlp.tokens(), nlp.tokens() / Math.max(1, nlp.articles()), nlp.articles() / nlp.rawSeconds(),
          nlp.tokens() / nlp.rawSeconds(), 1000 * nlp.rawCpuSeconds() / nlp.articles());
      if (streamThreads > 1) {
        out().printf(Locale.ROOT, "ceiling, CoreNLP alone on %d threads (as many as the stream threads, fastest "
            + "round):%n    %7.1f articles/s%n", streamThreads, nlp.articles() / nlp.parallelRawSeconds());
      }
      out().printf(Locale.ROOT, "ceiling, Storyline enricher alone (one thread, fastest round, same articles):%n"
              + "    %7.1f articles/s  %,8.0f tokens/s  %6.1f ms CPU/article%n",
          nlp.articles() / nlp.enricherSeconds(), nlp.tokens() / nlp.enricherSeconds(),
          1000 * nlp.enricherCpuSeconds() / nlp.articles());
    }
    if (kafka != null) {
      out().printf(Locale.ROOT, "ceiling, Kafka produce+consume of the same record bytes (%,d records, %.1f MB, ingest's "
              + "producer settings):%n    %,9.0f records/s  %6.2f MB/s%n",
          kafka.records(), kafka.bytes() / MB, kafka.recordsPerSecond(), kafka.megabytesPerSecond());
    }
    out().printf(Locale.ROOT, "load average: %s%n", loadAverage());
    out().flush();
  }

  private void report(EndToEndBenchInput input, NlpCeiling nlp, KafkaRoundTripCeiling.Result kafka, EndToEnd run,
      ProcessMemory memory) {
    long tokens = 0;
    if (nlp != null) {
      for (int i = 0; i < input.articles().size(); i++) {
        if (input.articles().get(i) != null) {
          tokens += nlp.tokensByDistinct()[i % input.distinct()];
        }
      }
    }
    double e2eRate = run.articles() / run.seconds();
    out().printf(Locale.ROOT, "end to end (ingest -> enrich -> cluster -> SQLite), %,d articles in %.1f s "
            + "(the last acknowledged by Kafka after %.1f s):%n", run.articles(), run.seconds(), run.ingestSeconds());
    out().printf(Locale.ROOT, "    %7.1f articles/s  %s  %6.1f ms CPU/article (whole process: broker, "
            + "ingest, enrich, cluster, sink)%n", e2eRate,
        nlp == null ? "(tokens/s: not counted with --skip-ceilings)"
            : String.format(Locale.ROOT, "%,8.0f tokens/s", tokens / run.seconds()),
        1000 * run.cpuSeconds() / run.articles());
    out().printf(Locale.ROOT, "    %s%n", ThreadCpu.line(run.threadCpuSeconds(), run.articles()));
    out().printf(Locale.ROOT, "    %s%n", run.threadTime());
    Window half = run.secondHalf();
    if (half != null) {
      out().printf(Locale.ROOT, "    second half (the last %,d articles, from half of them in story rows on): "
              + "%.1f articles/s, %.1f ms CPU/article%s%n      %s%n", half.articles(),
          half.articles() / half.seconds(), 1000 * half.cpuSeconds() / half.articles(),
          nlp == null ? "" : String.format(Locale.ROOT, " = %.0f%% of CoreNLP alone",
              100 * half.articles() / half.seconds() / (nlp.articles() / nlp.rawSeconds())),
          ThreadCpu.line(half.threadCpuSeconds(), half.articles()));
    }
    long[] l = run.latenciesNanos();
    out().printf(Locale.ROOT, "    latency from ingest's acknowledgement to the story row committed in SQLite "
            + "(%,d articles):%n      p50 %,d ms  p99 %,d ms  max %,d ms%s%n", l.length, percentileMs(l, 0.50),
        percentileMs(l, 0.99), l.length == 0 ? 0 : l[l.length - 1] / 1_000_000,
        rate > 0 ? String.format(Locale.ROOT, "  (fed at %.1f articles/s; target p99 <= 2,000 ms at half the maximum)",
            rate) : "  (everything fed at once: this is the queue in front of enrich; measure latency with --rate)");
    long[] h = run.secondHalfLatenciesNanos();
    out().printf(Locale.ROOT, "      of the articles acknowledged in the second half of the feed (%,d, past the JIT "
            + "warm-up): p50 %,d ms  p99 %,d ms  max %,d ms%n", h.length, percentileMs(h, 0.50), percentileMs(h, 0.99),
        h.length == 0 ? 0 : h[h.length - 1] / 1_000_000);
    if (rate > 0) {
      StringBuilder tenths = new StringBuilder();
      for (long[] tenth : run.latenciesByTenthNanos()) {
        tenths.append(String.format(Locale.ROOT, " %,d/%,d", percentileMs(tenth, 0.99),
            tenth.length == 0 ? 0 : tenth[tenth.length - 1] / 1_000_000));
      }
      out().printf(Locale.ROOT, "      p99/max in ms by tenth of the feed (by acknowledgement time):%s%n", tenths);
    }
    long hwmKb = ProcessMemory.statusKb("VmHWM").orElse(0);
    long rssKb = ProcessMemory.statusKb("VmRSS").orElse(0);
    out().printf(Locale.ROOT, "memory: peak heap in use %,d MB (sampled every 100 ms; max heap %,d MB); peak RSS "
            + "(VmHWM, the whole run, ceilings included) %,d MB, RSS now %,d MB: %s%n",
        memory.peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20, hwmKb >> 10, rssKb >> 10,
        hwmKb == 0 ? "no /proc/self/status here" : hwmKb <= 2L * 1024 * 1024 ? "within the 2 GB target"
            : "OVER the 2 GB target");
    if (nlp != null) {
      double raw = nlp.articles() / nlp.rawSeconds();
      double enriched = nlp.articles() / nlp.enricherSeconds();
      if (streamThreads > 1) {
        out().printf(Locale.ROOT, "ratios: end to end / CoreNLP alone on %d threads %.0f%% (the NLP ceiling for %d "
                + "stream threads; target >= 85%%); end to end / CoreNLP alone on one thread %.0f%%%n", streamThreads,
            100 * e2eRate / (nlp.articles() / nlp.parallelRawSeconds()), streamThreads, 100 * e2eRate / raw);
        out().printf(Locale.ROOT, "        end to end / enricher alone on one thread %.0f%%; enricher / CoreNLP %.0f%%%n",
            100 * e2eRate / enriched, 100 * enriched / raw);
      } else {
        out().printf(Locale.ROOT, "ratios: end to end / CoreNLP alone %.0f%% (target >= 85%%); end to end / enricher "
                + "alone %.0f%% (what Kafka, clustering and the sink leave of the enricher's speed); enricher / CoreNLP "
                + "%.0f%%%n", 100 * e2eRate / raw, 100 * e2eRate / enriched, 100 * enriched / raw);
      }
      out().printf(Locale.ROOT, "        CPU per article: enricher alone %.1f ms, end to end %.1f ms (%.0f%% of it "
              + "outside the enricher)%n", 1000 * nlp.enricherCpuSeconds() / nlp.articles(),
          1000 * run.cpuSeconds() / run.articles(),
          100 * (1 - (nlp.enricherCpuSeconds() / nlp.articles()) / (run.cpuSeconds() / run.articles())));
      double streamCpu = run.threadCpuSeconds().get(ThreadCpu.STREAM) / run.articles();
      out().printf(Locale.ROOT, "        stream threads' CPU per article %.2f ms: CoreNLP alone / stream threads %.0f%%, "
              + "enricher alone / stream threads %.0f%% (the share of the stream threads' work that is NLP)%n",
          1000 * streamCpu, 100 * nlp.rawCpuSeconds() / nlp.articles() / streamCpu,
          100 * nlp.enricherCpuSeconds() / nlp.articles() / streamCpu);
    }
    if (kafka != null) {
      out().printf(Locale.ROOT, "        end to end / Kafka produce+consume %.2f%%%n", 100 * e2eRate / kafka.recordsPerSecond());
    }
    if (rate == 0) {
      out().printf(Locale.ROOT, "latency at half this maximum: storyline bench --rate %.1f%n", e2eRate / 2);
    }
    out().printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
    out().flush();
  }

  /**
   * What the measured run left in the broker's log per article, by topic (the app's changelog and
   * repartition topics included): the bytes every article costs Kafka to write, replicate and
   * read. Repartition topics are purged as they are consumed, so theirs is a lower bound.
   */
  private void reportLogBytes(String bootstrap, int articleCount) {
    Map<String, Long> bytes = new HashMap<>();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
          .map(Node::id).toList();
      admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values().forEach(dirs ->
          dirs.values().forEach(dir -> dir.replicaInfos().forEach((partition, replica) -> {
            String topic = partition.topic();
            if (topic.startsWith(Topics.DEFAULT_PREFIX) || topic.startsWith(EnrichApp.APPLICATION_ID + "-")) {
              bytes.merge(topic.replace(EnrichApp.APPLICATION_ID + "-", ""), replica.size(), Long::sum);
            }
          })));
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      out().printf(Locale.ROOT, "log bytes: not read (%s)%n", e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long total = bytes.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder line = new StringBuilder();
    bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(entry -> entry.getValue() > 0)
        .forEach(entry -> line.append(String.format(Locale.ROOT, "%n      %-60s %8.2f KB",
            entry.getKey(), entry.getValue() / 1024.0 / articleCount)));
    out().printf(Locale.ROOT, "broker log per article: %.2f KB in all%s%n", total / 1024.0 / articleCount, line);
    out().flush();
  }

  /** The value below which a share {@code q} of the sorted {@code values} lie, in ms (nearest rank). */
  static long percentileMs(long[] sortedNanos, double q) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)] / 1_000_000;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /**
   * The JVM and its JIT mode, e.g. {@code OpenJDK 64-Bit Server VM 17.0.15, C2 only}: the JIT mode
   * moves CoreNLP's speed by 1.3-1.5x, so a recorded figure needs it.
   */
  static String jvm() {
    String jit;
    try {
      boolean tiered = Boolean.parseBoolean(ManagementFactory
          .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("TieredCompilation")
          .getValue());
      jit = tiered ? "tiered JIT" : "C2 only";
    } catch (RuntimeException e) {
      jit = "JIT mode unknown";
    }
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", " + jit;
  }

  /** The three load averages of /proc/loadavg, or the JVM's one-minute figure elsewhere. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
