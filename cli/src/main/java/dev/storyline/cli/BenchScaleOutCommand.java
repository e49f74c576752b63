package dev.storyline.cli;

import dev.storyline.avro.Article;
import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import dev.storyline.enrich.EnrichApp;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.schemas.Topics;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storyline bench scale-out}: {@code storyline enrich} as separate processes (child JVMs)
 * against one embedded broker. Three runs, each on topics and an application id of its own: one
 * instance, then two (throughput of each over the same articles, and how the partitions split),
 * then two again with one killed (SIGKILL) part-way, checking that the survivor takes its
 * partitions over and that every article reaches the enriched topic exactly once.
 */
@Command(
    name = "scale-out",
    description = {
        "storyline enrich as separate processes (child JVMs, --heap each) against an embedded broker in this process: "
            + "1 instance, then 2 (articles/s of each run over the same --articles articles, and the partitions of the "
            + "articles topic each instance holds, read from the consumer group), then 2 with one killed with SIGKILL "
            + "once a third of the articles are enriched: the survivor's new assignment, how long the takeover took, "
            + "and a count of the enriched topic (read_committed): every article exactly once.",
        "Articles are published before the clock starts; throughput is timed from the first enriched record to the "
            + "last, as a read_committed consumer sees them."})
final class BenchScaleOutCommand extends StorylineSubcommand {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  @Option(names = "--input", paramLabel = "FILE", split = ",", defaultValue = "../shared/eval/allsides.jsonl",
      description = "JSONL article files to repeat, read and never copied (default: ${DEFAULT-VALUE}).")
  List<Path> inputs;

