package dev.storyline.cli;

import dev.storyline.avro.GenerationState;
import dev.storyline.avro.PipelineGeneration;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a replay against a cluster (see {@link ReplayCommand} for the strategy): switch the
 * enrich instances to a new generation with a clean starting point, then follow it until caught up.
 */
final class Replay {

  private static final Logger log = LoggerFactory.getLogger(Replay.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(2);
  private static final Duration NO_INSTANCE_HINT_AFTER = Duration.ofSeconds(60);
  /** Longer than the clustering stage's default idle flush (2 s), with room for a commit. */
  private static final Duration STORIES_QUIET = Duration.ofSeconds(5);

  private final Properties client;
  private final String bootstrapServers;
  private final Topics topics;
  private final Duration timeout;
  private final PrintWriter progress;
  private final String sinkGroup;
  private final Map<TopicPartition, Long> startOffsets = new HashMap<>();

  /**
   * @param sinkGroup consumer group of the story sink, whose progress the replay waits for
   * @param progress where progress lines go
   */
  Replay(Properties client, String bootstrapServers, Topics topics, Duration timeout, String sinkGroup,
      PrintWriter progress) {
    this.client = client;
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.timeout = timeout;
    this.sinkGroup = sinkGroup;
    this.progress = progress;
  }

  /**
   * Stops {@code previous}, prepares the next generation to start at {@code from} (empty: the
   * earliest article) and tells the instances to run it.
   */
  PipelineGeneration begin(PipelineGeneration previous, String baseApplicationId, Optional<Instant> from)
      throws InterruptedException {
    long n = previous.getGeneration() + 1;
    PipelineGeneration.Builder next = PipelineGeneration.newBuilder()
        .setGeneration(n)
        .setState(GenerationState.STOPPING)
        .setApplicationId(PipelineGenerations.applicationId(baseApplicationId, n))
        .setReplayFrom(from.orElse(null))
        .setRequestedAt(Instant.now())
        .setRequestedBy(PipelineGenerations.requester());
    PipelineGenerations.publish(client, bootstrapServers, topics, next.build());
    try (Admin admin = Admin.create(adminConfig())) {
      awaitGroupEmpty(admin, previous.getApplicationId());
      Map<TopicPartition, OffsetAndMetadata> startOffsets = new HashMap<>();
      offsets(admin, topics.articles().name(), from.map(t -> OffsetSpec.forTimestamp(t.toEpochMilli()))
          .orElse(OffsetSpec.earliest()), IsolationLevel.READ_UNCOMMITTED)
          .forEach((tp, offset) -> startOffsets.put(tp, new OffsetAndMetadata(offset)));
      // Only articles this generation enriches are clustered: it starts at the end of the enriched topic.
      offsets(admin, topics.enriched().name(), OffsetSpec.latest(), IsolationLevel.READ_COMMITTED)
          .forEach((tp, offset) -> startOffsets.put(tp, new OffsetAndMetadata(offset)));
      get(admin.alterConsumerGroupOffsets(next.getApplicationId(), startOffsets).all(), "set the start offsets");
      startOffsets.forEach((tp, offset) -> this.startOffsets.put(tp, offset.offset()));
      int tombstones = tombstoneStories();
      removeGenerationState(admin, previous.getApplicationId());
      log.info("Generation {}: start offsets {}, {} stories of generation {} tombstoned", n, startOffsets,
          tombstones, previous.getGeneration());
    }
    PipelineGeneration running = next.setState(GenerationState.RUNNING).build();
    PipelineGenerations.publish(client, bootstrapServers, topics, running);
    return running;
  }

  /**
   * Follows the new generation until it has processed every article appended before
   * {@code until} (default: now), the enriched topic, and the sink has stored the stories.
   */
  void awaitCaughtUp(PipelineGeneration generation, Optional<Instant> until, String jdbcUrl)
      throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    try (Admin admin = Admin.create(adminConfig())) {
      String group = generation.getApplicationId();
      Map<TopicPartition, Long> start = startOffsets;
      Map<TopicPartition, Long> target = until
          .map(t -> offsets(admin, topics.articles().name(), OffsetSpec.forTimestamp(t.toEpochMilli()),
              IsolationLevel.READ_UNCOMMITTED))
          .orElseGet(() -> offsets(admin, topics.articles().name(), OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED));
      long total = target.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L))).sum();
      long lastReport = 0;
      boolean hinted = false;
      Map<TopicPartition, Long> storiesEnd = Map.of();
      long storiesQuietSince = System.nanoTime();
      while (true) {
        Map<TopicPartition, Long> now = committed(admin, group);
        long done = target.entrySet().stream().mapToLong(e -> Math.max(0,
            Math.min(e.getValue(), now.getOrDefault(e.getKey(), start.getOrDefault(e.getKey(), 0L)))
                - start.getOrDefault(e.getKey(), 0L))).sum();
        boolean articlesDone = done >= total;
        boolean enrichedDone = articlesDone && caughtUp(now, offsets(admin, topics.enriched().name(),
            OffsetSpec.latest(), IsolationLevel.READ_COMMITTED));
        // The clustering stage holds articles in its event-time reorder buffer and releases them
        // once event time or an idle period passes them: the stories topic must also have gone quiet.
        Map<TopicPartition, Long> storiesNow =
            offsets(admin, topics.stories().name(), OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
        if (!storiesNow.equals(storiesEnd)) {
          storiesEnd = storiesNow;
          storiesQuietSince = System.nanoTime();
        }
        boolean storiesQuiet = System.nanoTime() - storiesQuietSince > STORIES_QUIET.toNanos();
        boolean sinkDone = enrichedDone && storiesQuiet && sinkCaughtUp(admin, !hinted);
        long elapsed = System.nanoTime() - started;
        if (sinkDone || System.nanoTime() - lastReport > REPORT_EVERY.toNanos()) {
          lastReport = System.nanoTime();
          progress.println(progressLine(done, total, elapsed, articlesDone, enrichedDone, sinkDone));
          progress.flush();
        }
        if (sinkDone) {
          return;
        }
        if (!hinted && elapsed > NO_INSTANCE_HINT_AFTER.toNanos() && members(admin, group) == 0) {
          hinted = true;
          progress.println("replay: no enrich instance runs generation " + generation.getGeneration()
              + " yet; start ./storyline up or ./storyline enrich");
        }
        if (System.nanoTime() > deadline) {
          throw new UserError("replay not caught up within " + timeout.toSeconds() + " s (" + done + " of " + total
              + " articles); it goes on in the enrich instances: run storyline replay again with --no-wait to "
              + "inspect, or raise --timeout");
        }
        Thread.sleep(POLL.toMillis()); // polling the cluster's offsets: there is nothing to be notified by
      }
    }
  }

  static String progressLine(long done, long total, long elapsedNanos, boolean articles, boolean enriched, boolean sink) {
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    double rate = done / seconds;
    String eta = rate > 0 && done < total ? String.format(Locale.ROOT, ", ETA %.0f s", (total - done) / rate) : "";
    String stage = sink ? "done" : enriched ? "waiting for the sink" : articles ? "clustering" : "enriching";
    return String.format(Locale.ROOT, "replay: %,d of %,d articles (%.0f/s, lag %,d%s), %s",
        done, total, rate, total - done, eta, stage);
  }

  /** True once the sink has stored every story, or when no sink is running to wait for. */
  private boolean sinkCaughtUp(Admin admin, boolean sayWhenAbsent) {
    if (members(admin, sinkGroup) == 0) {
      if (sayWhenAbsent) {
        progress.println("replay: no story sink is running (group " + sinkGroup + "); not waiting for the database");
      }
      return true;
    }
    Map<TopicPartition, Long> committed = committed(admin, sinkGroup);
    return caughtUp(committed, offsets(admin, topics.stories().name(), OffsetSpec.latest(), IsolationLevel.READ_COMMITTED));
  }

  private static boolean caughtUp(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
  }

  private void awaitGroupEmpty(Admin admin, String group) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastReport = 0;
    int members;
    while ((members = members(admin, group)) > 0) {
      if (System.nanoTime() > deadline) {
        throw new UserError(members + " enrich instance(s) of " + group + " did not stop within "
            + timeout.toSeconds() + " s; stop them (or let them see " + topics.control().name() + ") and retry");
      }
      if (System.nanoTime() - lastReport > REPORT_EVERY.toNanos()) {
        lastReport = System.nanoTime();
        progress.println("replay: waiting for " + members + " instance(s) of " + group + " to stop");
        progress.flush();
      }
      Thread.sleep(POLL.toMillis()); // polling group membership: there is nothing to be notified by
    }
  }

  private int members(Admin admin, String group) {
    try {
      ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(group);
      return description == null ? 0 : description.members().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return 0;
      }
      throw new UserError("cannot describe group " + group + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new UserError("cannot describe group " + group + " within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted", e);
    }
  }

  /** The offsets {@code group} has committed, by partition (partitions without one left out). */
  Map<TopicPartition, Long> committed(Admin admin, String group) {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "read the offsets of " + group);
    Map<TopicPartition, Long> result = new HashMap<>();
    offsets.forEach((tp, o) -> {
      if (o != null) {
        result.put(tp, o.offset());
      }
    });
    return result;
  }

  /** The offsets of every partition of {@code topic} for {@code spec}; the end where none is found. */
  Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec, IsolationLevel isolation) {
    Map<TopicPartition, OffsetSpec> request = partitions(admin, topic).stream()
        .collect(Collectors.toMap(tp -> tp, tp -> spec));
    Map<TopicPartition, ListOffsetsResultInfo> found =
        get(admin.listOffsets(request, new ListOffsetsOptions(isolation)).all(), "list the offsets of " + topic);
    Map<TopicPartition, Long> result = new HashMap<>();
    Map<TopicPartition, ListOffsetsResultInfo> latest = null;
    for (var entry : found.entrySet()) {
      long offset = entry.getValue().offset();
      if (offset < 0) {
        // No record at or after the timestamp: start (or stop) at the end.
        if (latest == null) {
          latest = get(admin.listOffsets(partitions(admin, topic).stream()
              .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all(), "list the offsets of " + topic);
        }
        offset = latest.get(entry.getKey()).offset();
      }
      result.put(entry.getKey(), offset);
    }
    return result;
  }

  private List<TopicPartition> partitions(Admin admin, String topic) {
    return get(admin.describeTopics(List.of(topic)).allTopicNames(), "describe " + topic).get(topic).partitions()
        .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  /** Writes a tombstone for every live story; returns how many. */
  private int tombstoneStories() {
    Topic<String, ?> stories = topics.stories();
    Set<String> live = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        PipelineGenerations.consumerConfig(client, bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(stories.name(), timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      TopicScan.fromBeginningToEnd(consumer, partitions, timeout, record -> {
        if (record.value() == null) {
          live.remove(record.key());
        } else {
          live.add(record.key());
        }
      });
    }
    Properties config = new Properties();
    config.putAll(client);
    config.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (String id : live) {
        producer.send(new ProducerRecord<>(stories.name(), id, null));
      }
      producer.flush();
    }
    return live.size();
  }

  /** Deletes the previous generation's changelog and repartition topics and its group. */
  private void removeGenerationState(Admin admin, String applicationId) {
    Pattern ownTopic = Pattern.compile(Pattern.quote(applicationId) + "-(?!g\\d+-).+-(changelog|repartition)");
    Set<String> internal = get(admin.listTopics().names(), "list topics").stream()
        .filter(name -> ownTopic.matcher(name).matches()).collect(Collectors.toSet());
    if (!internal.isEmpty()) {
      get(admin.deleteTopics(internal).all(), "delete the topics of " + applicationId);
      log.info("Deleted internal topics of {}: {}", applicationId, internal);
    }
    try {
      admin.deleteConsumerGroups(List.of(applicationId)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException) && !(e.getCause() instanceof GroupNotEmptyException)) {
        throw new UserError("cannot delete group " + applicationId + ": " + e.getCause().getMessage(), e);
      }
    } catch (TimeoutException e) {
      throw new UserError("cannot delete group " + applicationId + " within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted", e);
    }
  }

  private Properties adminConfig() {
    Properties config = new Properties();
    config.putAll(client);
    config.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return config;
  }

  private <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new UserError("cannot " + what + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new UserError("cannot " + what + " within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while trying to " + what, e);
    }
  }
}
