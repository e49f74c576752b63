package dev.storyline.cli;

import dev.storyline.avro.StoryCluster;
import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import dev.storyline.schemas.Topics;
import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StorySink;
import dev.storyline.sink.StoryWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storyline bench sink}: story updates per second into each database, first through
 * the writer alone (the database's ceiling), then end to end (embedded broker, {@link StorySink}
 * decoding and writing), on generated stories of a realistic shape.
 */
@Command(
    name = "sink",
    description = "Story updates/s into each database: writer alone (the ceiling), then end to end from the "
        + "embedded broker through the sink.")
final class BenchSinkCommand extends StorylineSubcommand {

  private static final Duration END_TO_END_TIMEOUT = Duration.ofMinutes(10);

  @Option(names = "--db", paramLabel = "DB", split = ",", defaultValue = "sqlite",
      description = "Databases to measure, comma-separated or repeated: 'sqlite' (a fresh file in a temporary "
          + "folder) or jdbc:postgresql://… (a fresh schema, dropped afterwards). Default: ${DEFAULT-VALUE}.")
  List<String> databases;

  @Option(names = "--stories", paramLabel = "N", defaultValue = "5000",
      description = "Distinct stories (default: ${DEFAULT-VALUE}).")
  int stories;

  @Option(names = "--versions", paramLabel = "V", defaultValue = "4",
      description = "Versions of each story, written in rounds; each version after the first is the previous one "
          + "with one more article joined, as the clustering stage publishes it (default: ${DEFAULT-VALUE}).")
  int versions;

  @Option(names = "--members", paramLabel = "M", defaultValue = "6",
      description = "Members of each story's first version, every fourth a syndicated copy; each story also has "
          + "5 entities and a figure report per original member in 1-2 groups (default: ${DEFAULT-VALUE}).")
  int members;

  @Option(names = "--batch", paramLabel = "B", defaultValue = "500",
      description = "Updates per transaction in the writer-only run (the sink's own batches are its polls, up to "
          + "max.poll.records=500) (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--remembered-stories", paramLabel = "N", defaultValue = "" + StoryWriter.DEFAULT_REMEMBERED_STORIES,
      description = "Stories whose written rows the writer remembers, to write only what changed in their next "
          + "version; 0 rewrites every story's rows whole (default: ${DEFAULT-VALUE}).")
  int rememberedStories;

  @Option(names = "--writer-only", description = "Skip the end-to-end run (no broker).")
  boolean writerOnly;

  @Override
  public Integer call() throws Exception {
    if (stories < 1 || versions < 1 || members < 3 || batch < 1 || rememberedStories < 0) {
      throw new UserError("--stories, --versions and --batch must be at least 1, --members at least 3, "
          + "--remembered-stories at least 0");
    }
    List<StoryCluster> updates = updates();
    long rows = 0;
    for (StoryCluster update : updates) {
      rows += rows(update);
    }
    double rowsPerUpdate = (double) rows / updates.size();
    out().printf(Locale.ROOT, "bench sink: %,d updates (%,d stories x %d versions, each version one more member), "
        + "%.1f rows per story version on average, %d cores, %s%n", updates.size(), stories, versions, rowsPerUpdate,
        Runtime.getRuntime().availableProcessors(), BenchCommand.jvm());
    Path temp = Files.createTempDirectory("storyline-bench-sink");
    EmbeddedKafkaBroker broker = null;
    try {
      for (String db : databases) {
        try (BenchDatabase writerDb = BenchDatabase.create(db, temp)) {
          Rate rate = writerOnly(writerDb.database(), updates);
          out().printf(Locale.ROOT, "%-10s writer only:  %,9.0f updates/s  (%,.0f story rows/s, %d updates per "
              + "transaction; %,.0f updates per CPU-second of the writing thread; %s)%n", writerDb.label(), rate.wall(),
              rate.wall() * rowsPerUpdate, batch, rate.perCpuSecond(), load());
          out().flush();
        }
        if (writerOnly) {
          continue;
        }
        if (broker == null) {
          broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(temp.resolve("kafka"), 0, 2));
        }
        try (BenchDatabase sinkDb = BenchDatabase.create(db, temp)) {
          Rate rate = endToEnd(broker, sinkDb.database(), updates);
          out().printf(Locale.ROOT, "%-10s end to end:   %,9.0f updates/s  (embedded broker -> StorySink -> database, "
              + "2 partitions; %,.0f updates per CPU-second of the sink thread; %s)%n", sinkDb.label(), rate.wall(),
              rate.perCpuSecond(), load());
          out().flush();
        }
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
      TemporaryFolders.delete(temp);
    }
    return 0;
  }

  /** Version 1 of every story, then version 2 of every story, and so on. */
  private List<StoryCluster> updates() {
    List<StoryCluster> updates = new ArrayList<>(stories * versions);
    for (int version = 1; version <= versions; version++) {
      for (int i = 0; i < stories; i++) {
        updates.add(StoryBenchData.realistic("bench-story-" + i, version, i, members));
      }
    }
    return updates;
  }

  private static int rows(StoryCluster story) {
    int values = story.getFigureGroups().stream().mapToInt(group -> group.getReports().size()).sum();
    return 1 + story.getSources().size() + story.getMembers().size() + story.getEntities().size()
        + story.getFigureGroups().size() + values;
  }

  /** Updates per second of wall-clock time, and per CPU-second of the writing thread. */
  private record Rate(double wall, double perCpuSecond) {}