  @Option(names = "--articles", paramLabel = "N", defaultValue = "1500",
      description = "Articles per run, the input repeated with fresh ids (default: ${DEFAULT-VALUE}).")
  int articles;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
      description = "Partitions of every topic (default: ${DEFAULT-VALUE}, so two instances can split them evenly).")
  int partitions;

  @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "1g",
      description = "-Xmx of each enrich process (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--skip-kill", description = "Measure 1 and 2 instances only, without the kill run.")
  boolean skipKill;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
      description = "Give up on a run whose articles are not all enriched after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  /** One enrich child process and what identifies it in the consumer group. */
  private record Instance(String name, ChildJvm process, String memberId) {}

  @Override
  public Integer call() throws Exception {
    if (articles < 1 || partitions < 1 || timeoutSeconds < 1) {
      throw new UserError("--articles, --partitions and --timeout must be at least 1");
    }
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        throw new UserError("--input " + input + ": no such file (the eval data lives in ../shared/eval/)");
      }
    }
    EndToEndBenchInput input = EndToEndBenchInput.build(inputs, null, articles, BenchCommand.FIRST_PUBLISHED,
        Duration.ofMillis(400));
    List<Article> accepted = input.articles().stream().filter(a -> a != null).toList();
    out().printf(Locale.ROOT, "bench scale-out: %,d articles per run (%,d distinct from %s, fresh ids), %d partitions, "
            + "enrich processes with -Xmx%s; %d cores, %s; load average %s%n", accepted.size(), input.distinct(), inputs,
        partitions, heap, Runtime.getRuntime().availableProcessors(),
        BenchCommand.jvm(), BenchCommand.loadAverage());
    out().flush();
    Path temp = Files.createTempDirectory("storyline-bench-scale-out");
    boolean keepLogs = false;
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(temp.resolve("kafka"), 0, partitions))) {
      String bootstrap = broker.bootstrapServers();
      double one = run(bootstrap, temp, "one", 1, accepted, false);
      double two = run(bootstrap, temp, "two", 2, accepted, false);
      out().printf(Locale.ROOT, "scale-out: 2 instances %.1f articles/s against 1 instance %.1f articles/s: x%.2f "
          + "(%d cores for both instances, the broker and this process; load average %s)%n", two, one, two / one,
          Runtime.getRuntime().availableProcessors(), BenchCommand.loadAverage());
      if (!skipKill) {
        run(bootstrap, temp, "kill", 2, accepted, true);
      }
    } catch (Exception | Error e) {
      keepLogs = true;
      err().println("bench scale-out: enrich logs kept in " + temp);
      throw e;
    } finally {
      if (!keepLogs) {
        TemporaryFolders.delete(temp);
      }
    }
    return 0;
  }

  /** One run on topics and an application id of its own; returns its articles/s. */
  private double run(String bootstrap, Path temp, String name, int instances, List<Article> articles, boolean kill)
      throws Exception {
    String prefix = "bench." + name + ".";
    String applicationId = "storyline-bench-scale-out-" + name;
    Topics topics = Topics.withPrefix(prefix);
    TopicCreator.ensureTopics(new Properties(), bootstrap, topics, partitions, (short) 1);
    Path settings = temp.resolve(name + ".properties");
    Properties enrichSettings = new Properties();
    enrichSettings.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    try (Writer writer = Files.newBufferedWriter(settings, StandardCharsets.UTF_8)) {
      enrichSettings.store(writer, "storyline bench scale-out, run " + name);
    }
    out().printf(Locale.ROOT, "%nrun '%s': %d enrich instance(s)%s%n", name, instances,
        kill ? ", one killed with SIGKILL once a third of the articles are enriched" : "");
    out().flush();
    List<Instance> running = new ArrayList<>();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        KafkaConsumer<String, byte[]> enriched = enrichedReader(bootstrap, topics)) {
      for (int i = 1; i <= instances; i++) {
        running.add(startInstance(bootstrap, temp, name, i, prefix, settings, applicationId));
      }
      long readyStart = System.nanoTime();
      Map<String, List<Integer>> assignment = awaitAssignment(admin, applicationId, topics, running, instances);
      out().printf(Locale.ROOT, "  group stable after %.1f s; partitions of %s: %s%n",
          (System.nanoTime() - readyStart) / 1e9, topics.articles().name(), describe(assignment));
      out().flush();
      try (ArticlePublisher publisher =
          new ArticlePublisher(ArticlePublisher.config(new Properties(), bootstrap), topics, Clock.systemUTC())) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (Article article : articles) {
          sends.add(publisher.publish(article));
        }
        publisher.flush();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }
      Map<String, Integer> seen = new HashMap<>();
      long records = 0;
      long first = 0;
      long last = 0;
      long killedAt = 0;
      long takenOverAt = 0;
      long lastLook = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      Instance victim = null;
      while (seen.size() < articles.size()) {
        for (ConsumerRecord<String, byte[]> record : enriched.poll(Duration.ofMillis(200))) {
          records++;
          seen.merge(record.key(), 1, Integer::sum);
          last = System.nanoTime();
          if (first == 0) {
            first = last;
          }
        }
        if (kill && victim == null && seen.size() >= articles.size() / 3) {
          victim = running.get(0);
          Map<String, List<Integer>> before = assignment(admin, applicationId, topics, running);
          victim.process().kill();
          killedAt = System.nanoTime();
          out().printf(Locale.ROOT, "  killed %s (SIGKILL) with %,d of %,d articles enriched; the group had %s%n",
              victim.name(), seen.size(), articles.size(), describe(before));
          out().flush();
        }
        if (victim != null && takenOverAt == 0 && System.nanoTime() - lastLook > TimeUnit.SECONDS.toNanos(1)) {
          lastLook = System.nanoTime();
          Map<String, List<Integer>> now = assignment(admin, applicationId, topics, running);
          if (now.size() == 1 && now.values().iterator().next().size() == partitions) {
            takenOverAt = lastLook;
            out().printf(Locale.ROOT, "  %.1f s after the kill the survivor holds every partition: %s (%,d articles "
                + "enriched by then)%n", (takenOverAt - killedAt) / 1e9, describe(now), seen.size());
            out().flush();
          }
        }
        for (Instance instance : running) {
          if (instance != victim && !instance.process().isAlive()) {
            throw new UserError(instance.name() + " stopped on its own:\n" + instance.process().tail());
          }
        }
        if (System.nanoTime() > deadline) {
          throw new UserError("run '" + name + "': " + seen.size() + " of " + articles.size()
              + " articles enriched within " + timeoutSeconds + " s");
        }
      }
      double seconds = (last - first) / 1e9;
      double rate = (articles.size() - 1) / seconds;
      if (victim != null) {
        Map<String, List<Integer>> after = assignment(admin, applicationId, topics, running);
        out().printf(Locale.ROOT, "  after the kill: %s; every article enriched %.1f s after it (the dead member's "
            + "partitions wait for its session to time out: static membership, session.timeout.ms)%n",
            describe(after), (last - killedAt) / 1e9);
      }
      // Anything a dead instance's aborted transaction wrote stays invisible to read_committed; a
      // duplicate would be a second committed copy, which could still arrive: keep reading a little.
      long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < settleUntil) {
        for (ConsumerRecord<String, byte[]> record : enriched.poll(Duration.ofMillis(200))) {
          records++;
          seen.merge(record.key(), 1, Integer::sum);
        }
      }
      long duplicated = seen.values().stream().filter(n -> n > 1).count();
      long missing = articles.stream().filter(a -> !seen.containsKey(a.getId())).count();
      long unexpected = seen.size() - (articles.size() - missing);
      out().printf(Locale.ROOT, "  %,d articles enriched in %.1f s (first to last enriched record): %.1f articles/s; "
              + "enriched topic (read_committed): %,d records, %,d distinct ids, %d missing, %d duplicated, %d unknown%s; "
              + "load average %s%n", articles.size(), seconds, rate, records, seen.size(), missing, duplicated, unexpected,
          duplicated == 0 && missing == 0 && unexpected == 0 ? " (exactly once)" : " (NOT exactly once)",
          BenchCommand.loadAverage());
      out().flush();
      if (duplicated != 0 || missing != 0 || unexpected != 0) {
        throw new UserError("run '" + name + "': the enriched topic does not hold every article exactly once");
      }
      return rate;
    } finally {
      for (Instance instance : running) {
        instance.process().close();
      }
    }
  }

  private Instance startInstance(String bootstrap, Path temp, String run, int number, String prefix, Path settings,
      String applicationId) {
    String name = "enrich-" + number;
    Path dataDir = temp.resolve(run + "-" + name);
    Properties identity = new Properties();
    identity.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    // storyline enrich --data-dir DIR keeps its Streams state in DIR/streams (DataOptions); the
    // group instance id is derived from it, which tells the instances apart in the group.
    identity.setProperty(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toString());
    ChildJvm process = ChildJvm.start(temp.resolve(run + "-" + name + ".log"), heap, Storyline.class.getName(),
        List.of("enrich", "--bootstrap-servers", bootstrap, "--topic-prefix", prefix, "--client-config",
            settings.toString(), "--data-dir", dataDir.toString(), "--partitions", Integer.toString(partitions)));
    return new Instance(name, process, EnrichApp.staticMemberId(identity));
  }

  /**
   * Waits until the group is stable with {@code instances} instances that each hold articles
   * partitions (an instance is as many group members as it has stream threads).
   */
  private Map<String, List<Integer>> awaitAssignment(Admin admin, String applicationId, Topics topics,
      List<Instance> running, int instances) throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Instance instance : running) {
        if (!instance.process().isAlive()) {
          throw new UserError(instance.name() + " stopped while starting:\n" + instance.process().tail());
        }
      }
      ConsumerGroupDescription group = describe(admin, applicationId);
      if (group != null && group.groupState() == GroupState.STABLE) {
        Map<String, List<Integer>> assignment = assignment(group, topics, running);
        int held = assignment.values().stream().mapToInt(List::size).sum();
        if (assignment.size() == instances && held == partitions) {
          return assignment;
        }
      }
      Thread.sleep(500); // polling the group's state: the Admin API has nothing to wait on
    }
    throw new UserError("the enrich group " + applicationId + " did not become stable with " + instances
        + " instances within " + READY_TIMEOUT.toSeconds() + " s");
  }

  private static ConsumerGroupDescription describe(Admin admin, String applicationId)
      throws InterruptedException, ExecutionException {
    try {
      return admin.describeConsumerGroups(List.of(applicationId)).all().get(10, TimeUnit.SECONDS).get(applicationId);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return null; // no member has joined yet
      }
      throw e;
    }
  }

  private static Map<String, List<Integer>> assignment(Admin admin, String applicationId, Topics topics,
      List<Instance> running) throws InterruptedException, ExecutionException {
    ConsumerGroupDescription group = describe(admin, applicationId);
    return group == null ? Map.of() : assignment(group, topics, running);
  }

  /**
   * Partitions of the articles topic by instance (the members of its stream threads together; a
   * member of no known instance by its group instance id, else member id).
   */
  private static Map<String, List<Integer>> assignment(ConsumerGroupDescription group, Topics topics,
      List<Instance> running) {
    Map<String, List<Integer>> byInstance = new TreeMap<>();
    for (MemberDescription member : group.members()) {
      List<Integer> held = member.assignment().topicPartitions().stream()
          .filter(p -> p.topic().equals(topics.articles().name())).map(TopicPartition::partition).toList();
      if (!held.isEmpty()) {
        byInstance.computeIfAbsent(nameOf(member.groupInstanceId().orElse(member.consumerId()), running),
            instance -> new ArrayList<>()).addAll(held);
      }
    }
    byInstance.values().forEach(Collections::sort);
    return byInstance;
  }

  private static String describe(Map<String, List<Integer>> assignment) {
    return assignment.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** The instance a group member belongs to: Streams appends its thread's number to the instance's static id. */
  private static String nameOf(String member, List<Instance> running) {
    return running.stream().filter(i -> member.startsWith(i.memberId() + "-")).map(Instance::name).findFirst()
        .orElse(member);
  }

  private static KafkaConsumer<String, byte[]> enrichedReader(String bootstrap, Topics topics) {
    Properties config = new Properties();
    config.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> all = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topics.enriched().name())) {
      all.add(new TopicPartition(p.topic(), p.partition()));
    }
    consumer.assign(all);
    consumer.seekToBeginning(all);
    return consumer;
  }
}