  private Rate writerOnly(StoryDatabase database, List<StoryCluster> updates) {
    TopicPartition partition = new TopicPartition("bench.stories", 0);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (StoryWriter writer = new StoryWriter(database, Clock.systemUTC(), rememberedStories)) {
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      for (int from = 0; from < updates.size(); from += batch) {
        int to = Math.min(updates.size(), from + batch);
        writer.write(updates.subList(from, to), Map.of(partition, (long) to));
      }
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      return new Rate(updates.size() / seconds(start), updates.size() / cpuSeconds);
    }
  }

  private static String load() {
    return String.format(Locale.ROOT, "load average %.1f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private Rate endToEnd(EmbeddedKafkaBroker broker, StoryDatabase database, List<StoryCluster> updates)
      throws Exception {
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(prefix);
    TopicCreator.ensureTopics(new Properties(), broker.bootstrapServers(), topics, 2, (short) 1);
    produce(broker, topics, updates);
    Map<TopicPartition, Long> end = endOffsets(broker, topics);
    Properties client = new Properties();
    client.setProperty(ConsumerConfig.GROUP_ID_CONFIG, prefix + "sink");
    // Timed from the end of the first batch to the end of the last, so joining the consumer
    // group (seconds on a loaded machine) does not count; the first batch does not count either.
    AtomicLong consumed = new AtomicLong();
    AtomicLong afterFirst = new AtomicLong();
    AtomicLong firstCommit = new AtomicLong();
    AtomicLong lastCommit = new AtomicLong();
    AtomicLong firstCpu = new AtomicLong();
    AtomicLong lastCpu = new AtomicLong();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    StorySink.BatchListener timing = committed -> {
      long now = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      if (consumed.getAndAdd(committed.stories().size()) == 0) {
        firstCommit.set(now);
        firstCpu.set(cpu);
      } else {
        afterFirst.addAndGet(committed.stories().size());
      }
      lastCommit.set(now);
      lastCpu.set(cpu);
    };
    try (StorySink sink = new StorySink(StorySink.config(client, broker.bootstrapServers()), topics, database,
        timing, rememberedStories)) {
      Thread thread = new Thread(sink, "bench-sink");
      thread.start();
      long deadline = System.nanoTime() + END_TO_END_TIMEOUT.toNanos();
      try (StoryWriter offsets = new StoryWriter(database)) {
        // The listener hears of a batch just after its offsets are visible in the database: wait
        // for both, or the last batch may be missing from the count.
        while (!offsets.committedOffsets(topics.stories().name()).equals(end)
            || consumed.get() < updates.size()) {
          if (!thread.isAlive()) {
            throw new UserError("the sink stopped before consuming every update; see the log");
          }
          if (System.nanoTime() > deadline) {
            throw new UserError("the sink did not consume " + updates.size() + " updates within " + END_TO_END_TIMEOUT);
          }
          Thread.sleep(20);
        }
      }
      return new Rate(afterFirst.get() / ((lastCommit.get() - firstCommit.get()) / 1e9),
          afterFirst.get() / ((lastCpu.get() - firstCpu.get()) / 1e9));
    }
  }

  private static void produce(EmbeddedKafkaBroker broker, Topics topics, List<StoryCluster> updates) throws Exception {
    Properties config = new Properties();
    config.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    // Ordered, checked sends are all the benchmark needs; it verifies the count it consumes.
    config.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    config.setProperty(ProducerConfig.ACKS_CONFIG, "1");
    config.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    config.setProperty(ProducerConfig.LINGER_MS_CONFIG, "10");
    config.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
    try (KafkaProducer<String, StoryCluster> producer = new KafkaProducer<>(config,
        topics.stories().keySerde().serializer(), topics.stories().valueSerde().serializer())) {
      List<Future<RecordMetadata>> sends = new ArrayList<>(updates.size());
      for (StoryCluster story : updates) {
        sends.add(producer.send(new ProducerRecord<>(topics.stories().name(), story.getStoryId(), story)));
      }
      producer.flush();
      for (Future<RecordMetadata> send : sends) {
        try {
          send.get();
        } catch (ExecutionException e) {
          throw new UserError("cannot produce the benchmark's story updates: " + e.getCause().getMessage(), e);
        }
      }
    }
  }

  private static Map<TopicPartition, Long> endOffsets(EmbeddedKafkaBroker broker, Topics topics) {
    Properties config = new Properties();
    config.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      String name = topics.stories().name();
      return Map.copyOf(consumer.endOffsets(List.of(new TopicPartition(name, 0), new TopicPartition(name, 1))));
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** A fresh database for one measurement: a new SQLite file, or a new PostgreSQL schema dropped on close. */
  private record BenchDatabase(String label, StoryDatabase database, String serverUrl, String schema)
      implements AutoCloseable {

    static BenchDatabase create(String spec, Path folder) {
      String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      if (spec.equalsIgnoreCase("sqlite")) {
        return new BenchDatabase("sqlite", StoryDatabases.open("jdbc:sqlite:" + folder.resolve(run + ".db")), null,
            null);
      }
      if (!spec.startsWith("jdbc:postgresql:")) {
        throw new UserError("--db: '" + spec + "' is neither 'sqlite' nor a jdbc:postgresql:// URL");
      }
      String schema = "storyline_bench_" + run;
      execute(spec, "CREATE SCHEMA " + schema);
      try {
        return new BenchDatabase("postgresql",
            StoryDatabases.open(spec + (spec.contains("?") ? "&" : "?") + "currentSchema=" + schema), spec, schema);
      } catch (RuntimeException e) {
        execute(spec, "DROP SCHEMA " + schema + " CASCADE");
        throw e;
      }
    }

    @Override
    public void close() {
      if (schema != null) {
        execute(serverUrl, "DROP SCHEMA " + schema + " CASCADE");
      }
    }

    private static void execute(String url, String sql) {
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new UserError("--db: cannot " + sql + ": " + e.getMessage(), e);
      }
    }
  }
}
